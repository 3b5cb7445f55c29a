package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.EXTERNREF;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.F32;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.F64;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.FUNCREF;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I64;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.V128;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 1: misuse of the embedding API gets a clear {@link IllegalArgumentException} or
 * {@link IllegalStateException} (or the memory/table trap for an access out of bounds), never a
 * ClassCastException, NullPointerException or ArrayIndexOutOfBoundsException from inside the runtime.
 */
class ApiMisuseTest {
    private final Engine engine = new Engine();
    private final Store store = new Store(engine);

    /** A value of each type, and one of the wrong Java class for it. */
    private static final Map<ValType, Object> GOOD = Map.of(ValType.I32, 1, ValType.I64, 1L, ValType.F32, 1f,
            ValType.F64, 1d, ValType.V128, new V128(1, 2), ValType.EXTERNREF, "anything");

    private static Object[] wrongValues(ValType t) {
        return switch (t.kind()) {
            case I32 -> new Object[] {5L, 1.0f, "x", null, (short) 1};
            case I64 -> new Object[] {5, 1.0, null};
            case F32 -> new Object[] {1.0, 1, null};
            case F64 -> new Object[] {1.0f, 1L, null};
            case V128 -> new Object[] {1L, new long[] {1, 2}, null};
            case FUNCREF -> new Object[] {"not a function", 1};
            default -> new Object[0];
        };
    }

    @Test
    void globalSetRejectsEveryWrongTypeByName() {
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FUNCREF, ValType.EXTERNREF)) {
            Global g = new Global(new GlobalType(t, true), t == ValType.FUNCREF ? null : GOOD.get(t));
            for (Object wrong : wrongValues(t)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.set(wrong), t + " <- " + wrong);
                assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
            }
            if (t != ValType.FUNCREF) {
                g.set(GOOD.get(t));
                assertEquals(GOOD.get(t), g.get());
            }
            for (Object wrong : wrongValues(t)) {
                assertThrows(IllegalArgumentException.class, () -> new Global(new GlobalType(t, false), wrong));
            }
        }
    }

    @Test
    void globalSetOnAnImmutableGlobalIsAnIllegalState() {
        Global g = new Global(new GlobalType(ValType.I32, false), 7);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.set(8));
        assertTrue(e.getMessage().contains("immutable"), e.getMessage());
        assertEquals(7, g.get());
    }

    @Test
    void tablesRejectWrongReferencesAndCheckBounds() {
        Table t = new Table(new TableType(ValType.FUNCREF, new Limits(2, 10)), null);
        assertThrows(IllegalArgumentException.class, () -> t.set(0, "not a function"));
        assertThrows(IllegalArgumentException.class, () -> t.grow(1, "not a function"));
        assertEquals(2, t.size());
        assertThrows(IllegalArgumentException.class, () -> new Table(new TableType(ValType.FUNCREF, new Limits(1, 1)), 42));
        assertEquals(TrapCode.TABLE_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> t.set(2, null)).code());
        assertEquals(TrapCode.TABLE_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> t.get(-1)).code());
        Table ext = new Table(new TableType(ValType.EXTERNREF, new Limits(1, 1)), null);
        ext.set(0, "any object");
        assertEquals("any object", ext.get(0));
        assertEquals(-1, ext.grow(1, null)); // past the maximum
    }

    @Test
    void memoryAccessesOutOfRangeAreTheMemoryTrap() {
        Memory m = new Memory(new MemoryType(new Limits(1, 1)));
        int size = m.byteSize();
        Runnable[] bad = {
            () -> m.read(size - 1, 2), () -> m.read(-1, 1), () -> m.read(0, -1), () -> m.read(Integer.MAX_VALUE, 1),
            () -> m.read(1, Integer.MAX_VALUE), () -> m.write(size - 3, new byte[4]), () -> m.write(-4, new byte[1]),
            () -> m.readString(size, 1), () -> m.readByte(size), () -> m.writeByte(-1, (byte) 0),
            () -> m.readInt(size - 3), () -> m.writeInt(Integer.MIN_VALUE, 0), () -> m.readLong(size - 7),
            () -> m.writeLong(size, 0),
        };
        for (Runnable r : bad) assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, r::run).code());
        NullPointerException e = assertThrows(NullPointerException.class, () -> m.write(0, null));
        assertTrue(e.getMessage().contains("data"), e.getMessage());
        m.writeLong(size - 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, m.readLong(size - 8));
    }

    @Test
    void funcCallChecksTheNumberAndTypesOfArguments() {
        ModuleBuilder mb = new ModuleBuilder();
        int[] params = {I32, I64, F32, F64, V128, FUNCREF, EXTERNREF};
        int t = mb.type(params, new int[] {I32});
        mb.export("f", 0, mb.func(t, new Bytes().op(0x20).u32(0)));
        Func f = new dev.bytelift.runtime.Linker().instantiate(store, engine.compile(mb.toBytes())).getFunc("f");
        Object[] good = {7, 1L, 1f, 1d, new V128(0, 0), null, "x"};
        assertEquals(7, f.call(good)[0]);
        assertThrows(IllegalArgumentException.class, () -> f.call());
        assertThrows(IllegalArgumentException.class, () -> f.call(7, 1L));
        assertThrows(IllegalArgumentException.class, () -> f.call((Object[]) null));
        for (int i = 0; i < params.length; i++) {
            for (Object wrong : wrongValues(ValType.fromCode(params[i]))) {
                Object[] args = good.clone();
                args[i] = wrong;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.call(args), "argument " + wrong);
                assertTrue(e.getMessage().contains("argument " + i), e.getMessage());
            }
        }
        Object[] withFunc = good.clone();
        withFunc[5] = f;
        assertEquals(7, f.call(withFunc)[0]);
        // a host function of a multi-value type gets the same checks
        Func host = Func.host(store, FuncType.of(List.of(ValType.I32), List.of(ValType.I32, ValType.I64)),
                (c, a) -> new Object[] {a[0], 2L});
        assertThrows(IllegalArgumentException.class, () -> host.call(1L));
        assertEquals(List.of(1, 2L), List.of(host.call(1)));
        assertSame(store, host.store());
    }
}
