package dev.bytelift.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;

/** The runner on binary modules (independent of the text-format parser). */
class ScriptRunnerTest {
    /** {@code (func (export "f") (result i32) (i32.const 42))} */
    private static final String F42 = "(module $m binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\05\\01\\60\\00\\01\\7f\" \"\\03\\02\\01\\00\""
            + " \"\\07\\05\\01\\01f\\00\\00\" \"\\0a\\06\\01\\04\\00\\41\\2a\\0b\")\n";
    /** {@code (func (export "loop") (loop (br 0)))} */
    private static final String LOOP = "(module binary \"\\00asm\\01\\00\\00\\00\" \"\\01\\04\\01\\60\\00\\00\" \"\\03\\02\\01\\00\""
            + " \"\\07\\08\\01\\04loop\\00\\00\" \"\\0a\\09\\01\\07\\00\\03\\40\\0c\\00\\0b\\0b\")\n";

    private static List<CommandResult> run(String text) {
        return ScriptRunner.runAll(new Engine(), ScriptParser.parse(text, "t.wast"));
    }

    private static List<CommandResult.Status> statuses(List<CommandResult> rs) {
        return rs.stream().map(CommandResult::status).toList();
    }

    @Test
    void passingCommands() {
        List<CommandResult> rs = run(F42 + """
                (assert_return (invoke "f") (i32.const 42))
                (assert_return (invoke $m "f") (either (i32.const 1) (i32.const 42)))
                (invoke "f")
                (register "reg" $m)
                (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
                (assert_malformed (module binary "(module)") "magic header not detected")
                (assert_malformed (module binary " (") "unexpected end")
                (assert_invalid (module binary "\\00asm\\01\\00\\00\\00" "\\03\\02\\01\\00" "\\0a\\04\\01\\02\\00\\0b") "unknown type")
                (assert_unlinkable (module binary "\\00asm\\01\\00\\00\\00" "\\02\\0f\\01\\08spectest\\01x\\03\\7f\\00") "unknown import")
                """);
        assertEquals(List.of(CommandResult.Status.PASSED), statuses(rs).stream().distinct().toList(), rs.toString());
        assertEquals(10, rs.size());
    }

    @Test
    void failingCommandsSayWhy() {
        List<CommandResult> rs = run(F42 + """
                (assert_return (invoke "f") (i32.const 41))
                (assert_return (invoke "f") (f32.const nan:canonical))
                (assert_trap (invoke "f") "unreachable")
                (assert_return (invoke "g"))
                (assert_return (invoke $nope "f"))
                (assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "anything")
                (assert_invalid (module binary "\\00asm\\02\\00\\00\\00") "type mismatch")
                (assert_return (invoke "f"))
                """);
        assertEquals(CommandResult.Status.PASSED, rs.get(0).status());
        for (CommandResult r : rs.subList(1, rs.size())) assertEquals(CommandResult.Status.FAILED, r.status(), r.toString());
        assertEquals("result 0: expected 41, got 42", rs.get(1).message());
        assertEquals(2, rs.get(1).line());
        assertEquals("assert_return", rs.get(1).kind());
        assertTrue(rs.get(2).message().contains("expected f32"), rs.get(2).message());
        assertTrue(rs.get(3).message().startsWith("expected trap \"unreachable\", got results [42]"), rs.get(3).message());
        assertEquals("no export \"g\"", rs.get(4).message());
        assertEquals("unknown module $nope", rs.get(5).message());
        assertTrue(rs.get(6).message().endsWith("but the module compiled"), rs.get(6).message());
        assertTrue(rs.get(7).message().contains("got MalformedModuleException"), rs.get(7).message());
        assertEquals("expected 0 results, got 1: [42]", rs.get(8).message());
    }

