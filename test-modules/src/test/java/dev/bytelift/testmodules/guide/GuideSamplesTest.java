package dev.bytelift.testmodules.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InstancePre;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.ModuleCache;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Tag;
import dev.bytelift.runtime.TagType;
import dev.bytelift.runtime.ThrownException;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.TestModules;
import dev.bytelift.wasi.Wasi;

/**
 * The code samples of docs/guide.md, compiled and run here. Each sample sits between
 * {@code // guide:begin NAME} and {@code // guide:end}; {@link #theGuideShowsExactlyTheseSamples}
 * fails if docs/guide.md's {@code java} blocks are not exactly these regions, so the guide cannot
 * drift from code that works.
 */
class GuideSamplesTest {
    private static final String WAT = """
            (module
              (import "env" "log" (func $log (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello")
              (func (export "add") (param i32 i32) (result i32)
                (call $log (i32.add (local.get 0) (local.get 1)))
                (i32.add (local.get 0) (local.get 1)))
              (func (export "spin") (loop (br 0))))
            """;

    @Test
    void compileInstantiateCall() {
        List<Integer> logged = new ArrayList<>();
        // guide:begin compile
        Engine engine = new Engine();
        Module module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8)); // .wat text or .wasm bytes
        Linker linker = new Linker(engine);                                   // serves every store
        linker.defineFunction("env", "log", FuncType.of(List.of(ValType.I32), List.of()),
                (caller, args) -> { logged.add((Integer) args[0]); return null; });
        Store store = new Store(engine);
        Instance instance = linker.instantiate(store, module);

        Object[] boxed = instance.getFunc("add").call(40, 2);                 // [42]
        IntBinaryOperator add = instance.getFunc("add").typed(IntBinaryOperator.class);
        int sum = add.applyAsInt(40, 2);                                      // 42, no boxing
        // guide:end
        assertEquals(42, boxed[0]);
        assertEquals(42, sum);
        assertEquals(List.of(42, 42), logged);
    }

    @Test
    void typedHostFunctionAndMemory() {
        Engine engine = new Engine();
        Module module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        // guide:begin host
        Linker linker = new Linker(engine);
        // a typed host function: (Caller, int) -> void is [i32] -> [], called without boxing
        linker.defineFunction("env", "log", HostFn.I_V.class,
                (caller, value) -> seen.add(caller.memory().readString(16, 5) + " " + value));
        Store store = new Store(engine);
        Instance instance = linker.instantiate(store, module);
        instance.getFunc("add").call(1, 2);                                   // seen: "hello 3"

        Memory memory = (Memory) instance.getExport("memory");
        memory.writeCString(100, "from the host");
        String back = memory.readCString(100);                               // "from the host"
        // guide:end
        assertEquals(List.of("hello 3"), seen);
        assertEquals("from the host", back);
    }

    /** The embedder's per-store state in the stores sample. */
    static final class RequestLog {
        final List<Integer> values = new ArrayList<>();

        void add(int value) {
            values.add(value);
        }
    }

    @Test
    void oneLinkerManyStores() throws Exception {
        Engine engine = new Engine();
        Module module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<Integer>>> requests = new ArrayList<>();
        // guide:begin stores
        // once: host functions for every store, and the module's imports resolved and checked
        Linker linker = new Linker(engine);
        linker.defineFunction("env", "log", HostFn.I_V.class,
                (caller, value) -> caller.store().data(RequestLog.class).add(value));
        InstancePre pre = linker.instantiatePre(module);

        for (int i = 0; i < 4; i++) {
            int n = i;
            requests.add(pool.submit(() -> {                                 // per request, on any thread
                Store store = new Store(engine);
                store.setData(RequestLog.class, new RequestLog());           // this store's state
                Instance instance = pre.instantiate(store);                  // microseconds
                instance.getFunc("add").call(n, 10);
                return store.data(RequestLog.class).values;                  // [n + 10]
            }));
        }
        // guide:end
        for (int i = 0; i < 4; i++) assertEquals(List.of(i + 10), requests.get(i).get());
        pool.shutdown();
    }

    private static final String EXCEPTIONS_WAT = """
            (module
              (import "env" "overflow" (tag $overflow (param i32)))
              (import "env" "check" (func $check (param i32)))
              (func (export "clamp") (param i32) (result i32)
                (block $big (result i32)
                  (try_table (catch $overflow $big)
                    (call $check (local.get 0)))
                  (return (local.get 0)))
                (drop)
                (i32.const 100))
              (func (export "fail") (param i32) (throw $overflow (local.get 0)))
              (func (export "catchAll") (param i32) (result i32)
                (block $any
                  (try_table (catch_all $any) (call $check (local.get 0)))
                  (return (i32.const 0)))
                (i32.const 1)))
            """;

    @Test
    void exceptions() {
        Engine engine = new Engine();
        Module module = engine.compile(EXCEPTIONS_WAT.getBytes(StandardCharsets.UTF_8));
        Object payload = null;
        // guide:begin exceptions
        Tag overflow = new Tag(new TagType(FuncType.of(List.of(ValType.I32), List.of())));
        Store store = new Store(engine);
        Linker linker = new Linker(engine);
        linker.define("env", "overflow", overflow);
        // a host function throws a WebAssembly exception: the guest's try_table catches it
        linker.defineFunction("env", "check", FuncType.of(List.of(ValType.I32), List.of()), (caller, args) -> {
            if ((Integer) args[0] > 100) throw new ThrownException(overflow, args[0]);
            return null;
        });
        Instance instance = linker.instantiate(store, module);
        instance.getFunc("clamp").call(7);                                    // [7]
        instance.getFunc("clamp").call(500);                                  // [100]: caught by the guest
        try {
            instance.getFunc("fail").call(3);                                 // the guest throws $overflow
        } catch (ThrownException e) {
            payload = e.values().get(0);                                      // 3, and e.tag() == overflow
        }
        // guide:end
        assertEquals(7, instance.getFunc("clamp").call(7)[0]);
        assertEquals(100, instance.getFunc("clamp").call(500)[0]);
        assertEquals(3, payload);
        assertEquals(1, instance.getFunc("catchAll").call(500)[0]);
        // any other exception of a host function is no WebAssembly exception: catch_all lets it pass
        Linker other = new Linker();
        other.define("env", "overflow", overflow);
        other.defineFunction(store, "env", "check", FuncType.of(List.of(ValType.I32), List.of()), (caller, args) -> {
            throw new IllegalStateException("host failure");
        });
        Instance second = other.instantiate(store, module);
        assertThrows(IllegalStateException.class, () -> second.getFunc("catchAll").call(1));
    }

    @Test
    void wasiProgram() throws Exception {
        Engine engine = new Engine();
        Module module = engine.compile(TestModules.load("wasi/hello.wasm"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // guide:begin wasi
        Linker linker = new Linker(engine);
        Wasi.addToLinker(linker);                                             // once, for every store
        Store store = new Store(engine);
        int exitCode;
        try (Wasi wasi = Wasi.builder().args("hello.wasm", "Alice").stdout(out).build()) {
            wasi.attachTo(store);                                             // this store's WASI state
            exitCode = wasi.start(linker.instantiate(store, module));          // _start; proc_exit(N) gives N
        }
        // guide:end
        assertEquals(0, exitCode);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Hello from WebAssembly!"));
    }

    @Test
    void fuel() {
        Module moduleWithoutImports;
        // guide:begin fuel
        Engine engine = new Engine(EngineConfig.builder().consumeFuel(true).build());
        Module module = engine.compile("(module (func (export \"spin\") (loop (br 0))))".getBytes(StandardCharsets.UTF_8));
        Store store = new Store(engine);
        store.setFuel(1_000_000);                                             // about one unit per operator
        Instance instance = new Linker().instantiate(store, module);
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("spin").call());
        // trap.code() is TrapCode.OUT_OF_FUEL; store.getFuel() is 0
        // guide:end
        moduleWithoutImports = module;
        assertEquals(TrapCode.OUT_OF_FUEL, trap.code());
        assertEquals(0, store.getFuel());
        assertTrue(moduleWithoutImports.imports().isEmpty());
    }

    @Test
    void epochDeadline() throws Exception {
        // guide:begin epochs
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Module module = engine.compile("(module (func (export \"spin\") (loop (br 0))))".getBytes(StandardCharsets.UTF_8));
        Store store = new Store(engine);
        store.setEpochDeadline(1);                                            // one epoch from now
        Instance instance = new Linker().instantiate(store, module);
        Thread ticker = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            engine.incrementEpoch();                                          // from any thread
        });
        ticker.start();
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("spin").call());
        // trap.code() is TrapCode.INTERRUPT
        // guide:end
        ticker.join();
        assertEquals(TrapCode.INTERRUPT, trap.code());
    }

    @Test
    void interruption() throws Exception {
        // guide:begin interrupt
        Engine engine = new Engine(EngineConfig.builder().interruptible(true).build());
        Module module = engine.compile("(module (func (export \"spin\") (loop (br 0))))".getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> running = pool.submit(() -> {
            Store store = new Store(engine);                                  // a store per thread
            new Linker().instantiate(store, module).getFunc("spin").call();
        });
        Thread.sleep(50);
        running.cancel(true);             // the guest traps with TrapCode.INTERRUPT within about 1 ms
        pool.shutdown();
        // guide:end
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void stackLimit() throws Exception {
        // guide:begin stack
        Engine engine = new Engine(EngineConfig.builder().maxWasmStack(48 << 20).build());   // 48 MiB
        Module module = engine.compile("(module (func $f (export \"f\") (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0)))))".getBytes(StandardCharsets.UTF_8));
        Object[][] result = new Object[1][];
        Thread deep = new Thread(null, () -> {                                // a thread with room: 64 MiB
            Store store = new Store(engine);
            result[0] = new Linker().instantiate(store, module).getFunc("f").call(100_000);
        }, "deep-recursion", 64 << 20);
        deep.start();
        deep.join();                                                          // result[0] is {100000}
        // guide:end
        assertEquals(100_000, result[0][0]);
    }

    @Test
    void serialisedModulesAndTheCache(@org.junit.jupiter.api.io.TempDir Path cacheDir) {
        byte[] wasm = new dev.bytelift.compiler.ByteliftCompiler().textToBinary(WAT.getBytes(StandardCharsets.UTF_8), "guide");
        // guide:begin serialize
        Engine engine = new Engine();
        byte[] bytes = engine.compile(wasm).serialize();         // keep them: a file, a database...
        Module loaded = new Engine().deserializeModule(bytes);   // no code generated: a fraction of the time

        ModuleCache cache = new ModuleCache(cacheDir);           // or ModuleCache.defaultDirectory()
        Module cached = cache.compile(engine, wasm, "app.wasm"); // compiled and stored once, then loaded
        // guide:end
        assertEquals(loaded.exports(), cached.exports());
        assertEquals(loaded.exports(), new ModuleCache(cacheDir).compile(new Engine(), wasm, "app.wasm").exports());
    }

    @Test
    void aheadOfTimeJars(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] wasm = new dev.bytelift.compiler.ByteliftCompiler().textToBinary(WAT.getBytes(StandardCharsets.UTF_8), "guide");
        Path classes = dir.resolve("classes");
        new Engine().compile(wasm).aheadOfTime("app").forEach((path, bytes) -> {
            try {
                Files.createDirectories(classes.resolve(path).getParent());
                Files.write(classes.resolve(path), bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // what bytelift-maven-plugin leaves in target/classes, seen by the application's class loader
        ClassLoader appLoader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, Engine.class.getClassLoader());
        // guide:begin aot
        Path jar = dir.resolve("app.jar");
        new Engine().compile(wasm).writeAheadOfTimeJar(jar, "app");   // or: bytelift compile app.wasm -o app.jar

        Module fromJar = new Engine().loadModule(jar);                  // the runtime alone: no compiler, no ASM
        Module fromClassPath = new Engine().loadModule(appLoader, "app"); // classes bytelift-maven-plugin wrote
        // guide:end
        assertEquals(fromJar.exports(), fromClassPath.exports());
        assertEquals(new Engine().compile(wasm).exports(), fromJar.exports());
    }

    /** docs/guide.md's java blocks are exactly the regions above, in order. */
    @Test
    void theGuideShowsExactlyTheseSamples() throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "src", "test", "java",
                "dev", "bytelift", "testmodules", "guide", "GuideSamplesTest.java");
        Path guide = Path.of(System.getProperty("basedir", "."), "..", "docs", "guide.md");
        List<String> samples = new ArrayList<>();
        Matcher m = Pattern.compile("// guide:begin \\w+\\n(.*?)\\n\\s*// guide:end", Pattern.DOTALL)
                .matcher(Files.readString(source));
        while (m.find()) samples.add(dedent(m.group(1)));
        List<String> blocks = new ArrayList<>();
        Matcher b = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(guide));
        while (b.find()) blocks.add(b.group(1));
        assertEquals(11, samples.size());
        assertTrue(Files.readString(guide).contains("```wat\n" + EXCEPTIONS_WAT.stripIndent().strip() + "\n```"),
                "docs/guide.md shows the exceptions sample's module");
        assertEquals(samples, blocks, "docs/guide.md's java blocks must be GuideSamplesTest's samples, verbatim");
    }

    private static String dedent(String s) {
        String[] lines = s.split("\\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String l : lines) if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
        StringBuilder out = new StringBuilder();
        for (String l : lines) out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        return out.toString().stripTrailing();
    }
}
