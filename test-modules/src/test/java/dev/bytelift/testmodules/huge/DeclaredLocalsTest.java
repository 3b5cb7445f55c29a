package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Declared locals cost nothing unless the body uses them (issue 20, fuzz seed 107: 70,000
 * functions each declaring 30,000 funcref locals in four bytes took 11 s of CPU to compile,
 * growing with the 2.1 billion declared locals instead of the 1.6 MB module). Checked by what
 * compiling and calling every function allocates in all, which grew by a word or more per
 * declared local per function before (the types, slots, frame-array indexes, frame arrays): now
 * like a twin module declaring next to no locals, in every configuration (eager, fuel and epochs,
 * every function split, lazy).
 */
class DeclaredLocalsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final int I32 = 0x7F, I64 = 0x7E, F64 = 0x7C, V128 = 0x7B, FUNCREF = 0x70, EXTERNREF = 0x6F;

    private static Engine engine(String config) {
        EngineConfig.Builder b = EngineConfig.builder().compileThreads(1);
        switch (config) {
            case "plain" -> {}
            case "fuel-epochs" -> b.consumeFuel(true).epochInterruption(true);
            case "split" -> b.splitFunctionsOver(0).regionInstructions(8);
            case "lazy" -> b.lazyCompilation(true);
            default -> throw new IllegalArgumentException(config);
        }
        return new Engine(b.build());
    }

    private static Store store(Engine engine, String config) {
        Store s = new Store(engine);
        if (config.equals("fuel-epochs")) {
            s.setFuel(1_000_000_000L);
            s.setEpochDeadline(1_000_000);
        }
        return s;
    }

    private static Bytes section(int id, Bytes content) {
        return new Bytes().op(id).u32(content.size()).bytes(content.toArray());
    }

    /**
     * {@code functions} functions of type {@code (i32) -> i32}, exported as f0, f1...; each declares
     * 30,000 funcref locals, then an i32 local (index 30,001), 9,999 i64 and 9,999 f64 locals
     * (50,000 with the parameter, the limit), and returns {@code param + 7} through the i32 local after reading
     * the last funcref local (null) and the i32 local before any write (zero).
     */
    static byte[] manyFunctionsManyLocals(int functions) {
        return manyFunctions(functions, 30_000, 9_999);
    }

    /** The same functions with {@code funcrefs} funcref locals and {@code others} i64 and f64 locals each. */
    static byte[] manyFunctions(int functions, int funcrefs, int others) {
        Bytes types = new Bytes().u32(1).funcType(new int[] {I32}, new int[] {I32});
        Bytes funcs = new Bytes().u32(functions);
        Bytes exports = new Bytes().u32(functions);
        Bytes code = new Bytes().u32(functions);
        for (int f = 0; f < functions; f++) {
            funcs.u32(0);
            exports.name("f" + f).op(0).u32(f);
            Bytes body = new Bytes().u32(4)
                    .u32(funcrefs).op(FUNCREF)
                    .u32(1).op(I32)
                    .u32(others).op(I64)
                    .u32(others).op(F64)
                    // 50,000 in all with the parameter: the limit
                    .op(0x20).u32(funcrefs) // local.get 30000 (the last funcref)
                    .op(0xD1) // ref.is_null: 1
                    .op(0x20).u32(funcrefs + 1) // local.get 30001 (the i32): 0
                    .op(0x6A) // i32.add: 1
                    .op(0x20).u32(0).op(0x6A) // + param
                    .op(0x41, 6).op(0x6A) // + 6
                    .op(0x22).u32(funcrefs + 1) // local.tee 30001
                    .op(0x0B);
            code.u32(body.size()).bytes(body.toArray());
        }
        Bytes b = new Bytes().op(0, 'a', 's', 'm', 1, 0, 0, 0);
        b.bytes(section(1, types).toArray());
        b.bytes(section(3, funcs).toArray());
        b.bytes(section(7, exports).toArray());
        b.bytes(section(10, code).toArray());
        return b.toArray();
    }

    /**
     * One function {@code run(i64) -> i64} declaring 49,999 locals of every kind (i32, i64, f64,
     * v128, funcref, externref) in runs, using five of them spread over the range: each read
     * before any write is zero (or null), then written and read back.
     */
    static byte[] oneFunctionFiftyThousandLocals() {
        return oneFunction(8_333);
    }

    /** The same function with {@code n} locals of each kind ({@code n + 1} externrefs). */
    static byte[] oneFunction(int n) {
        Bytes types = new Bytes().u32(1).funcType(new int[] {I64}, new int[] {I64});
        // locals 1..8333 i32, 8334..16666 i64, 16667..24999 f64, 25000..33332 v128,
        // 33333..41665 funcref, 41666..49999 externref (49,999 declared, 50,000 with the parameter)
        Bytes body = new Bytes().u32(6)
                .u32(n).op(I32).u32(n).op(I64).u32(n).op(F64)
                .u32(n).op(V128).u32(n).op(FUNCREF).u32(n + 1).op(EXTERNREF);
        int i32 = n, i64 = 2 * n, f64 = 2 * n + n / 2 + 1, v128 = 3 * n + n / 2 + 1, funcref = 4 * n + n / 2 + 1, externref = 6 * n + 1;
        // i64 local = param + i32 local (0), extended
        body.op(0x20).u32(0).op(0x20).u32(i32).op(0xAD).op(0x7C).op(0x21).u32(i64);
        // + f64 local (0.0) truncated
        body.op(0x20).u32(i64).op(0x20).u32(f64).op(0xB0).op(0x7C).op(0x21).u32(i64);
        // + lane 1 of a v128 local (0), after writing 5 into lane 0 of it and reading it back
        body.op(0x20).u32(v128).op(0x42, 5).op(0xFD).u32(30).op(0).op(0x21).u32(v128); // i64x2.replace_lane 0
        body.op(0x20).u32(i64).op(0x20).u32(v128).op(0xFD).u32(29).op(1).op(0x7C); // i64x2.extract_lane 1: 0
        body.op(0x20).u32(v128).op(0xFD).u32(29).op(0).op(0x7C); // lane 0: 5
        // + 10 if a funcref local and the last (externref) local are null
        body.op(0x20).u32(funcref).op(0xD1).op(0x20).u32(externref).op(0xD1).op(0x71).op(0xAD).op(0x42, 10).op(0x7E).op(0x7C);
        body.op(0x0B);
        Bytes code = new Bytes().u32(1).u32(body.size()).bytes(body.toArray());
        Bytes b = new Bytes().op(0, 'a', 's', 'm', 1, 0, 0, 0);
        b.bytes(section(1, types).toArray());
        b.bytes(section(3, new Bytes().u32(1).u32(0)).toArray());
        b.bytes(section(7, new Bytes().u32(1).name("run").op(0).u32(0)).toArray());
        b.bytes(section(10, code).toArray());
        return b.toArray();
    }

    /** Runs {@code body} and returns what the thread allocated meanwhile. */
    private static long allocated(Engine engine, Runnable body) {
        engine.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}); // the engine warmed up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * Compiles {@code wasm} and calls it through {@code calls}: what compiling allocated, and what
     * compiling, instantiating and calling did.
     */
    private static long[] measure(String what, String config, byte[] wasm, java.util.function.Consumer<Instance> calls) {
        Engine engine = engine(config);
        Module[] m = new Module[1];
        long compile = allocated(engine, () -> m[0] = engine.compile(wasm));
        long all = compile + allocated(engine, () -> calls.accept(new Linker().instantiate(store(engine, config), m[0])));
        System.out.printf("[locals] %-58s %,9d bytes: compile %,12d bytes allocated (%.0fx), with the calls %,12d%n",
                what + ", " + config, wasm.length, compile, compile / (double) wasm.length, all);
        return new long[] {compile, all};
    }

    /**
     * At most twice what the twin declaring next to no locals allocated, and 1 MB (a word per
     * declared local would be 800 MB for the 2,000 functions, and 400 MB for the 1,000 calls).
     */
    private static void likeTheTwin(String what, long bytes, long twin) {
        assertTrue(bytes < 2 * twin + (1 << 20), what + ": " + bytes + " bytes allocated, " + twin + " with few locals declared");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "fuel-epochs", "split", "lazy"})
    void manyFunctionsDeclaringFiftyThousandLocalsEach(String config) {
        int functions = 2_000; // 100 million declared locals in about 90 KB
        java.util.function.Consumer<Instance> calls = i -> {
            for (int f = 0; f < functions; f++) assertEquals(f + 7, i.getFunc("f" + f).call(f)[0], "f" + f);
        };
        measure("(warming up)", config, manyFunctions(functions, 1, 1), calls); // first uses of classes
        long[] few = measure(functions + " functions x 4 locals", config, manyFunctions(functions, 1, 1), calls);
        long[] many = measure(functions + " functions x 50,000 locals", config, manyFunctionsManyLocals(functions), calls);
        likeTheTwin("compile", many[0], few[0]);
        likeTheTwin("compile and calls", many[1], few[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "fuel-epochs", "split", "lazy"})
    void oneFunctionUsingFiveOfFiftyThousandLocals(String config) {
        java.util.function.Consumer<Instance> calls = i -> {
            for (int k = 0; k < 1_000; k++) { // a frame array per call would be 400 KB each
                assertArrayEquals(new Object[] {(long) k + 15}, i.getFunc("run").call((long) k));
            }
        };
        measure("(warming up)", config, oneFunction(1), calls); // first uses of classes
        long[] few = measure("one function using 5 of 8 locals", config, oneFunction(1), calls);
        long[] many = measure("one function using 5 of 50,000 locals", config, oneFunctionFiftyThousandLocals(), calls);
        likeTheTwin("compile", many[0], few[0]);
        likeTheTwin("compile and calls", many[1], few[1]);
    }
}
