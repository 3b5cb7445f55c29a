package dev.bytelift.testmodules.host;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.TestModules;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import dev.bytelift.wasi.Wasi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 (start-up): a host function defined in a {@link Linker} gets its exit trampoline (a
 * generated class) only when a module imports it, and a WebAssembly function its invoker only when
 * something calls it through one. A WASI linker defines 46 functions; a program imports a few.
 */
class LazyLinkingTest {
    private static final FuncType I32_TO_I32 = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));

    /** Generated host-exit trampolines dumped under {@code dir} (one file per class defined). */
    private static long exitTrampolines(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("HostExit")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports env.f1 (i32 -> i32) and exports "call" calling it with its argument plus one. */
    private static byte[] importsOne() {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32}, new int[] {I32});
        int f1 = m.importFunc("env", "f1", t);
        Bytes code = new Bytes().op(0x20).u32(0).op(0x41).s32(1).op(0x6A).op(0x10).u32(f1);
        m.export("call", 0, m.func(t, code));
        return m.toBytes();
    }

    @Test
    void onlyImportedHostFunctionsGetATrampoline(@TempDir Path dump) {
        Engine engine = new Engine(EngineConfig.builder().dumpClassesDir(dump.toString()).build());
        Store store = new Store(engine);
        Linker linker = new Linker();
        for (int i = 0; i < 50; i++) {
            int k = i;
            linker.defineFunction(store, "env", "f" + i, I32_TO_I32, (caller, args) -> new Object[] {(Integer) args[0] * 10 + k});
            linker.defineFunction(store, "env", "typed" + i, IntUnaryOperator.class, x -> x + k);
        }
        assertEquals(0, exitTrampolines(dump), "defining host functions generates nothing yet");
        Module module = engine.compile(importsOne());
        Instance a = linker.instantiate(store, module);
        assertEquals(1, exitTrampolines(dump), "only env.f1 is imported");
        assertArrayEquals(new Object[] {41}, a.getFunc("call").call(3));
        Instance b = linker.instantiate(store, module);
        assertArrayEquals(new Object[] {51}, b.getFunc("call").call(4));
        assertEquals(1, exitTrampolines(dump), "a second instance reuses the import's function");
        assertSame(linker.get("env", "f1"), linker.get("env", "f1"));
        assertSame(linker.get("env", "typed7"), linker.get("env", "typed7"));
        assertEquals(8, ((Func) linker.get("env", "typed7")).typed(IntUnaryOperator.class).applyAsInt(1));
    }

    @Test
    void aBadDefinitionFailsWhereItIsMadeNotWhenItIsFirstUsed() {
        Store store = new Store(new Engine());
        Linker linker = new Linker();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> wrongShape = (Class) IntBinaryOperator.class;
        assertThrows(IllegalArgumentException.class,
                () -> linker.defineFunction(store, "env", "f", wrongShape, (IntUnaryOperator) x -> x));
        assertThrows(IllegalArgumentException.class, () -> linker.defineFunction(store, "env", "g", String.class, "not a function"));
        assertThrows(NullPointerException.class, () -> linker.defineFunction(store, "env", "h", I32_TO_I32, null));
        assertEquals(null, linker.get("env", "f"));
    }

    @Test
    void aWasiProgramGetsTrampolinesOnlyForWhatItImports(@TempDir Path dump) {
        Engine engine = new Engine(EngineConfig.builder().dumpClassesDir(dump.toString()).build());
        Module module = engine.compile(TestModules.load("wasi/hello.wasm"));
        long imported = module.imports().stream().filter(i -> i.module().equals(Wasi.MODULE)).count();
        try (Wasi wasi = Wasi.builder().args("hello.wasm").build()) {
            Store store = new Store(engine);
            Linker linker = new Linker();
            wasi.addToLinker(linker, store);
            assertEquals(0, exitTrampolines(dump));
            assertEquals(0, wasi.start(linker.instantiate(store, module)));
        }
        long made = exitTrampolines(dump);
        assertTrue(made >= 1 && made <= imported, made + " trampolines for " + imported + " WASI imports (46 defined)");
    }
}
