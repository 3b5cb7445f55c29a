package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;

/**
 * Byte copy and fill loops done at once ({@code translate.ByteLoops}, {@code runtime.internal.ByteLoops})
 * on {@code src/test/resources/byteloops/byteloops.wat}: which loops are taken for them, and that
 * every call leaves the result (or trap) and the whole memory exactly as the loop run iteration by
 * iteration does (an engine with epoch checks, which runs every loop as compiled): overlapping
 * copies either way, accesses out of bounds part-way (the loop's own iterations run and trap), a
 * counter of 0 (2^32 iterations), addresses that wrap. With fuel, also the fuel each call consumes,
 * and where a call runs out, with just enough fuel and one less.
 */
class ByteLoopsTest {
    private static byte[] wat() throws IOException {
        try (InputStream in = ByteLoopsTest.class.getResourceAsStream("/byteloops/byteloops.wat")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theCopyAndFillLoopsAndNoLookAlikesAreTaken() throws IOException {
        byte[] wasm = dev.bytelift.compiler.text.Wat.toBinary(wat(), "byteloops.wat");
        Map<String, byte[]> classes = ByteliftCompiler.emitClasses(new Engine(EngineConfig.builder().build()), wasm,
                GoldenBytecodeTest.CLASS_NAME);
        List<String> taken = new ArrayList<>();
        for (byte[] bytes : classes.values()) {
            ClassNode c = new ClassNode();
            new ClassReader(bytes).accept(c, 0);
            for (MethodNode m : c.methods) {
                for (AbstractInsnNode i : m.instructions) {
                    if (i instanceof MethodInsnNode call && call.owner.endsWith("/ByteLoops")) taken.add(m.name + " " + call.name);
                }
            }
        }
        taken.sort(null);
        // functions 0-4 are the five loops (copy_up, copy_down, fill_up, fill_down_offset, copy_offsets), 5-7 the look-alikes
        assertEquals(List.of("f0 copy", "f1 copy", "f2 fill", "f3 fill", "f4 copy"), taken);
        // with epoch checks, every loop runs as compiled (their checks would be skipped)
        Map<String, byte[]> checked = ByteliftCompiler.emitClasses(new Engine(EngineConfig.builder().epochInterruption(true).build()),
                wasm, GoldenBytecodeTest.CLASS_NAME);
        for (byte[] bytes : checked.values()) assertTrue(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("ByteLoops") < 0);
    }

    private static final Object[][] CALLS = {
        {"copy_up", 100, 200, 50}, {"copy_up", 200, 100, 50}, {"copy_up", 110, 100, 50}, {"copy_up", 100, 110, 50},
        {"copy_up", 101, 100, 300}, {"copy_up", 65500, 0, 100}, {"copy_up", 0, 65500, 100}, {"copy_up", 0, 0, 0},
        {"copy_up", 65536, 0, 1}, {"copy_up", -1, 0, 5}, {"copy_up", 0, 65535, 1}, {"copy_up", 65535, 0, 1},
        {"copy_up", 0, 65535, 2}, {"copy_up", 65535, 0, 2},
        {"copy_down", 100, 200, 50}, {"copy_down", 110, 100, 50}, {"copy_down", 100, 110, 50}, {"copy_down", 100, 101, 300},
        {"copy_down", 0, 100, 50}, {"copy_down", 65530, 0, 10}, {"copy_down", -5, 100, 10}, {"copy_down", 100, -5, 10},
        {"fill_up", 100, 0x1FF, 50}, {"fill_up", 65530, 9, 20}, {"fill_up", 0, 1, 0}, {"fill_up", 65535, 3, 1}, {"fill_up", 65535, 3, 2},
        {"fill_down_offset", 100, 20}, {"fill_down_offset", 10, 0}, {"fill_down_offset", 10, 11}, {"fill_down_offset", 10, 12},
        {"fill_down_offset", 65530, 1}, {"fill_down_offset", 65531, 1},
        {"copy_offsets", 100, 200, 30}, {"copy_offsets", 65520, 0, 30}, {"copy_offsets", 0, 65500, 40}, {"copy_offsets", 0, 0, 0},
        {"copy_offsets", 103, 100, 40},
        {"not_counter_address", 50}, {"not_extra_local", 100, 200, 30}, {"not_reverse", 100, 300, 30},
    };

    @Test
    void everyCallLeavesWhatTheLoopsIterationsLeave() throws IOException {
        Engine plain = new Engine(EngineConfig.builder().build());
        Engine checked = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Module fast = plain.compile(wat());
        Module slow = checked.compile(wat());
        int trapped = 0;
        for (Object[] call : CALLS) {
            Outcome a = run(plain, fast, call, -1);
            Outcome b = run(checked, slow, call, -1);
            String what = java.util.Arrays.toString(call);
            assertEquals(b.result, a.result, what);
            assertArrayEquals(b.memory, a.memory, what);
            if (a.result.startsWith("trap")) trapped++;
        }
        assertTrue(trapped >= 8, "the calls out of bounds trap: " + trapped);
    }

    /**
     * Fuel metering charges a loop done at once what its iterations cost, and it runs out where they
     * do: with Wasmtime's costs, and with every operator costing its opcode's low bits plus 1 (the
     * loop's {@code end} too, which the jump past the loop must charge itself).
     */
    @Test
    void withFuelEveryCallConsumesAndRunsOutWhereTheIterationsDo() throws IOException {
        fuelAgrees(dev.bytelift.runtime.OperatorCost.WASMTIME);
        fuelAgrees((opcode, sub) -> (opcode & 3) + 1);
    }

    private void fuelAgrees(dev.bytelift.runtime.OperatorCost costs) throws IOException {
        Engine metered = new Engine(EngineConfig.builder().consumeFuel(true).operatorCost(costs).build());
        Engine reference = new Engine(EngineConfig.builder().consumeFuel(true).operatorCost(costs).epochInterruption(true).build());
        Module fast = metered.compile(wat());
        Module slow = reference.compile(wat());
        int boundaries = 0;
        for (Object[] call : CALLS) {
            String what = java.util.Arrays.toString(call);
            Outcome b = run(reference, slow, call, PLENTY);
            Outcome a = run(metered, fast, call, PLENTY);
            assertEquals(b.result, a.result, what);
            assertEquals(b.fuelLeft, a.fuelLeft, what + " fuel");
            assertArrayEquals(b.memory, a.memory, what);
            if (b.result.startsWith("trap")) continue;
            // just enough, up to 41 less (so that one of the last iterations' header checks sees
            // exactly 0), and half: the reference runs out in the loop's last iterations or earlier
            long needed = PLENTY - b.fuelLeft;
            java.util.TreeSet<Long> amounts = new java.util.TreeSet<>();
            for (long k = 0; k <= 41 && needed - k >= 0; k++) amounts.add(needed - k);
            amounts.add(needed / 2);
            for (long fuel : amounts) {
                Outcome bb = run(reference, slow, call, fuel);
                Outcome aa = run(metered, fast, call, fuel);
                assertEquals(bb.result, aa.result, what + " with fuel " + fuel);
                assertEquals(bb.fuelLeft, aa.fuelLeft, what + " fuel left, with fuel " + fuel);
                assertArrayEquals(bb.memory, aa.memory, what + " with fuel " + fuel);
                boundaries++;
            }
        }
        assertTrue(boundaries >= 500, "calls run with little fuel: " + boundaries);
    }

    private static final long PLENTY = 1L << 40;

    private record Outcome(String result, byte[] memory, long fuelLeft) {}

    private static Outcome run(Engine engine, Module module, Object[] call, long fuel) {
        Store store = new Store(engine);
        if (engine.config().consumeFuel()) store.setFuel(PLENTY);
        if (engine.config().epochInterruption()) store.setEpochDeadline(1L << 40);
        Instance instance = new Linker().instantiate(store, module);
        byte[] pattern = new byte[65536];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 7 + 3);
        instance.getMemory("memory").write(0, pattern);
        if (fuel >= 0) store.setFuel(fuel);
        Object[] args = java.util.Arrays.copyOfRange(call, 1, call.length);
        String result;
        try {
            result = String.valueOf(instance.getFunc((String) call[0]).call(args)[0]);
        } catch (Trap t) {
            result = "trap " + t.code();
        }
        return new Outcome(result, instance.getMemory("memory").read(0, 65536), fuel >= 0 ? store.getFuel() : -1);
    }
}
