package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.testmodules.TestModules;

/** {@code bytelift run}: argument parsing, result printing, errors and exit codes. */
class RunCommandTest extends CliRun {
    @TempDir
    static Path dir;
    static String values;
    static String stack;
    static String epoch;


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


    @Test
    void traceWasiPrintsEachCallToStderr() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm"));
        assertEquals(0, run("run", "--trace-wasi", hello, "x"));
        assertTrue(err.lines().anyMatch(l -> l.matches("wasi: fd_write\\(1, \\d+, \\d+, \\d+\\) -> success")), err);
        assertTrue(err.lines().allMatch(l -> l.startsWith("wasi: ")), err);
        assertEquals(0, run("run", "--trace-wasi", "--invoke", "add", values, "1", "2"));
        assertTrue(err.contains("does not import WASI"), err);
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
        assertEquals(2, run("run", "--compile-threads", "-1", "--invoke", "add", values, "40", "2")); // a usage error
        assertEquals("error: --compile-threads must not be negative\n", err);
        assertEquals(0, run("run", "--compile-threads", "1", "--invoke", "add", values, "40", "2"), err);
        assertEquals("42\n", out);
    }

    @Test
    void lazyCompilationCanBeTurnedOnAndOff() {
        for (String flag : new String[] {"--lazy-compilation", "--lazy-compilation=true", "--lazy-compilation=false"}) {
            assertEquals(0, run("run", flag, "--invoke", "add", values, "40", "2"), flag + ": " + err);
            assertEquals("42\n", out, flag);
        }
        assertNotEquals(0, run("run", "--lazy-compilation=maybe", "--invoke", "add", values, "40", "2"));
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
        assertEquals(0, run("run", "--max-wasm-stack", "16384", "--invoke", "nest", stack, "50"));
        assertEquals(134, run("run", "--max-wasm-stack", "16384", "--invoke", "nest", stack, "500"));
    }
    /**
     * Issue 20: --timeout bounds compiling and instantiating too, not only running. A module of
     * 60,000 functions takes seconds to compile; with --timeout 100ms the command gives up on the
     * compilation (which stops at the next function) and exits 124 with one line.
     */
    @Test
    void theTimeoutCoversCompilation() throws Exception {
        String slow = write("slow-to-compile.wasm", manyFunctions(60_000));
        long t0 = System.nanoTime();
        assertEquals(124, run("run", "--timeout", "100ms", "--invoke", "f0", slow));
        assertEquals("error: timed out after 100ms while compiling\n", err);
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "gave up on the compilation"); // not a timing: a hang guard
        assertEquals(0, run("run", "--timeout", "10s", "--invoke", "add", values, "40", "2"), err);
        assertEquals("42\n", out);
    }

    /** {@code n} functions {@code f<i>() -> i32} returning i, all exported. */
    private static byte[] manyFunctions(int n) {
        java.io.ByteArrayOutputStream types = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream funcs = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream exports = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        types.writeBytes(new byte[] {0x01, 0x60, 0x00, 0x01, 0x7F});
        leb(funcs, n);
        leb(exports, n);
        leb(code, n);
        for (int i = 0; i < n; i++) {
            funcs.write(0);
            byte[] name = ("f" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            leb(exports, name.length);
            exports.writeBytes(name);
            exports.write(0);
            leb(exports, i);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(0);
            body.write(0x41);
            for (long v = i; ; ) { // i32.const i, signed LEB128
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = v == 0 && (b & 0x40) == 0;
                body.write(done ? b : b | 0x80);
                if (done) break;
            }
            body.write(0x0B);
            leb(code, body.size());
            code.writeBytes(body.toByteArray());
        }
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        for (Object[] sec : new Object[][] {{1, types}, {3, funcs}, {7, exports}, {10, code}}) {
            byte[] c = ((java.io.ByteArrayOutputStream) sec[1]).toByteArray();
            m.write((Integer) sec[0]);
            leb(m, c.length);
            m.writeBytes(c);
        }
        return m.toByteArray();
    }

    private static void leb(java.io.ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
