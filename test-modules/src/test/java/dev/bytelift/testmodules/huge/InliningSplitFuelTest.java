package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.internal.CodeRegistry;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Fuel stays exact in a function split because it would exhaust C2's inlining budget: a small
 * body with very many memory accesses, whose pieces keep the counter in JVM locals and pass it to
 * each other as an argument, and a body over 4 KiB, whose pieces share it in the frame array.
 * With few accesses the same function is not split, and all three follow the same cost formula.
 */
class InliningSplitFuelTest {
    private static final int I32 = 0x7F, I64 = 0x7E;
    private static final long PLENTY = 1_000_000_000L;

    @TempDir
    Path classes;

    /**
     * {@code run(i32 n, i32 addr) -> i64}: a loop of {@code n} iterations, each adding
     * {@code loads} i64 loads to an accumulator (5 operators each), calling an empty function
     * (2: the call and the callee's entry), loading from {@code addr} (5) and counting down (5).
     */
    private static byte[] module(int loads) {
        WasmWriter w = new WasmWriter();
        int run = w.type(new int[] {I32, I32}, new int[] {I64});
        int empty = w.type(new int[0], new int[0]);
        Bytes c = new Bytes().op(0x03, 0x40);                                 // loop
        for (int i = 0; i < loads; i++) {
            c.op(0x20, 2).i32Const(0).op(0x29, 3).u32(8L * i).op(0x7C, 0x21, 2); // acc += load(8i)
        }
        c.op(0x10, 1);                                                         // call $empty
        c.op(0x20, 2, 0x20, 1, 0x29, 3, 0, 0x7C, 0x21, 2);                   // acc += load(addr)
        c.op(0x20, 0).i32Const(1).op(0x6B, 0x22, 0, 0x0D, 0);                 // br_if (n = n - 1)
        c.op(0x0B, 0x20, 2, 0x0B);                                            // end; acc
        w.exportFunc("run", w.func(run, HugeModules.locals(1, I64), c));
        w.func(empty, new Bytes().u32(0), new Bytes().op(0x0B));
        w.memory(1);
        return w.toBytes();
    }

    private static long expected(int loads, int iterations) {
        return 1 + iterations * (5L * loads + 2 + 5 + 5) + 1;
    }

    @ParameterizedTest(name = "{0} loads per iteration")
    @ValueSource(ints = {10, 200, 400})
    void fuelIsExactWhetherOrNotTheFunctionIsSplit(int loads) throws IOException {
        byte[] wasm = module(loads);
        // 200 loads: split only for inlining (counter in locals); 400: a large body (frame array)
        assertEquals(loads > 300, wasm.length > EngineConfig.DEFAULT_SPLIT_FUNCTIONS_OVER, "body size");
        Path dir = classes.resolve("l" + loads);
        Engine engine = new Engine(EngineConfig.builder().consumeFuel(true).dumpClassesDir(dir.toString()).build());
        Store store = new Store(engine);
        Instance instance = new Linker().instantiate(store, engine.compile(wasm));
        // split (into pieces passing the counter) only with many loads
        assertEquals(loads > 100, hasRegions(dir), "split");

        for (int n : new int[] {1, 3, 100}) {
            store.setFuel(PLENTY);
            instance.getFunc("run").call(n, 0);
            assertEquals(expected(loads, n), PLENTY - store.getFuel(), n + " iterations");
        }
        // exactly enough fuel for 7 iterations, and not enough for more
        store.setFuel(expected(loads, 7));
        instance.getFunc("run").call(7, 0);
        assertEquals(0, store.getFuel());
        store.setFuel(expected(loads, 7));
        Trap out = assertThrows(Trap.class, () -> instance.getFunc("run").call(8, 0));
        assertEquals(TrapCode.OUT_OF_FUEL, out.code());
        // a trap in the first iteration, at the load from addr: the fuel spent before it is not lost
        store.setFuel(PLENTY);
        Trap oob = assertThrows(Trap.class, () -> instance.getFunc("run").call(5, 1 << 20));
        assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, oob.code());
        assertEquals(1 + 5L * loads + 2 + 3, PLENTY - store.getFuel());
    }

    private static boolean hasRegions(Path dir) throws IOException {
        byte[] marker = CodeRegistry.REGION_MARKER.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), marker) >= 0;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
