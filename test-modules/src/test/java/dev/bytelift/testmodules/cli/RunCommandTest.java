package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.cli.Main;
import dev.bytelift.testmodules.TestModules;

/** {@code bytelift run}: argument parsing, result printing, errors and exit codes. */
class RunCommandTest {
    @TempDir
    static Path dir;
    static String values;
    static String stack;
    static String epoch;

    String out;
    String err;

    @BeforeAll
    static void writeModules() throws Exception {
        values = write("values.wasm", TestModules.load("wat/cli/values.wasm"));
        stack = write("stack.wasm", TestModules.load("wat/limits/stack.wasm"));
        epoch = write("epoch.wasm", TestModules.load("wat/limits/epoch.wasm"));
    }

    private static String write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void invokesAnExportWithArgumentsParsedByType() {
        assertEquals(0, run("run", "--invoke", "add", values, "40", "2"));
        assertEquals("42\n", out);
        assertEquals(0, run("run", "--invoke", "neg64", values, "9223372036854775807"));
        assertEquals("-9223372036854775807\n", out);
    }

    @Test
    void printsEachResultOnItsOwnLine() {
        assertEquals(0, run("run", "--invoke", "half", values, "3", "-inf"));
        assertEquals("1.5\n-Infinity\n", out);
    }

    @Test
    void acceptsAndPrintsV128Values() {
        assertEquals(0, run("run", "--invoke", "v128_add", values,
                "0x00000004000000030000000200000001", "0x00000010000000100000001000000010"));
        assertEquals("0x00000014000000130000001200000011\n", out);
    }

    @Test
    void acceptsAndPrintsReferenceValues() {
        assertEquals(0, run("run", "--invoke", "null_func", values));
        assertEquals("null\n", out);
        assertEquals(0, run("run", "--invoke", "self", values));
        assertTrue(out.startsWith("funcref("), out);
        assertEquals(0, run("run", "--invoke", "is_null", values, "null"));
        assertEquals("1\n", out);
        assertEquals(0, run("run", "--invoke", "echo_ref", values, "hello"));
        assertEquals("externref(hello)\n", out);
    }

    @Test
    void aTrapPrintsTheMessageAndBacktraceAndExits134() {
        assertEquals(134, run("run", "--invoke", "div", values, "1", "0"));
        assertTrue(err.startsWith("error: wasm trap: integer divide by zero"), err);
        assertTrue(err.contains("wasm backtrace:"), err);
    }

    @Test
    void withoutInvokeItCallsStart() {
        assertEquals(134, run("run", values));
        assertTrue(err.contains("integer divide by zero"), err);
    }

    @Test
    void badInputPrintsOneLineAndExitsNonZero() {
        assertEquals(1, run("run", "--invoke", "add", dir.resolve("missing.wasm").toString()));
        assertEquals("error: no such file: " + dir.resolve("missing.wasm") + "\n", err);
        assertEquals(1, run("run", "--invoke", "add", values, "x", "1"));
        assertEquals("error: 'x' is not a valid i32\n", err);
        assertEquals(1, run("run", "--invoke", "add", values, "1"));
        assertEquals(1, err.lines().count());
        assertEquals(1, run("run", "--invoke", "nope", values));
        assertEquals(1, err.lines().count());
    }

    @Test
    void aMalformedModuleIsReportedWithTheSpecMessage() throws Exception {
        String bad = write("bad.wasm", new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertEquals(1, run("run", bad));
        assertTrue(err.contains("unknown binary version"), err);
        assertEquals(1, err.lines().count());
    }

    @Test
    void aStartFunctionOfAnUnknownTypeIsInvalid() throws Exception {
        // no type section; function 0 declares type 0 and is the start function (once an
        // IndexOutOfBoundsException ending the worker thread, and exit status 0)
        String bad = write("start.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0,
                3, 2, 1, 0, 8, 1, 0, 10, 4, 1, 2, 0, 0x0B});
        assertEquals(1, run("run", bad));
        assertEquals("error: " + bad + " is not a valid module: unknown type (at offset 0xb)\n", err);
    }

    @Test
    void fuelTimeoutAndStackLimitTrapWithTheirMessages() {
        assertEquals(134, run("run", "--fuel", "1000", "--invoke", "loop_br", epoch));
        assertTrue(err.startsWith("error: wasm trap: all fuel consumed"), err);
        assertEquals(134, run("run", "--timeout", "100ms", "--invoke", "loop_br", epoch));
        assertTrue(err.startsWith("error: wasm trap: interrupted"), err);
        assertEquals(134, run("run", "--invoke", "run", stack));
        assertTrue(err.startsWith("error: wasm trap: call stack exhausted"), err);
        assertEquals(0, run("run", "--max-wasm-stack", "100", "--invoke", "nest", stack, "50"));
        assertEquals(134, run("run", "--max-wasm-stack", "100", "--invoke", "nest", stack, "500"));
    }
}
