package dev.bytelift.bench.sightglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sightglass runner on a tiny hand-written program; the real suite runs only through sightglass.sh. */
class SightglassRunnerTest {
    // (module (import "bench" "start" (func)) (import "bench" "end" (func))
    //         (func (export "_start") call 0 call 1))
    private static final byte[] PROGRAM = {0, 'a', 's', 'm', 1, 0, 0, 0,
        1, 4, 1, 0x60, 0, 0,
        2, 0x1b, 2, 5, 'b', 'e', 'n', 'c', 'h', 5, 's', 't', 'a', 'r', 't', 0, 0,
        5, 'b', 'e', 'n', 'c', 'h', 3, 'e', 'n', 'd', 0, 0,
        3, 2, 1, 0,
        7, 0x0a, 1, 6, '_', 's', 't', 'a', 'r', 't', 0, 2,
        10, 8, 1, 6, 0, 0x10, 0, 0x10, 1, 0x0b};

    @Test
    void runsTheProtocolAndChecksOutputs(@TempDir Path dir) throws Exception {
        Path wasm = dir.resolve("prog.wasm");
        Files.write(wasm, PROGRAM);
        SightglassMain.Result r = SightglassMain.run(wasm);
        assertEquals("unchecked", r.stdout());
        assertTrue(r.ok(), r.line());
        assertTrue(r.measured() >= 0 && r.measured() <= r.run(), r.line());
        assertTrue(r.line().startsWith("sightglass engine=bytelift bench=" + dir.getFileName() + "/prog compile_s="), r.line());

        Files.writeString(dir.resolve("benchmark.stdout.expected"), "");   // the fall-back name
        Files.writeString(dir.resolve("prog.stderr.expected"), "something");
        r = SightglassMain.run(wasm);
        assertEquals("ok", r.stdout());
        assertEquals("mismatch", r.stderr());
        assertFalse(r.ok());
    }

    @Test
    void numbersMayDifferOnlyWhereTheProgramPrintsItsOwnTiming(@TempDir Path dir) throws Exception {
        Path wasm = dir.resolve("benchmark.wasm");
        Files.writeString(dir.resolve("benchmark.stdout.expected"), "That took 0.025892 seconds.\n");
        assertEquals("ok", ExpectedOutput.verdict(wasm, "stdout", bytes("That took 0.025892 seconds.\n")));
        assertEquals("ok-numbers", ExpectedOutput.verdict(wasm, "stdout", bytes("That took 1.5 seconds.\n")));
        assertEquals("mismatch", ExpectedOutput.verdict(wasm, "stdout", bytes("That took 1.5 s.\n")));
        assertEquals("unchecked", ExpectedOutput.verdict(wasm, "stderr", bytes("")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
