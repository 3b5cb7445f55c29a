package dev.bytelift.aottest;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;
import dev.bytelift.wasi.Wasi;

/**
 * Runs ahead-of-time jars with only the runtime and WASI on the class path (AotRuntimeOnlyTest):
 * no compiler, no trampolines, no ASM. Arguments: trap_codes.jar host_calls.jar hello.jar.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        for (String absent : new String[] {"org.objectweb.asm.ClassVisitor", "dev.bytelift.compiler.ByteliftCompiler",
            "dev.bytelift.trampolines.TrampolineFactory"}) {
            try {
                Class.forName(absent);
                throw new AssertionError(absent + " is on the class path");
            } catch (ClassNotFoundException expected) {
                System.out.println("absent: " + absent);
            }
        }
        try {
            new Engine().compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
            throw new AssertionError("compiled without a compiler");
        } catch (IllegalStateException e) {
            check("compile without the compiler", e.getMessage().contains("Engine.loadModule"), true);
        }

        Engine engine = new Engine();
        Store store = new Store(engine);
        Instance traps = new Linker().instantiate(store, engine.loadModule(Path.of(args[0])));
        check("boxed call", traps.getFunc("i32.div_u").call(7, 2)[0], 3);
        try {
            traps.getFunc("i32.div_s").call(1, 0);
            throw new AssertionError("no trap");
        } catch (Trap t) {
            check("trap", t.code(), TrapCode.INTEGER_DIVISION_BY_ZERO);
            check("backtrace", t.backtrace().get(0).funcName(), "i32.div_s");
        }
        try {
            traps.getFunc("load").call(1 << 16);
            throw new AssertionError("no trap");
        } catch (Trap t) {
            check("memory trap", t.code(), TrapCode.MEMORY_OUT_OF_BOUNDS);
        }

        // host functions through the runtime's own trampolines (method handles)
        Engine hostEngine = new Engine();
        Store hostStore = new Store(hostEngine);
        Linker linker = new Linker();
        FuncType i32ToI32 = new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
        linker.defineFunction("host", "observe", i32ToI32, (caller, a) -> new Object[] {2 * (Integer) a[0]});
        linker.defineFunction("host", "reenter", i32ToI32, (caller, a) -> new Object[] {2 * (Integer) a[0]});
        // by a class loader that sees the jar, as an application's would see target/classes
        Module hostModule;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[1]).toUri().toURL()}, Main.class.getClassLoader())) {
            hostModule = hostEngine.loadModule(loader, "host_calls");
            Instance host = linker.instantiate(hostStore, hostModule);
            check("host calls", host.getFunc("twice").call(5)[0], 10);
            Memory memory = host.getMemory("memory");
            memory.write(0, new byte[] {1, 2, 3});
            check("memory through the API", host.getFunc("sum_memory").call(0, 3)[0], 6L);
            try {
                new Linker().defineFunction(hostStore, "host", "observe", IntUnaryOperator.class, x -> x);
                throw new AssertionError("a typed host function without the generated trampolines");
            } catch (UnsupportedOperationException e) {
                check("typed host functions need the trampolines", e.getMessage().contains("bytelift-trampolines"), true);
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Engine wasiEngine = new Engine();
        Module hello = wasiEngine.loadModule(Path.of(args[2]));
        Store wasiStore = new Store(wasiEngine);
        try (Wasi wasi = Wasi.builder().args("hello", "aot").stdout(out).build()) {
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