    @Test
    void aCommandThatTakesTooLongTimesOutAndTheRestOfTheScriptFails() {
        Script s = ScriptParser.parse(LOOP + "(invoke \"loop\")\n(invoke \"loop\")\n", "t.wast");
        try (ScriptRunner runner = new ScriptRunner(new Engine(), "t.wast", Duration.ofMillis(300))) {
            assertEquals(CommandResult.Status.PASSED, runner.run(s.commands().get(0)).status());
            CommandResult r = runner.run(s.commands().get(1));
            assertEquals(CommandResult.Status.FAILED, r.status());
            assertTrue(r.message().startsWith("timed out"), r.message());
            assertEquals("an earlier command of this script timed out", runner.run(s.commands().get(2)).message());
        }
    }

    @Test
    void afterAModuleFailsActionsDoNotFallBackToTheOneBefore() {
        List<CommandResult> rs = run(F42 + "(module binary \"\\00asm\\02\\00\\00\\00\")\n(assert_return (invoke \"f\") (i32.const 42))\n");
        assertEquals(List.of(CommandResult.Status.PASSED, CommandResult.Status.FAILED, CommandResult.Status.FAILED), statuses(rs));
        assertEquals("no module to act on: the module of line 2 failed", rs.get(2).message());
    }

    @Test
    void unsupportedCommandsAreSkipped() {
        List<CommandResult> rs = run("(assert_suspension (invoke \"x\") \"suspend\")");
        assertEquals(CommandResult.Status.SKIPPED, rs.get(0).status());
        assertEquals("not supported: assert_suspension", rs.get(0).message());
    }

    @Test
    void assertExceptionWantsAnExceptionNotATrapNorResults() {
        List<CommandResult> rs = run("""
                (module (tag $e) (func (export "t") (throw $e)) (func (export "u") unreachable) (func (export "r")))
                (assert_exception (invoke "t"))
                (assert_exception (invoke "u"))
                (assert_exception (invoke "r"))
                """);
        assertEquals(List.of(CommandResult.Status.PASSED, CommandResult.Status.PASSED, CommandResult.Status.FAILED,
                CommandResult.Status.FAILED), statuses(rs));
        assertEquals("expected an exception, got trap \"unreachable\"", rs.get(2).message().lines().findFirst().orElse(""));
    }

    @Test
    void eachRunHasItsOwnHostReferences() {
        // the same (ref.extern 1) is the same object within a script; a fresh runner has fresh ones
        Values v = new Values();
        Object one = v.toHost(new Value.RefExtern(1));
        assertTrue(one == v.toHost(new Value.RefExtern(1)));
        assertEquals(null, v.mismatch(new Expected.Exact(new Value.RefExtern(1)), one));
        assertTrue(new Values().mismatch(new Expected.Exact(new Value.RefExtern(1)), one) != null);
        assertTrue(v.mismatch(new Expected.Exact(new Value.RefExtern(2)), one) != null);
        assertEquals(null, v.mismatch(new Expected.AnyExtern(), one));
        assertTrue(v.mismatch(new Expected.AnyExtern(), null) != null);
    }

    @Test
    void nanPatterns() {
        Values v = new Values();
        assertEquals(null, v.mismatch(new Expected.NaN(32, true), Float.intBitsToFloat(0xFFC00000)));
        assertTrue(v.mismatch(new Expected.NaN(32, true), Float.intBitsToFloat(0x7FC00001)) != null);
        assertEquals(null, v.mismatch(new Expected.NaN(32, false), Float.intBitsToFloat(0x7FC00001)));
        assertTrue(v.mismatch(new Expected.NaN(32, false), Float.intBitsToFloat(0x7F800001)) != null);
        assertEquals(null, v.mismatch(new Expected.NaN(64, true), Double.longBitsToDouble(0x7FF8000000000000L)));
        assertTrue(v.mismatch(new Expected.NaN(64, false), Double.longBitsToDouble(0x7FF0000000000001L)) != null);
        // an exact NaN is compared bit for bit
        assertTrue(v.mismatch(new Expected.Exact(new Value.F32(0x7FA00000)), Float.intBitsToFloat(0x7FC00000)) != null);
        assertEquals(null, v.mismatch(new Expected.Exact(new Value.F32(0x7FA00000)), Float.intBitsToFloat(0x7FA00000)));
        assertTrue(v.mismatch(new Expected.NaN(32, true), 1.0) != null); // an f64 where an f32 is expected
    }
}
