package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.load.CompiledModuleImpl;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;

/**
 * Lazy compilation ({@link EngineConfig#lazyCompilation()}): the same class files as eager
 * compilation with the same layout, only the functions of the classes used translated, invalid
 * modules rejected at compile time, and the limits only translation finds reported at the first
 * call as an {@link ImplementationLimitException}, never as a JVM linkage error.
 */
class LazyCompileTest {

    @Test
    void lazyAndEagerCompilationGiveTheSameClassFiles() throws IOException {
        List<Path> modules = new ArrayList<>(wasmFiles(KernelDump.DEFAULT_KERNELS));
        modules.addAll(GoldenBytecodeTest.modules());
        if (Files.isDirectory(LoopHeaderStackTest.SPEC)) {
            // every 10th module of the spec suite, offset from ParallelCompileTest's: invalid ones too
            List<Path> spec = wasmFiles(LoopHeaderStackTest.SPEC);
            for (int i = 5; i < spec.size(); i += 10) modules.add(spec.get(i));
        }
        int compared = 0;
        for (Path module : modules) {
            byte[] wasm = Files.readAllBytes(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                for (int perClass : new int[] {1, 8}) {
                    String what = module.getFileName() + " " + config.dirName + " " + perClass;
                    Object eager = emit(wasm, config.engineConfig(), perClass, false);
                    assertSame(eager, emit(wasm, config.engineConfig(), perClass, true), what);
                    if (eager instanceof Map<?, ?>) compared++;
                }
            }
        }
        assertTrue(compared > 100, compared + " modules compiled");
    }

    @Test
    void onlyTheClassesOfFunctionsUsedAreTranslated() throws Exception {
        // 3,000 functions called through call_indirect by the export "call" (function 3000)
        Engine engine = lazyEngine();
        Module module = engine.compile(ParallelCompileTest.largeModule(3000, -1, -1));
        assertEquals(0, translated(module), "nothing is translated at compile time");
        Func call = new Linker().instantiate(new Store(engine), module).getFunc("call");
        assertArrayEquals(new Object[] {7 + 1500 + 2500}, call.call(1500, 7));
        assertArrayEquals(new Object[] {7 + 1501 + 2500}, call.call(1501, 7));
        // the classes of the export (function 3000), of function 1500 and of 1501
        assertEquals(functionsInClassesOf(3000, 1500, 1501), translated(module));
        assertArrayEquals(new Object[] {7 + 2999 + 2500}, call.call(2999, 7));
        assertEquals(functionsInClassesOf(3000, 1500, 1501, 2999), translated(module));
    }

    /** How many functions the lazy layout's classes holding {@code functions} have, in largeModule(3000). */
    private static long functionsInClassesOf(int... functions) {
        int perClass = dev.bytelift.compiler.emit.ModuleLayout.LAZY_FUNCTIONS_PER_CLASS;
        return java.util.Arrays.stream(functions).map(f -> f / perClass).distinct()
                .map(c -> Math.min(perClass, 3001 - c * perClass)).sum();
    }

