package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.*;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.runtime.WasmException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Text a careless or hostile user might give: every answer is a module or a one-line
 * {@link TextFormatException}, never another exception, a stack overflow, a hang or running out of memory.
 */
class HostileTextTest {
    private static final String MODULE = """
            (module $m
              (type $t (func (param i32) (result i32)))
              (import "env" "g" (global $g i32))
              (memory (export "mem") (data "hello\\00\\u{1F600}"))
              (table funcref (elem $f $f))
              (global $h (mut f64) (f64.const -0x1.8p3))
              (func $f (export "f") (type $t) (local $x i64)
                (block $out (result i32)
                  (br_if $out (i32.const 1) (local.get 0))
                  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 2)) (else (i32.const 3)))))
              (func (param v128) (result v128)
                (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (v128.const f32x4 1 nan inf -0))
                (i32.load offset=8 align=4 (i32.const 0)) drop)
              (elem declare func $f)
              (data (i32.const 100) "x" "y")
              (start 0))
            """;

    /** Parses {@code text}: the binary, or null after a well-formed one-line TextFormatException. */
    private static byte[] parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] parse(byte[] text) {
        try {
            return Wat.toBinary(text, "h.wat");
        } catch (TextFormatException e) {
            assertTrue(e.getMessage().matches("h\\.wat:\\d+:\\d+: [^\\n]+"), e.getMessage());
            return null;
        }
    }

    private static String messageOf(String text) {
        TextFormatException e = assertThrows(TextFormatException.class, () -> Wat.toBinary(text, "h.wat"));
        return e.getMessage();
    }

    @Test
    void everyTruncationIsAModuleOrAnError() {
        Engine engine = new Engine();
        assertNotNull(parse(MODULE));
        for (int n = 0; n < MODULE.length(); n++) {
            byte[] b = parse(MODULE.substring(0, n));
            if (b != null) {
                try {
                    engine.compile(b);
                } catch (WasmException expected) {
                    // a prefix may well be an invalid module; it must only fail as one
                }
            }
        }
    }

    @Test
    void unbalancedParentheses() {
        assertEquals("h.wat:1:8: unexpected end of file, unexpected token", messageOf("(module"));
        assertEquals("h.wat:1:9: unexpected token", messageOf("(module))"));
        assertTrue(messageOf(")").contains("unexpected token"));
        assertTrue(messageOf("(func (block)").contains("unexpected"));
        assertTrue(messageOf("(func block").contains("unexpected"));
        assertTrue(messageOf("(func end)").contains("unexpected token"));
        assertTrue(messageOf("(func (if (i32.const 0)))").contains("unexpected token"));
        assertTrue(messageOf("(".repeat(100_000)).contains("unexpected"));
    }

    @Test
    void hugeLiterals() {
        assertTrue(messageOf("(func (i32.const " + "9".repeat(100_000) + ") drop)").contains("constant out of range"));
        assertTrue(messageOf("(func (i64.const -0x" + "f".repeat(100_000) + ") drop)").contains("constant out of range"));
        assertTrue(messageOf("(func (f64.const 1e999999999999999999) drop)").contains("constant out of range"));
        assertTrue(messageOf("(func (f32.const 0x1p99999999999999999999) drop)").contains("constant out of range"));
        assertNotNull(parse("(func (f32.const 0x1p-99999999999999999999) drop)"));
        assertNotNull(parse("(func (f32.const 0." + "3".repeat(200_000) + ") drop)"));
        assertNotNull(parse("(func (f32.const 0x" + "a".repeat(200_000) + "p-800000) drop)"));
        assertTrue(messageOf("(func (f32.const nan:0x" + "1".repeat(1000) + ") drop)").contains("constant out of range"));
    }

    @Test
    void tenThousandNestedBlocksOfEachKindParse() {
        int n = 10_000;
        Engine engine = new Engine();
        String plain = "(func " + "block ".repeat(n) + "end ".repeat(n) + ")";
        String folded = "(func " + "(block ".repeat(n) + ")".repeat(n) + ")";
        String operands = "(func (result i32) " + "(i32.add (i32.const 1) ".repeat(n) + "(i32.const 0)" + ")".repeat(n) + ")";
        String ifs = "(func " + "(if (i32.const 1) (then ".repeat(n) + "))".repeat(n) + ")";
        for (String text : new String[] {plain, folded, operands, ifs}) {
            byte[] b = parse(text);
            assertNotNull(b);
            try {
                engine.compile(b);
            } catch (WasmException fine) {
                // the compiler's own nesting limit may refuse it, as a WasmException
            }
        }
        assertNotNull(parse("(func " + "(block ".repeat(200_000) + ")".repeat(200_000) + ")"));
        assertNotNull(parse("(; ".repeat(100_000) + " ;)".repeat(100_000) + "(module)"));
        assertNotNull(parse("(module " + "(@a ".repeat(100_000) + ")".repeat(100_000) + ")"));
    }

    @Test
    void hugeAndOddIdentifiersBecomeNamesSafely() {
        String text = "(module $" + "m".repeat(100_000) + " (func $" + "x".repeat(100_000)
                + " (export \"f\") (result i32) i32.const 7) (func $\"\\00<init>.;[/\" (export \"g\")))";
        var m = new Engine().compileText(text, "h.wat");
        var store = new dev.bytelift.runtime.Store(m.engine());
        var i = new dev.bytelift.runtime.Linker().instantiate(store, m);
        assertArrayEquals(new Object[] {7}, ((dev.bytelift.runtime.Func) i.getExport("f")).call());
        ((dev.bytelift.runtime.Func) i.getExport("g")).call();
    }

    @Test
    void invalidUtf8AnywhereIsMalformed() {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (String where : new String[] {"(module ;; X\n)", "(module (; X ;))", "(module (data \"X\"))", "(module X)",
                "(module $X)", "(module (@a X))"}) {
            for (byte[] seq : bad) {
                byte[] text = splice(where, seq);
                TextFormatException e = assertThrows(TextFormatException.class, () -> Wat.toBinary(text, "h.wat"), where);
                assertEquals("malformed UTF-8 encoding", e.specMessage(), where);
            }
        }
        assertNotNull(parse("(module (data \"\u00e9\u4e2d\uD83D\uDE00\") ;; \u00e9\n)"));
    }

    private static byte[] splice(String text, byte[] seq) {
        int i = text.indexOf('X');
        byte[] a = text.substring(0, i).getBytes(StandardCharsets.UTF_8);
        byte[] b = text.substring(i + 1).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + seq.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(seq, 0, out, a.length, seq.length);
        System.arraycopy(b, 0, out, a.length + seq.length, b.length);
        return out;
    }

    @Test
    void fiftyMegabytesOfText() {
        StringBuilder b = new StringBuilder(52 << 20);
        b.append("(module (memory 1)\n");
        int funcs = 0;
        while (b.length() < 50 << 20) {
            b.append("(func $f").append(funcs++).append(" (export \"f").append(funcs).append("\") (param $x i32) (result i32)\n");
            for (int i = 0; i < 40; i++) {
                b.append("  (i32.store offset=4 (local.get $x) (i32.add (i32.load (local.get $x)) (i32.const ").append(i).append(")))\n");
            }
            b.append("  (local.get $x))\n");
        }
        b.append(")");
        byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        byte[] binary = parse(text);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertNotNull(binary);
        System.out.printf("[wat] %d MB of text, %d functions: parsed in %d ms to %d bytes%n", text.length >> 20, funcs, ms,
                binary.length);
        // the same text cut off in the middle: one error at the end, quickly
        byte[] cut = java.util.Arrays.copyOf(text, text.length / 2);
        assertNull(parse(cut));
    }
}
