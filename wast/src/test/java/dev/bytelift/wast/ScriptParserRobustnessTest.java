package dev.bytelift.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.TextFormatException;

/** Bad scripts as a new user writes them: one {@link TextFormatException} with a place, never a JVM error. */
class ScriptParserRobustnessTest {
    private static TextFormatException error(String text) {
        return assertThrows(TextFormatException.class, () -> ScriptParser.parse(text, "t.wast"));
    }

    @Test
    void truncatedAndUnbalanced() {
        String script = "(module (func (export \"f\") (result i32) (i32.const 1)))\n(assert_return (invoke \"f\") (i32.const 1))\n";
        for (int cut = 1; cut < script.length() - 1; cut++) {
            String prefix = script.substring(0, cut);
            if (prefix.endsWith(")\n") || prefix.endsWith(")")) {
                if (prefix.chars().filter(c -> c == '(').count() == prefix.chars().filter(c -> c == ')').count()) continue;
            }
            TextFormatException e = error(prefix);
            assertTrue(e.getMessage().startsWith("t.wast:"), e.getMessage());
        }
        assertEquals("t.wast:1:1: unexpected token )", error(")").getMessage());
        error("(module))");
    }

    @Test
    void deepNestingIsNoStackOverflow() {
        // a text module is only delimited here; its depth is the text parser's to handle
        String deep = "(".repeat(10_000) + ")".repeat(10_000);
        error(deep); // not a command
        ScriptParser.parse("(module " + deep + ")", "t.wast");
        error("(assert_return (invoke \"f\") " + "(either ".repeat(10_000) + ")".repeat(10_000) + ")");
        error("(invoke \"f\" " + "(".repeat(10_000) + ")".repeat(10_000) + ")");
        error("(module " + "(".repeat(10_000)); // unbalanced
    }

    @Test
    void hugeLiteralsAndInvalidUtf8() {
        error("(invoke \"f\" (i32.const " + "9".repeat(100_000) + "))");
        error("(invoke \"f\" (f64.const " + "9".repeat(100_000) + "x))");
        byte[] bad = "(register \"a\")\n(module) ;; \u00e9".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 1] = (byte) 0xFF;
        assertThrows(TextFormatException.class, () -> ScriptParser.parse(bad, "t.wast"));
    }

    @Test
    void mutatedScriptsParseOrFailWithATextError() {
        byte[] script = ("(module $m (func (export \"f\") (param i32) (result i32) (local.get 0)))\n"
                + "(register \"r\" $m)\n(assert_return (invoke $m \"f\" (i32.const -1)) (either (i32.const 1) (i32.const -1)))\n"
                + "(assert_return (invoke \"v\" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255)) (v128.const f64x2 nan:canonical -0x1p+0))\n"
                + "(assert_trap (module binary \"\\00asm\\01\\00\\00\\00\") \"x\")\n(assert_malformed (module quote \"(func\" \")\") \"y\")\n"
                + "(assert_return (get \"g\") (ref.extern 3) (ref.null func) (ref.func) (f32.const nan:arithmetic))\n")
                .getBytes(StandardCharsets.UTF_8);
        ScriptParser.parse(script, "t.wast");
        java.util.Random random = new java.util.Random(15);
        byte[] alphabet = "()\"$; \n0123456789abcdefinvoke.:-_x\\".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5_000; i++) {
            byte[] m = script.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(m.length);
                m[at] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(m.length) : m.length;
            try {
                ScriptParser.parse(java.util.Arrays.copyOf(m, length), "t.wast");
            } catch (TextFormatException expected) {
                assertTrue(expected.getMessage().startsWith("t.wast:"), expected.getMessage());
            }
        }
    }

    @Test
    void aLargeScriptParsesQuickly() {
        StringBuilder sb = new StringBuilder("(module binary \"\\00asm\\01\\00\\00\\00\")\n");
        String line = "(assert_return (invoke \"f\" (i32.const 1) (f64.const 0x1.8p+3)) (v128.const f32x4 1 nan:canonical -inf 0x1p-149))\n";
        while (sb.length() < 20 << 20) sb.append(line);
        long t0 = System.nanoTime();
        Script s = ScriptParser.parse(sb.toString(), "big.wast");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(sb.chars().filter(c -> c == '\n').count(), s.commands().size(), "commands");
        assertTrue(ms < 30_000, "20 MB took " + ms + " ms");
    }
}
