package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.*;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.TextFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Engine#compile} reads the text format too (auto-detected), and {@link Engine#compileText} names its source. */
class EngineTextTest {
    private static final String ADD = """
            (module
              (func (export "add") (param $a i32) (param $b i32) (result i32)
                (i32.add (local.get $a) (local.get $b))))
            """;

    private static Object[] call(Module m, String name, Object... args) {
        Store store = new Store(m.engine());
        Instance i = new Linker().instantiate(store, m);
        return ((Func) i.getExport(name)).call(args);
    }

    @Test
    void compileDetectsTextAndRunsIt() {
        Engine engine = new Engine();
        Module m = engine.compile(ADD.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new Object[] {42}, call(m, "add", 40, 2));
    }

    @Test
    void compileTextAcceptsBareFields() {
        Module m = new Engine().compileText(";; no (module) around\n(func (export \"one\") (result i64) i64.const 1)", "one.wat");
        assertArrayEquals(new Object[] {1L}, call(m, "one"));
    }

    @Test
    void identifiersBecomeTheNamesOfModuleAndFunctions() {
        Module m = new Engine().compileText("(module $app (func $inner unreachable) (func $outer (export \"f\") call $inner))",
                "app.wat");
        assertEquals("app", m.name());
        dev.bytelift.runtime.Trap t = assertThrows(dev.bytelift.runtime.Trap.class, () -> call(m, "f"));
        assertEquals("inner", t.backtrace().get(0).funcName());
        assertEquals("outer", t.backtrace().get(1).funcName());
    }

    @Test
    void textErrorsNameTheSourceLineAndColumn() {
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> new Engine().compileText("(module\n  (func\n    i32.bogus))", "app.wat"));
        assertEquals("app.wat:3:5: unknown operator i32.bogus", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertEquals("app.wat", e.sourceName());
    }

    @Test
    void malformedBinaryHeadersStayBinaryErrors() {
        Engine engine = new Engine();
        for (String header : new String[] {"asm\0", "\u0001", "msa\0\u0001\0\0\0", ""}) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class,
                    () -> engine.compile(header.getBytes(StandardCharsets.ISO_8859_1)));
            assertFalse(e instanceof TextFormatException, header);
        }
        assertTrue(Engine.looksLikeText(" \n(module)".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Engine.looksLikeText(";; empty\n".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Engine.looksLikeText(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
    }

    @Test
    void invalidTextModulesFailValidationAsBinariesDo() {
        var e = assertThrows(dev.bytelift.runtime.InvalidModuleException.class,
                () -> new Engine().compileText("(func (result i32) (i64.const 0))", "bad.wat"));
        assertEquals("type mismatch", e.specMessage());
    }

    @Test
    void aValidationErrorInCodeNamesItsLineAndColumn() {
        String text = """
                (module
                  (func $ok (result i32) i32.const 1)
                  (func (param i32) (result i32)
                    (i32.add
                      (local.get 0)
                      (f32.const 1))))
                """;
        var e = assertThrows(dev.bytelift.runtime.InvalidModuleException.class, () -> new Engine().compileText(text, "bad.wat"));
        assertEquals("type mismatch", e.specMessage());
        assertEquals("bad.wat:4:6: type mismatch", e.getMessage()); // the i32.add that pops an f32
        var end = assertThrows(dev.bytelift.runtime.InvalidModuleException.class,
                () -> new Engine().compileText("(func (result i32)\n  nop)", "end.wat"));
        assertEquals("end.wat:2:6: type mismatch", end.getMessage()); // at the function's end
        var flat = assertThrows(dev.bytelift.runtime.InvalidModuleException.class,
                () -> new Engine().compileText("(func\n  i32.const 1\n  br 5)", "flat.wat"));
        assertTrue(flat.getMessage().startsWith("flat.wat:3:3: unknown label"), flat.getMessage());
    }
}
