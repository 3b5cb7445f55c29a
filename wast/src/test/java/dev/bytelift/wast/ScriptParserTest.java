package dev.bytelift.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.TextFormatException;

class ScriptParserTest {
    private static List<Command> parse(String text) {
        return ScriptParser.parse(text, "t.wast").commands();
    }

    @Test
    void modulesOfEveryFormKeepTheirLineAndName() {
        List<Command> cs = parse("""
                (module $a binary "\\00asm" "\\01\\00\\00\\00")
                ;; a comment
                (module quote "(func)" " (memory 1)")
                  (module $b (func (export "f") (result i32) (i32.const 1)))
                """);
        assertEquals(3, cs.size());
        Command.ModuleCommand a = assertInstanceOf(Command.ModuleCommand.class, cs.get(0));
        assertEquals(1, a.line());
        assertEquals("$a", a.name());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) a.module()).bytes());
        Command.ModuleCommand q = assertInstanceOf(Command.ModuleCommand.class, cs.get(1));
        assertEquals(3, q.line());
        assertNull(q.name());
        assertEquals("(func) (memory 1)", new String(((ModuleSource.Quote) q.module()).text()));
        Command.ModuleCommand b = assertInstanceOf(Command.ModuleCommand.class, cs.get(2));
        ModuleSource.Text t = (ModuleSource.Text) b.module();
        assertEquals("(module $b (func (export \"f\") (result i32) (i32.const 1)))", t.text());
        assertEquals(4, t.line());
        assertEquals(3, t.column());
    }

    @Test
    void actionsAndResults() {
        List<Command> cs = parse("""
                (register "m" $a)
                (invoke $a "f" (i32.const -1) (i64.const 0xffff_ffff_ffff_ffff) (f32.const nan:0x200000) (ref.null extern) (ref.extern 7))
                (assert_return (get "g") (i32.const 42))
                (assert_return (invoke "h") (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const -0x1p-1) (ref.extern) (ref.func) (ref.null func))
                (assert_return (invoke "v") (v128.const i16x8 0 1 2 3 4 5 6 -1) (v128.const f32x4 nan:canonical 1 2 -inf))
                """);
        Command.Register r = assertInstanceOf(Command.Register.class, cs.get(0));
        assertEquals("m", r.as());
        assertEquals("$a", r.name());
        Action.Invoke inv = (Action.Invoke) ((Command.Perform) cs.get(1)).action();
        assertEquals("$a", inv.moduleName());
        assertEquals(List.of(new Value.I32(-1), new Value.I64(-1), new Value.F32(0x7FA00000), new Value.RefNull("extern"), new Value.RefExtern(7)),
                inv.args());
        Command.AssertReturn get = (Command.AssertReturn) cs.get(2);
        assertInstanceOf(Action.Get.class, get.action());
        assertEquals(List.of(new Expected.Exact(new Value.I32(42))), get.expected());
        Command.AssertReturn h = (Command.AssertReturn) cs.get(3);
        assertEquals(List.of(new Expected.NaN(32, true), new Expected.NaN(64, false), new Expected.Exact(new Value.F64(0xBFE0000000000000L)),
                new Expected.AnyExtern(), new Expected.AnyFunc(), new Expected.Exact(new Value.RefNull("func"))), h.expected());
        Command.AssertReturn v = (Command.AssertReturn) cs.get(4);
        Value.V128 ints = (Value.V128) ((Expected.Exact) v.expected().get(0)).value();
        assertArrayEquals(new byte[] {0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, -1, -1}, ints.bytes());
        Expected.Lanes floats = (Expected.Lanes) v.expected().get(1);
        assertEquals(List.of(new Expected.NaN(32, true), new Expected.Exact(new Value.F32(0x3F800000)),
                new Expected.Exact(new Value.F32(0x40000000)), new Expected.Exact(new Value.F32(0xFF800000))), floats.lanes());
    }

    @Test
    void assertions() {
        List<Command> cs = parse("""
                (assert_trap (invoke "t") "unreachable")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_exhaustion (invoke "r") "call stack exhausted")
                (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")
                (assert_uninstantiable (module binary "") "x")
                """);
        assertEquals(List.of("assert_trap", "assert_trap", "assert_exhaustion", "assert_malformed", "assert_invalid", "assert_unlinkable",
                "assert_uninstantiable"), cs.stream().map(Command::kind).toList());
        assertEquals(Command.ModuleAssertion.TRAP, ((Command.AssertModule) cs.get(1)).assertion());
        assertEquals("(module (func $s unreachable) (start $s))", ((ModuleSource.Text) ((Command.AssertModule) cs.get(1)).module()).text());
        assertEquals("type mismatch", ((Command.AssertModule) cs.get(4)).message());
    }

    @Test
    void aScriptOfModuleFieldsIsOneModule() {
        List<Command> cs = parse("(func) (memory 0) (func (export \"f\"))\n");
        assertEquals(1, cs.size());
        assertEquals("(func) (memory 0) (func (export \"f\"))\n", ((ModuleSource.Text) ((Command.ModuleCommand) cs.get(0)).module()).text());
    }

    @Test
    void commandsOfLaterProposalsAreUnsupportedNotErrors() {
        List<Command> cs = parse("""
                (assert_return (invoke "i") (ref.i31))
                (assert_suspension (invoke "e") "suspend")
                (thread $t (invoke "x"))
                """);
        assertEquals(3, cs.size());
        for (Command c : cs) assertInstanceOf(Command.Unsupported.class, c);
        assertEquals("assert_return with result (ref.i31)", cs.get(0).kind());
        assertEquals("assert_suspension", cs.get(1).kind());
        assertEquals(1, cs.get(0).line());
    }

    @Test
    void moduleInstanceNamesItsInstanceAndDefinition() {
        List<Command> cs = parse("(module instance $i $d)\n(module instance $j)\n(module instance)");
        Command.ModuleInstance a = assertInstanceOf(Command.ModuleInstance.class, cs.get(0));
        assertEquals("$i", a.instance());
        assertEquals("$d", a.definition());
        Command.ModuleInstance b = assertInstanceOf(Command.ModuleInstance.class, cs.get(1));
        assertEquals("$j", b.instance());
        assertEquals(null, b.definition());
        Command.ModuleInstance c = assertInstanceOf(Command.ModuleInstance.class, cs.get(2));
        assertEquals(null, c.instance());
        assertEquals("module instance", c.kind());
    }

    @Test
    void assertExceptionIsACommand() {
        List<Command> cs = parse("(assert_exception (invoke \"e\" (i32.const 1)))");
        Command.AssertException x = assertInstanceOf(Command.AssertException.class, cs.get(0));
        assertEquals("e", x.action().field());
    }

    /** A definition is compiled, never instantiated (the suite's maximal memories and tables). */
    @Test
    void aModuleDefinitionIsItsOwnCommand() {
        List<Command> cs = parse("(module definition $d (memory i64 0x1_0000_0000_0000))");
        Command.ModuleDefinition d = assertInstanceOf(Command.ModuleDefinition.class, cs.get(0));
        assertEquals("$d", d.name());
        assertEquals("module definition", d.kind());
    }

    private static TextFormatException error(String text) {
        return assertThrows(TextFormatException.class, () -> parse(text));
    }

    @Test
    void errorsNameTheLineAndColumn() {
        TextFormatException e = assertThrows(TextFormatException.class, () -> parse("(module)\n  (assert_return (invoke \"f\") (i32.const x))"));
        assertEquals(2, e.line());
        assertEquals(42, e.column());
        e = assertThrows(TextFormatException.class, () -> parse("(module)\n(frobnicate)"));
        assertEquals("t.wast:2:2: unknown command frobnicate", e.getMessage());
        e = assertThrows(TextFormatException.class, () -> parse("(module (func)"));
        assertEquals(1, e.line());
        e = assertThrows(TextFormatException.class, () -> parse("(assert_return (invoke \"f\")"));
        assertEquals("unexpected end of file", e.specMessage());
        e = assertThrows(TextFormatException.class, () -> parse("(assert_return (invoke \"f\") (i32.const 4294967296))"));
        assertTrue(e.specMessage().contains("constant out of range"), e.specMessage());
        assertThrows(TextFormatException.class, () -> parse("(register \"\\ff\")"));
        assertThrows(TextFormatException.class, () -> parse("42"));
        assertEquals("unknown operator i33.const", error("(invoke \"f\" (i33.const 1))").specMessage());
        assertEquals("unknown operator f32.constant", error("(assert_return (invoke \"f\") (f32.constant 1))").specMessage());
        assertThrows(TextFormatException.class, () -> parse("(\"module\")"));
        assertThrows(TextFormatException.class, () -> parse("($x)"));
        assertThrows(TextFormatException.class, () -> parse(")"));
    }
}
