package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;

/**
 * Parallel compilation ({@link EngineConfig#compileThreads()}) gives the same class files, and the
 * same error for a module that does not compile, whatever the number of threads. Small modules
 * are made into many small function classes here (so that their translation really is spread
 * over threads), with the parallel threshold at zero.
 */
class ParallelCompileTest {
    /** Bytes of code per function class in these tests: most functions get a class of their own. */
    private static final int SMALL_CLASSES = 64;
    private static final int THREADS = 4;

    @Test
    void kernelsGoldenAndSpecModulesCompileToTheSameBytesOnAnyNumberOfThreads() throws IOException {
        List<Path> modules = new ArrayList<>(wasmFiles(KernelDump.DEFAULT_KERNELS));
        modules.addAll(GoldenBytecodeTest.modules());
        if (Files.isDirectory(LoopHeaderStackTest.SPEC)) {
            // every 10th module of the spec suite: every operator family, invalid modules too
            List<Path> spec = wasmFiles(LoopHeaderStackTest.SPEC);
            for (int i = 0; i < spec.size(); i += 10) modules.add(spec.get(i));
        }
        int parallel = 0;
        for (Path module : modules) {
            byte[] wasm = Files.readAllBytes(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                String what = module.getFileName() + " " + config.dirName;
                Object one = compile(wasm, config.engineConfig(), 1);
                for (int round = 0; round < 2; round++) assertSame(one, compile(wasm, config.engineConfig(), THREADS), what);
                if (one instanceof Map<?, ?> m && m.size() > 2) parallel++;
            }
        }
        assertTrue(parallel > 50, "only " + parallel + " compilations had several function classes");
    }

    @Test
    void typeIdsAndDispatchersDoNotDependOnWhichThreadAsksFirst() {
        // type ids are engine-wide, given out on first request; dispatchers are placed and emitted
        // in first-use order: 60 functions in as many classes each use another type's dispatcher
        byte[] wasm = manyIndirectTypes(60);
        Object one = compile(wasm, EngineConfig.defaults(), 1);
        assertTrue(one instanceof Map<?, ?> m && m.size() > 30, String.valueOf(one));
        for (int round = 0; round < 10; round++) assertSame(one, compile(wasm, EngineConfig.defaults(), THREADS), "round " + round);
    }

