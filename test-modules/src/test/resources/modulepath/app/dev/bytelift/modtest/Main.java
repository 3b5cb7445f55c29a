package dev.bytelift.modtest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.wasi.Wasi;

/**
 * Compiles a module, calls exports (boxed, typed, and a host function), traps, and runs a WASI
 * program, all with the runtime, compiler, trampolines and WASI as named modules. Prints one line
 * per check and "OK" at the end; any failure is an exception (exit status 1).
 * Arguments: trap_codes.wasm host_calls.wasm hello.wasm
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        check("runtime is a named module", Engine.class.getModule().getName(), "dev.bytelift.runtime");
        for (EngineConfig config : new EngineConfig[] {EngineConfig.defaults(),
                EngineConfig.builder().consumeFuel(true).epochInterruption(true).build()}) {
            Engine engine = new Engine(config);
            Store store = new Store(engine);
            if (config.consumeFuel()) store.setFuel(1_000_000);
            if (config.epochInterruption()) store.setEpochDeadline(1_000);
            Module module = engine.compile(Files.readAllBytes(Path.of(args[0])));
            Instance instance = new Linker().instantiate(store, module);
            check("boxed call", instance.getFunc("i32.div_u").call(7, 2)[0], 3);
            IntBinaryOperator div = instance.getFunc("i32.div_s").typed(IntBinaryOperator.class);
            check("typed call", div.applyAsInt(-9, 3), -3);
            try {
                div.applyAsInt(1, 0);
                throw new AssertionError("no trap");
            } catch (Trap t) {
                check("trap", t.code(), TrapCode.INTEGER_DIVISION_BY_ZERO);
            }
            try {
                instance.getFunc("load").call(1 << 16);
                throw new AssertionError("no trap");
            } catch (Trap t) {
                check("memory trap", t.code(), TrapCode.MEMORY_OUT_OF_BOUNDS);
            }
        }
        // the internals are not exported: an embedder cannot reach them, not even reflectively
        try {
            Class<?> ctx = Class.forName("dev.bytelift.runtime.internal.VMContext");
            ctx.getConstructor(Store.class).newInstance(new Store(new Engine()));
            throw new AssertionError("runtime.internal is accessible");
        } catch (IllegalAccessException expected) {
            System.out.println("internals: not accessible");
        }

        Engine engine = new Engine();
        Store store = new Store(engine);
        Linker linker = new Linker();
        IntUnaryOperator twice = x -> 2 * x;
        linker.defineFunction(store, "host", "observe", IntUnaryOperator.class, twice);
        linker.defineFunction(store, "host", "reenter", IntUnaryOperator.class, twice);
        Instance host = linker.instantiate(store, engine.compile(Files.readAllBytes(Path.of(args[1]))));
        check("host calls", host.getFunc("twice").call(5)[0], 10);
        Memory memory = host.getMemory("memory");
        memory.write(0, new byte[] {1, 2, 3});
        check("memory through the API", host.getFunc("sum_memory").call(0, 3)[0], 6L);
        check("Memory.data()", memory.data()[2], (byte) 3);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Module hello = engine.compile(Files.readAllBytes(Path.of(args[2])));
        Store wasiStore = new Store(engine);
        try (Wasi wasi = Wasi.builder().args("hello").stdout(out).build()) {
            Linker wasiLinker = new Linker();
            wasi.addToLinker(wasiLinker, wasiStore);
            int status = wasi.start(wasiLinker.instantiate(wasiStore, hello));
            check("WASI exit status", status, 0);
        }
        System.out.print("WASI stdout: " + out.toString(StandardCharsets.UTF_8));
        System.out.println("OK");
    }

    private static void check(String what, Object actual, Object expected) {
        if (!expected.equals(actual)) throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        System.out.println(what + ": " + actual);
    }
}
