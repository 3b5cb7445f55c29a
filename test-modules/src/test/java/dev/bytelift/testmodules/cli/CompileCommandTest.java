package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.testmodules.TestModules;

/**
 * {@code bytelift compile}: to an ahead-of-time jar with {@code -o X.jar}, else to a serialised
 * module (Wasmtime's {@code .cwasm}); {@code bytelift run} runs either with the same output, traps
 * and backtraces as the module itself, and says so when the code settings differ.
 */
class CompileCommandTest extends CliRun {
    @TempDir
    Path dir;

    private String write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    @Test
    void aJarAndACwasmRunAsTheModule() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm"));
        assertEquals(0, run("run", "--no-cache", hello, "x", "-y"));
        String expected = out.replace("hello.wasm", "HELLO");
        String jar = dir.resolve("hello.jar").toString();
        assertEquals(0, run("compile", hello, "-o", jar));
        assertEquals("", err);
        assertEquals(0, run("run", jar, "x", "-y"));
        assertEquals(expected, out.replace("hello.jar", "HELLO"));
        assertEquals(0, run("compile", hello));
        assertTrue(Files.exists(dir.resolve("hello.cwasm")));
        assertEquals(0, run(dir.resolve("hello.cwasm").toString(), "x", "-y"));
        assertEquals(expected, out.replace("hello.cwasm", "HELLO"));
    }

    @Test
    void trapsFromAJarAreTheModulesAndSettingsMustMatch() throws Exception {
        String stack = write("stack.wasm", TestModules.load("wat/limits/stack.wasm"));
        assertEquals(134, run("run", "--no-cache", "--max-wasm-stack", "16384", "--invoke", "run", stack));
        String trap = err;
        String jar = dir.resolve("stack.jar").toString();
        assertEquals(0, run("compile", "--max-wasm-stack", "16384", stack, "-o", jar));
        assertEquals(134, run("run", "--max-wasm-stack", "16384", "--invoke", "run", jar));
        assertEquals(trap, err);
        assertEquals(1, run("run", "--invoke", "run", jar));
        assertTrue(err.startsWith("error: the ahead-of-time module was compiled for another engine configuration"), err);

        String fuel = dir.resolve("fuel.jar").toString();
        assertEquals(0, run("compile", "--consume-fuel", stack, "-o", fuel));
        assertEquals(134, run("run", "--fuel", "1000", "--invoke", "run", fuel));
        assertTrue(err.startsWith("error: wasm trap: all fuel consumed"), err);
    }

    @Test
    void errorsAreClear() throws Exception {
        assertEquals(1, run("compile", dir.resolve("missing.wasm").toString()));
        assertEquals("error: no such file: " + dir.resolve("missing.wasm") + "\n", err);
        String bad = write("bad.wat", "(module (func (result i32)))".getBytes());
        assertEquals(1, run("compile", bad, "-o", dir.resolve("bad.jar").toString()));
        assertTrue(err.contains("is not a valid module"), err);
        String notJar = write("x.jar", "PK\003\004 not really".getBytes());
        assertEquals(1, run("run", notJar));
        assertTrue(err.startsWith("error: "), err);
        assertTrue(!err.contains("internal error"), err);
    }
}
