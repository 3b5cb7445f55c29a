package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bytelift run app.wat}: text modules run like binaries; parse errors are one line with file:line:column. */
class RunWatTest extends CliRun {
    @TempDir
    Path dir;



    @Test
    void runsAWatFileWithInvoke() throws Exception {
        Path wat = dir.resolve("app.wat");
        Files.writeString(wat, """
                (module
                  (func (export "f") (param i32 i32) (result i32)
                    local.get 0
                    local.get 1
                    i32.mul))
                """);
        assertEquals(0, run("run", "--invoke", "f", wat.toString(), "6", "7"), err);
        assertEquals("42\n", out);
    }

    @Test
    void aValidationErrorNamesTheLineOfTheInstruction() throws Exception {
        Path wat = dir.resolve("invalid.wat");
        Files.writeString(wat, "(module\n  (func (result i32)\n    f32.const 1))\n");
        assertEquals(1, run("run", wat.toString()));
        // the validator finds the missing i32 at the function's end: its ')'
        assertEquals("error: " + wat + " is not a valid module: 3:16: type mismatch\n", err);
    }

    @Test
    void aParseErrorIsOneLineWithItsPosition() throws Exception {
        Path wat = dir.resolve("bad.wat");
        Files.writeString(wat, "(module\n  (func\n      i32.nope))\n");
        assertEquals(1, run("run", wat.toString()));
        assertEquals("error: " + wat + ":3:7: unknown operator i32.nope\n", err);
    }
}
