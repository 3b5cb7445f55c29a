package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.testmodules.TestModules;

/**
 * Issue 18, CLI parity with {@code wasmtime run}: {@code bytelift FILE} without {@code run},
 * {@code bytelift help run}, usage errors exiting 2, Wasmtime's {@code -W} spellings, and
 * backtraces naming a module without a name section by its file.
 */
class WasmtimeParityTest extends CliRun {
    @TempDir
    static Path dir;
    static String values;
    static String stack;
    static String epoch;
    static String grow;


    @BeforeAll
    static void writeModules() throws Exception {
        values = write("values.wasm", TestModules.load("wat/cli/values.wasm"));
        stack = write("stack.wasm", TestModules.load("wat/limits/stack.wasm"));
        epoch = write("epoch.wasm", TestModules.load("wat/limits/epoch.wasm"));
        grow = dir.resolve("grow.wat").toString();
        Files.writeString(Path.of(grow), """
                (module
                  (memory 1)
                  (func (export "grow") (param i32) (result i32)
                    local.get 0
                    memory.grow))
                """);
    }

    private static String write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }


    @Test
    void aFileWithoutASubcommandIsRun() {
        assertEquals(0, run("--invoke", "add", values, "40", "2"), err);
        assertEquals("42\n", out);
        assertEquals(0, run("-W", "fuel=1000", "--invoke", "add", values, "40", "2"), err);
        assertEquals("42\n", out);
        assertEquals(134, run(values)); // its _start divides by zero
        assertTrue(err.startsWith("error: wasm trap: integer divide by zero"), err);
    }

    @Test
    void helpRunPrintsRunsHelpWithItsExitStatuses() {
        assertEquals(0, run("help", "run"));
        assertTrue(out.startsWith("Usage: bytelift run "), out);
        assertTrue(out.contains("-W=KEY=VALUE") && out.contains("Exit status:"), out);
        assertTrue(out.contains("  2     Usage error"), out);
        assertEquals(0, run("--help"));
        assertTrue(out.contains("Without a subcommand, 'run' is used"), out);
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        String[][] usage = {
            {"run", "--bogus", values},
            {"--bogus", values},
            {"run"},
            {},
            {"-W", "bogus=1", values},
            {"-W", "fuel=x", values},
            {"-W", "fuel", values},
            {"-W", "max-wasm-stack=-1", values},
            {"-S", "inherit-env=maybe", values},
            {"-S", "nope", values},
            {"--fuel", "-1", values},
            {"--timeout", "soon", values},
            {"--max-wasm-stack", "0", values},
            {"--compile-threads", "-1", values},
        };
        for (String[] args : usage) {
            assertEquals(2, run(args), String.join(" ", args) + ": " + err);
            assertTrue(err.startsWith("error: "), err);
        }
        assertEquals(2, run("-W", "bogus=1", values));
        assertEquals("error: unknown -W option: bogus (known: fuel, timeout, max-wasm-stack, max-memory-size, trap-on-grow-failure)\n", err);
        // not usage errors: the module's fault or its arguments' (as Wasmtime: 1)
        assertEquals(1, run("--invoke", "add", values, "x", "1"));
        assertEquals(1, run(dir.resolve("missing.wasm").toString()));
    }

    @Test
    void wasmtimeSpellingsOfFuelTimeoutAndStack() {
        assertEquals(134, run("-W", "fuel=1_000", "--invoke", "loop_br", epoch));
        assertTrue(err.startsWith("error: wasm trap: all fuel consumed"), err);
        assertEquals(134, run("-Wtimeout=100ms", "--invoke", "loop_br", epoch));
        assertTrue(err.startsWith("error: wasm trap: interrupted"), err);
        assertEquals(0, run("-W", "max-wasm-stack=16384", "--invoke", "nest", stack, "50"), err);
        assertEquals(134, run("-W", "max-wasm-stack=16384", "--invoke", "nest", stack, "500"));
        assertTrue(err.startsWith("error: wasm trap: call stack exhausted"), err);
        // -W overrides the long option, and keys combine with commas
        assertEquals(0, run("--max-wasm-stack", "16384", "-W", "fuel=0x100000,max-wasm-stack=131072", "--invoke", "nest", stack, "500"), err);
    }

    @Test
    void maxMemorySizeMakesMemoryGrowFail() {
        // one page of 64 KiB to start; a limit of two pages lets it grow once
        assertEquals(0, run("-W", "max-memory-size=131072", "--invoke", "grow", grow, "1"), err);
        assertEquals("1\n", out);
        assertEquals(0, run("-W", "max-memory-size=131072", "--invoke", "grow", grow, "2"), err);
        assertEquals("-1\n", out);
        assertEquals(0, run("--invoke", "grow", grow, "2"), err);
        assertEquals("1\n", out);
        // Wasmtime's -W trap-on-grow-failure: the refused growth traps (exit 134)
        assertEquals(134, run("-W", "max-memory-size=131072,trap-on-grow-failure", "--invoke", "grow", grow, "2"));
        assertTrue(err.startsWith("error: wasm trap: host resource exhausted: growing a memory"), err);
        assertEquals(0, run("-W", "max-memory-size=131072,trap-on-grow-failure=n", "--invoke", "grow", grow, "2"), err);
        assertEquals("-1\n", out);
    }

    @Test
    void backtracesNameAModuleWithoutANameByItsFile() throws Exception {
        assertEquals(134, run("--invoke", "div", values, "1", "0"));
        assertTrue(err.contains(" - values.wasm!<wasm function 9>"), err);
        assertTrue(!err.contains("<unknown>"), err);
        Path text = dir.resolve("trap.wat");
        Files.writeString(text, "(module (func (export \"boom\") unreachable))");
        assertEquals(134, run("--invoke", "boom", text.toString()));
        assertTrue(err.contains(" - trap.wat!"), err);
        // a name of its own wins
        Path named = dir.resolve("named.wat");
        Files.writeString(named, "(module $mine (func (export \"boom\") unreachable))");
        assertEquals(134, run("--invoke", "boom", named.toString()));
        assertTrue(err.contains(" - mine!"), err);
    }
}
