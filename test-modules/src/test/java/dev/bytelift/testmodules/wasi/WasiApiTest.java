package dev.bytelift.testmodules.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.testmodules.TestModules;
import dev.bytelift.wasi.Wasi;
import dev.bytelift.wasi.WasiExitException;

/** The embedding API of {@code bytelift-wasi} around real programs. */
class WasiApiTest {
    static Module module(String name) {
        return WasiCasesTest.ENGINE.compile(TestModules.load("wasi/" + name));
    }

    static Instance instantiate(Wasi wasi, Module module) {
        Store store = new Store(WasiCasesTest.ENGINE);
        Linker linker = new Linker();
        wasi.addToLinker(linker, store);
        return linker.instantiate(store, module);
    }

    @Test
    void procExitReachesTheEmbedderAsAnExceptionWithTheCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Wasi wasi = Wasi.builder().args("exit_code.wasm", "proc_exit", "9").stdout(out).build()) {
            Instance instance = instantiate(wasi, module("exit_code.wasm"));
            WasiExitException e = assertThrows(WasiExitException.class, () -> instance.getFunc("_start").call());
            assertEquals(9, e.exitCode());
            assertEquals("mode=proc_exit code=9\nwritten with write(1): survives\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void traceReportsEveryCallWithItsErrnoInOrder() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (Wasi wasi = Wasi.builder().args("exit_code.wasm", "proc_exit", "9").trace(lines::add).build()) {
            Instance instance = instantiate(wasi, module("exit_code.wasm"));
            assertThrows(WasiExitException.class, () -> instance.getFunc("_start").call());
        }
        assertTrue(lines.size() >= 3, lines.toString());
        assertTrue(lines.get(0).matches("args_sizes_get\\(\\d+, \\d+\\) -> success"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("fd_write\\(1, \\d+, \\d+, \\d+\\) -> success")), lines.toString());
        assertEquals("proc_exit(9)", lines.get(lines.size() - 1)); // reported before it runs, no errno
        // a failing call names its errno as the witx does
        java.util.List<String> more = new java.util.ArrayList<>();
        try (Wasi wasi = Wasi.builder().args("files.wasm").trace(more::add).build()) {
            try {
                wasi.start(instantiate(wasi, module("files.wasm")));
            } catch (RuntimeException ignored) {
                // without a preopened directory the program fails its own way; the trace is what counts
            }
        }
        assertTrue(more.stream().anyMatch(l -> l.endsWith("-> badf") || l.endsWith("-> noent") || l.endsWith("-> notcapable")),
                more.toString());
    }

    @Test
    void startReturnsTheExitCode() {
        try (Wasi wasi = Wasi.builder().args("exit_code.wasm", "return", "7").build()) {
            assertEquals(7, wasi.start(instantiate(wasi, module("exit_code.wasm"))));
        }
        try (Wasi wasi = Wasi.builder().args("hello.wasm").build()) {
            assertEquals(0, wasi.start(instantiate(wasi, module("hello.wasm"))));
        }
    }

    @Test
    void inheritStdioWritesToSystemOut() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (Wasi wasi = Wasi.builder().args("hello.wasm", "x").inheritStdio().build()) {
            assertEquals(0, wasi.start(instantiate(wasi, module("hello.wasm"))));
        } finally {
            System.setOut(saved);
        }
        assertEquals("Hello from WebAssembly!\nargv[0] = hello.wasm\nargv[1] = x\n1 argument, bye.\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWasiModuleNeedsWasiDefined() {
        Module m = module("hello.wasm");
        assertTrue(Wasi.isImportedBy(m));
        assertThrows(LinkException.class, () -> new Linker().instantiate(new Store(WasiCasesTest.ENGINE), m));
    }

    @Test
    void startNeedsAStartFunction() {
        Module m = WasiCasesTest.ENGINE.compile(TestModules.load("kernels/sha256.wasm"));
        assertFalse(Wasi.isImportedBy(m));
        try (Wasi wasi = Wasi.builder().build()) {
            Instance i = new Linker().instantiate(new Store(WasiCasesTest.ENGINE), m);
            assertThrows(WasmException.class, () -> wasi.start(i));
        }
    }

    @Test
    void theBuilderRefusesWhatCannotWork(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThrows(IllegalArgumentException.class, () -> Wasi.builder().preopenDir(file, "/f").build());
        assertThrows(IllegalArgumentException.class, () -> Wasi.builder().preopenDir(tmp.resolve("none"), "/n").build());
        assertThrows(IllegalArgumentException.class, () -> Wasi.builder().env("A=B", "c"));
        assertThrows(IllegalArgumentException.class, () -> Wasi.builder().env("", "c"));
    }

    @Test
    void onlyGrantedEnvironmentVariablesAreVisible() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Wasi wasi = Wasi.builder().args("args_env.wasm", "--get=PATH").env("ONLY", "me").stdout(out).build()) {
            assertEquals(0, wasi.start(instantiate(wasi, module("args_env.wasm"))));
        }
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("environ: 1 variable\n  ONLY=me\ngetenv(PATH) = (unset)\n"), s);
    }
}
