package dev.bytelift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bytelift wast}: one line per failing command, the counts, exit status 1 on any failure. */
class WastCommandTest {
    /** {@code (func (export "f") (result i32) (i32.const 42))} as a binary module. */
    private static final String F42 = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\05\\01\\60\\00\\01\\7f\" \"\\03\\02\\01\\00\""
            + " \"\\07\\05\\01\\01f\\00\\00\" \"\\0a\\06\\01\\04\\00\\41\\2a\\0b\")\n";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run wast(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[files.length + 1];
        args[0] = "wast";
        System.arraycopy(files, 0, args, 1, files.length);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void aPassingScriptExitsZero() throws IOException {
        String ok = write("ok.wast", F42 + "(assert_return (invoke \"f\") (i32.const 42))\n");
        Run r = wast(ok);
        assertEquals("2 passed, 0 failed\n", r.out());
        assertEquals("", r.err());
        assertEquals(0, r.code());
    }

    @Test
    void aFailingScriptPrintsEachFailureAndExitsOne() throws IOException {
        String bad = write("bad.wast", F42 + "(assert_return (invoke \"f\") (i32.const 41))\n(assert_trap (invoke \"f\") \"unreachable\")\n"
                + "(assert_return (invoke \"f\") (i32.const 42))\n");
        String ok = write("ok.wast", F42);
        Run r = wast(bad, ok);
        assertEquals(bad + ":2: assert_return: result 0: expected 41, got 42\n"
                + bad + ":3: assert_trap: expected trap \"unreachable\", got results [42]\n"
                + bad + ": 2 passed, 2 failed\n"
                + ok + ": 1 passed, 0 failed\n"
                + "3 passed, 2 failed\n", r.out());
        assertEquals(1, r.code());
    }

    @Test
    void textModulesAndTheirErrorsPointIntoTheScript() throws IOException {
        String text = write("text.wast", """
                (module
                  (func (export "f") (result i32)
                    (i32.frob 1)))
                (assert_return (invoke "f") (i32.const 1))
                (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
                (module $m (func (export "g") (result i32) (i32.const 5)))
                (assert_return (invoke $m "g") (i32.const 5))
                """);
        Run r = wast(text);
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith(text + ":1: module: module text does not parse: " + text + ":3:6: unknown operator"), lines[0]);
        assertEquals(text + ":4: assert_return: no module to act on: the module of line 1 failed", lines[1]);
        assertEquals("3 passed, 2 failed", lines[2]);
        assertEquals(1, r.code());
    }

    @Test
    void aScriptThatDoesNotParseIsOneLineAndExitsOne() throws IOException {
        String broken = write("broken.wast", F42 + "(assert_return (invoke \"f\") (i32.const 42)\n");
        Run r = wast(broken);
        assertEquals(broken + ":3:1: unexpected end of file\n", r.err());
        assertEquals("0 passed, 0 failed\n", r.out());
        assertEquals(1, r.code());
    }

    @Test
    void aMissingFileIsAnError() {
        Run r = wast(dir.resolve("none.wast").toString());
        assertEquals("error: no such file: " + dir.resolve("none.wast") + "\n", r.err());
        assertEquals(1, r.code());
    }
}