    @Test
    void threadsFirstCallingTheSameFunctionsAllGetTheirResults() throws Exception {
        Engine engine = lazyEngine();
        Module module = engine.compile(ParallelCompileTest.largeModule(600, -1, -1));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int start = t;
            Thread th = new Thread(() -> {
                try {
                    // a store is used by one thread at a time: one instance each, of the one module
                    Func call = new Linker().instantiate(new Store(engine), module).getFunc("call");
                    // every thread calls every function, in different orders: classes are first used concurrently
                    for (int i = 0; i < 600; i++) {
                        int f = (i * 7 + start * 150) % 600;
                        Object[] r = call.call(f, 3);
                        if ((Integer) r[0] != 3 + f + 2500) throw new AssertionError("f" + f + " gave " + r[0]);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(601, translated(module));
    }

    @Test
    void anInvalidModuleFailsAtCompileTimeWithEagerCompilationsError() {
        byte[] wasm = ParallelCompileTest.largeModule(400, 137, 311);
        CompileException eager = assertThrows(CompileException.class, () -> new Engine(EngineConfig.builder().compileThreads(1).build()).compile(wasm));
        CompileException lazy = assertThrows(CompileException.class, () -> lazyEngine().compile(wasm));
        assertEquals(eager.getClass(), lazy.getClass());
        assertEquals(eager.getMessage(), lazy.getMessage());
        assertEquals(eager.offset(), lazy.offset());
    }

    @Test
    void aFunctionTooLargeForTheJvmFailsItsCallsWithAnImplementationLimit() {
        // function 0 compiles to more bytecode than a JVM method may hold, with nowhere to split it
        EngineConfig.Builder noSplit = EngineConfig.builder();
        byte[] wasm = tooLargeFunction();
        ImplementationLimitException eager = assertThrows(ImplementationLimitException.class,
                () -> new Engine(noSplit.build()).compile(wasm));
        Engine engine = new Engine(noSplit.lazyCompilation(true).build());
        Instance inst = new Linker().instantiate(new Store(engine), engine.compile(wasm));
        // a function of another class runs
        assertArrayEquals(new Object[] {8}, inst.getFunc("small").call());
        for (int round = 0; round < 2; round++) {
            // called directly by another function (the JVM resolving an invokestatic), then again
            ImplementationLimitException e = assertThrows(ImplementationLimitException.class, () -> inst.getFunc("caller").call());
            assertEquals(eager.getMessage(), e.getMessage());
            assertEquals(eager.offset(), e.offset());
        }
        // and called as an export
        ImplementationLimitException e = assertThrows(ImplementationLimitException.class, () -> inst.getFunc("big").call());
        assertEquals(eager.getMessage(), e.getMessage());
    }

    @Test
    void aTrapInALazilyWrittenClassHasItsWebAssemblyBacktrace() {
        // function 0 divides 1 by its argument; function 1 (the export) calls it
        ModuleBytes types = new ModuleBytes().u32(1).raw(0x60).u32(1).raw(0x7f).u32(1).raw(0x7f);
        ModuleBytes funcs = new ModuleBytes().u32(2).u32(0).u32(0);
        ModuleBytes exports = new ModuleBytes().u32(1).name("div").raw(0x00).u32(1);
        ModuleBytes div = new ModuleBytes().u32(0).raw(0x41, 0x01, 0x20, 0x00).op(Op.I32_DIV_S).raw(0x0b);
        ModuleBytes outer = new ModuleBytes().u32(0).raw(0x20, 0x00, 0x10, 0x00, 0x0b);
        ModuleBytes code = new ModuleBytes().u32(2).u32(div.size()).raw(div.toArray()).u32(outer.size()).raw(outer.toArray());
        byte[] wasm = ModuleBytes.header().section(1, types).section(3, funcs).section(7, exports).section(10, code).toArray();
        Engine engine = lazyEngine();
        Func f = new Linker().instantiate(new Store(engine), engine.compile(wasm)).getFunc("div");
        assertArrayEquals(new Object[] {0}, f.call(2));
        dev.bytelift.runtime.Trap trap = assertThrows(dev.bytelift.runtime.Trap.class, () -> f.call(0));
        assertEquals(dev.bytelift.runtime.TrapCode.INTEGER_DIVISION_BY_ZERO, trap.code());
        assertEquals(List.of(0, 1), trap.backtrace().stream().map(dev.bytelift.runtime.WasmFrame::funcIndex).toList());
    }

    @Test
    void dumpingClassesCompilesEagerly(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Engine engine = new Engine(EngineConfig.builder().lazyCompilation(true).dumpClassesDir(tmp.toString()).build());
        Module module = engine.compile(ParallelCompileTest.largeModule(100, -1, -1));
        assertEquals(101, translated(module));
        try (Stream<Path> files = Files.walk(tmp)) {
            assertTrue(files.filter(p -> p.toString().contains("$Code")).count() >= 1);
        }
    }

    @Test
    void lazyCompilationIsOffByDefaultAndKeptByToBuilder() {
        assertFalse(EngineConfig.defaults().lazyCompilation());
        assertTrue(EngineConfig.builder().lazyCompilation(true).build().toBuilder().build().lazyCompilation());
    }

    /**
     * Function 0 ({@code big}): 40,000 {@code i32.const 100; i32.add} over 250 values on the
     * operand stack (over 64 KiB of bytecode in one method: splitting waits for fewer values); functions 1-8 return their index ({@code small} exports function 8); function 9
     * ({@code caller}) calls function 0. With 8 functions per class, 0 and 8 are in different classes.
     */
    private static byte[] tooLargeFunction() {
        ModuleBytes types = new ModuleBytes().u32(1).raw(0x60).u32(0).u32(1).raw(0x7f);
        ModuleBytes funcs = new ModuleBytes().u32(10);
        for (int f = 0; f < 10; f++) funcs.u32(0);
        ModuleBytes exports = new ModuleBytes().u32(3).name("big").raw(0x00).u32(0).name("small").raw(0x00).u32(8)
                .name("caller").raw(0x00).u32(9);
        ModuleBytes code = new ModuleBytes().u32(10);
        ModuleBytes big = new ModuleBytes().u32(0);
        // a function is only split where few values are on the operand stack: 250 stay there
        for (int k = 0; k < 250; k++) big.raw(0x41, 0x01);
        for (int k = 0; k < 40_000; k++) big.raw(0x41, 0xe4, 0x00).op(Op.I32_ADD);
        for (int k = 0; k < 249; k++) big.op(Op.I32_ADD);
        big.raw(0x0b);
        code.u32(big.size()).raw(big.toArray());
        for (int f = 1; f <= 8; f++) {
            ModuleBytes small = new ModuleBytes().u32(0).raw(0x41).s32(f).raw(0x0b);
            code.u32(small.size()).raw(small.toArray());
        }
        ModuleBytes caller = new ModuleBytes().u32(0).raw(0x10).u32(0).raw(0x0b);
        code.u32(caller.size()).raw(caller.toArray());
        return ModuleBytes.header().section(1, types).section(3, funcs).section(7, exports).section(10, code).toArray();
    }

    private static Engine lazyEngine() {
        return new Engine(EngineConfig.builder().compileThreads(1).lazyCompilation(true).build());
    }

    /** How many of the module's functions were translated so far. */
    private static long translated(Module module) throws ReflectiveOperationException {
        var compiled = Module.class.getDeclaredMethod("compiled");
        compiled.setAccessible(true);
        return ((CompiledModuleImpl) compiled.invoke(module)).functionsTranslated();
    }

    /** The class files (sorted by name), or the exception's class, message and offset. */
    private static Object emit(byte[] wasm, EngineConfig config, int perClass, boolean lazy) {
        return EmittedClasses.orError(() -> new TreeMap<>(
                ByteliftCompiler.emitClasses(new Engine(config), wasm, GoldenBytecodeTest.CLASS_NAME, perClass, lazy)));
    }

    private static void assertSame(Object expected, Object actual, String what) {
        EmittedClasses.assertSame(expected, actual, what);
    }

    private static List<Path> wasmFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
    }
}