    @Test
    void aLargeModuleCompilesInParallelByDefaultToTheSameBytesAndRuns() throws Exception {
        byte[] wasm = largeModule(3000, -1, -1);
        assertTrue(wasm.length > dev.bytelift.compiler.emit.ModuleEmitter.DEFAULT_PARALLEL_MIN_CODE_BYTES);
        Map<String, byte[]> one = ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), 1), wasm, GoldenBytecodeTest.CLASS_NAME);
        Map<String, byte[]> two = ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), 2), wasm, GoldenBytecodeTest.CLASS_NAME);
        assertTrue(one.size() > 5, one.size() + " classes");
        assertSame(one, two, "large module");
        for (int threads : new int[] {1, 2, 0}) {
            Engine engine = engine(EngineConfig.builder(), threads);
            Instance inst = new Linker().instantiate(new Store(engine), engine.compile(wasm));
            Func call = inst.getFunc("call");
            for (int f : new int[] {0, 1, 1500, 2999}) {
                // function f adds f and 25 times 100
                assertArrayEquals(new Object[] {7 + f + 2500}, call.call(f, 7), "f" + f + ", " + threads + " threads");
            }
        }
    }

    @Test
    void theFirstInvalidFunctionInModuleOrderIsReportedWhateverTheThreads() {
        byte[] wasm = largeModule(400, 137, 311);
        CompileException one = assertThrows(CompileException.class,
                () -> ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), 1), wasm, "X", SMALL_CLASSES, 0));
        for (int round = 0; round < 5; round++) {
            CompileException n = assertThrows(CompileException.class,
                    () -> ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), THREADS), wasm, "X", SMALL_CLASSES, 0));
            assertEquals(one.getClass(), n.getClass());
            assertEquals(one.getMessage(), n.getMessage());
            assertEquals(one.offset(), n.offset());
        }
        // and it is function 137's: the same module without that error fails at 311
        CompileException later = assertThrows(CompileException.class,
                () -> ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), THREADS), largeModule(400, -1, 311), "X", SMALL_CLASSES, 0));
        assertTrue(later.offset() > one.offset(), later.offset() + " after " + one.offset());
        // through the engine (default layout: the module is large enough to compile in parallel)
        byte[] big = largeModule(3000, 2100, 2900);
        CompileException viaEngine = assertThrows(CompileException.class, () -> engine(EngineConfig.builder(), 2).compile(big));
        CompileException sequential = assertThrows(CompileException.class, () -> engine(EngineConfig.builder(), 1).compile(big));
        assertEquals(sequential.getMessage(), viaEngine.getMessage());
    }

    @Test
    void anInterruptedCallerStopsEveryThread() {
        byte[] wasm = largeModule(400, -1, -1);
        Thread.currentThread().interrupt();
        try {
            WasmException e = assertThrows(WasmException.class,
                    () -> ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), THREADS), wasm, "X", SMALL_CLASSES, 0));
            assertEquals("compilation interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
        // and nothing is left behind: the next compilation works
        ByteliftCompiler.emitClasses(engine(EngineConfig.builder(), THREADS), wasm, "X", SMALL_CLASSES, 0);
    }

    @Test
    void compileThreadsIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.builder().compileThreads(-1));
        assertEquals(3, EngineConfig.builder().compileThreads(3).build().toBuilder().build().compileThreads());
        assertEquals(0, EngineConfig.defaults().compileThreads());
    }

    /** The class files (a map), or the exception's class, message and offset. */
    private static Object compile(byte[] wasm, EngineConfig config, int threads) {
        return EmittedClasses.orError(() -> ByteliftCompiler.emitClasses(engine(config.toBuilder(), threads), wasm,
                GoldenBytecodeTest.CLASS_NAME, SMALL_CLASSES, 0));
    }

    private static void assertSame(Object expected, Object actual, String what) {
        EmittedClasses.assertSame(expected, actual, what);
    }

    private static Engine engine(EngineConfig.Builder b, int threads) {
        return new Engine(b.compileThreads(threads).build());
    }

    private static List<Path> wasmFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
    }

    /**
     * {@code n} functions {@code (i32) -> i32}, function j calling through {@code call_indirect}
     * with type j + 1, which takes j + 1 i32 parameters (and a table of one null entry).
     */
    static byte[] manyIndirectTypes(int n) {
        ModuleBytes types = new ModuleBytes().u32(n + 1);
        for (int t = 0; t <= n; t++) {
            types.raw(0x60).u32(Math.max(1, t));
            for (int p = 0; p < Math.max(1, t); p++) types.raw(0x7f);
            types.u32(1).raw(0x7f);
        }
        ModuleBytes funcs = new ModuleBytes().u32(n);
        for (int f = 0; f < n; f++) funcs.u32(0);
        ModuleBytes table = new ModuleBytes().u32(1).raw(0x70, 0x00).u32(1);
        ModuleBytes code = new ModuleBytes().u32(n);
        for (int j = 0; j < n; j++) {
            ModuleBytes body = new ModuleBytes().u32(0);
            for (int p = 0; p < j + 1; p++) body.raw(0x41, 0x00);
            body.raw(0x20, 0x00).raw(0x11).u32(j + 1).u32(0).raw(0x0b);
            code.u32(body.size()).raw(body.toArray());
        }
        return ModuleBytes.header().section(1, types).section(3, funcs).section(4, table).section(10, code).toArray();
    }

    /**
     * {@code n} functions {@code (i32) -> i32}, function f returning its argument + f + 25 * 100
     * (about 110 bytes of code each), all in a table, and an export {@code call(f, x)} calling
     * function f through {@code call_indirect}. Functions {@code bad1} and {@code bad2} (if not -1)
     * do not validate ({@code i32.add} on an i64).
     */
    static byte[] largeModule(int n, int bad1, int bad2) {
        ModuleBytes types = new ModuleBytes().u32(2)
                .raw(0x60).u32(1).raw(0x7f).u32(1).raw(0x7f)            // 0: (i32) -> i32
                .raw(0x60).u32(2).raw(0x7f, 0x7f).u32(1).raw(0x7f);    // 1: (i32, i32) -> i32
        ModuleBytes funcs = new ModuleBytes().u32(n + 1);
        for (int f = 0; f < n; f++) funcs.u32(0);
        funcs.u32(1);
        ModuleBytes table = new ModuleBytes().u32(1).raw(0x70, 0x00).u32(n);
        ModuleBytes exports = new ModuleBytes().u32(1).name("call").raw(0x00).u32(n);
        ModuleBytes elems = new ModuleBytes().u32(1).raw(0x00, 0x41, 0x00, 0x0b).u32(n);
        for (int f = 0; f < n; f++) elems.u32(f);
        ModuleBytes code = new ModuleBytes().u32(n + 1);
        for (int f = 0; f < n; f++) {
            ModuleBytes body = new ModuleBytes().u32(0).raw(0x20, 0x00).raw(0x41).s32(f).op(Op.I32_ADD);
            for (int k = 0; k < 25; k++) body.raw(0x41, 0xe4, 0x00).op(Op.I32_ADD); // i32.const 100 (two bytes)
            if (f == bad1 || f == bad2) body.raw(0x42, 0x01).op(Op.I32_ADD);
            body.raw(0x0b);
            code.u32(body.size()).raw(body.toArray());
        }
        ModuleBytes call = new ModuleBytes().u32(0).raw(0x20, 0x01, 0x20, 0x00).raw(0x11).u32(0).u32(0).raw(0x0b);
        code.u32(call.size()).raw(call.toArray());
        return ModuleBytes.header().section(1, types).section(3, funcs).section(4, table).section(7, exports)
                .section(9, elems).section(10, code).toArray();
    }
}
