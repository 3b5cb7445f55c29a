package dev.bytelift.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SimdTableTest {

    private static final List<Class<?>> CLASSES = List.of(
            SimdMemory.class, SimdLanes.class, SimdBitwise.class, SimdIntArith.class,
            SimdCompare.class, SimdFloatArith.class, SimdConvert.class, SimdRelaxed.class);

    @Test
    void coversExactlyTheWasm2SimdOpcodes() {
        assertEquals(236, SimdSignatures.ALL.size());
        Set<Integer> unassigned = Set.of(0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB,
                0xC2, 0xC5, 0xC6, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE);
        int methods = 0;
        for (int op = 0; op < 256; op++) {
            SimdSignatures.Sig sig = SimdSignatures.ALL.get(op);
            assertEquals(sig == null, unassigned.contains(op), "opcode 0x" + Integer.toHexString(op));
            Method m = SimdTable.forOpcode(op);
            if (sig == null || op == SimdTable.V128_CONST) {
                assertNull(m, "opcode 0x" + Integer.toHexString(op));
            } else {
                assertNotNull(m, sig.name());
                methods++;
            }
            assertEquals(sig == null ? null : sig.name(), SimdTable.instructionName(op));
        }
        assertEquals(235, methods);
        assertNull(SimdTable.forOpcode(-1));
        assertNull(SimdTable.forOpcode(0x114));
        assertNull(SimdTable.forOpcode(0x100 | 0x1E));
        assertNull(SimdTable.instructionName(1000));
    }

    @Test
    void coversTheRelaxedSimdOpcodes() {
        for (int op = 0x100; op <= 0x113; op++) {
            Method m = SimdTable.forOpcode(op);
            assertNotNull(m, "opcode 0x" + Integer.toHexString(op));
            assertEquals(SimdRelaxed.class, m.getDeclaringClass());
            assertEquals(SimdTable.instructionName(op).replace('.', '_'), m.getName());
            assertTrue(SimdTable.instructionName(op).contains(".relaxed_"), SimdTable.instructionName(op));
        }
        assertNull(SimdTable.forOpcode(0x114));
    }

    @Test
    void everyMethodFollowsTheAbi() {
        for (SimdSignatures.Sig sig : SimdSignatures.ALL.values()) {
            if (sig.opcode() == SimdTable.V128_CONST) {
                continue;
            }
            Method m = SimdTable.forOpcode(sig.opcode());
            String what = sig.name() + " -> " + m;
            assertEquals(sig.name().replace('.', '_'), m.getName(), what);
            assertTrue(CLASSES.contains(m.getDeclaringClass()), what);
            assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()), what);
            assertTrue(Modifier.isPublic(m.getDeclaringClass().getModifiers()), what);
            assertEquals(sig.parameterTypes(), Arrays.asList(m.getParameterTypes()), what);
            assertEquals(sig.returnType(), m.getReturnType(), what);
            assertEquals(0, m.getExceptionTypes().length, what);
        }
    }

    @Test
    void publicMethodsAreExactlyTheTableEntries() {
        Set<String> listed = new TreeSet<>();
        for (int op = 0; op < 0x114; op++) {
            Method m = SimdTable.forOpcode(op);
            if (m != null) {
                listed.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        Set<String> declared = new TreeSet<>();
        Map<String, Integer> names = new HashMap<>();
        for (Class<?> c : CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                names.merge(c.getSimpleName() + "." + m.getName(), 1, Integer::sum);
                if (Modifier.isPublic(m.getModifiers())) {
                    declared.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(listed, declared);
        for (String name : listed) {
            assertEquals(1, names.get(name), "overloaded: " + name);
        }
    }

    @Test
    void methodNamesFollowTheExamplesOfTheAbi() throws Exception {
        assertEquals(SimdIntArith.class.getMethod("i16x8_extadd_pairwise_i8x16_s", long.class, long.class,
                dev.bytelift.runtime.internal.Scratch.class), SimdTable.forOpcode(0x7C));
        assertEquals("f64x2_convert_low_i32x4_u", SimdTable.forOpcode(0xFF).getName());
        assertEquals("v128_load32_zero", SimdTable.forOpcode(0x5C).getName());
        assertEquals("i32x4_trunc_sat_f32x4_s", SimdTable.forOpcode(0xF8).getName());
        assertEquals("i32x4_trunc_sat_f64x2_u_zero", SimdTable.forOpcode(0xFD).getName());
    }
}
