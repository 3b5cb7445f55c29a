package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.*;

import dev.bytelift.compiler.text.Token.Kind;
import dev.bytelift.runtime.TextFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Token> lex(String s) {
        Lexer l = new Lexer(s, "t.wat");
        List<Token> out = new ArrayList<>();
        for (Token t = l.next(); t.kind() != Kind.EOF; t = l.next()) out.add(t);
        return out;
    }

    private static String kinds(String s) {
        StringBuilder b = new StringBuilder();
        for (Token t : lex(s)) b.append(t.kind()).append(' ');
        return b.toString().trim();
    }

    @Test
    void tokenKinds() {
        assertEquals("LPAREN KEYWORD ID LPAREN KEYWORD NUMBER RPAREN RPAREN",
                kinds("(func $f (i32.const -0x1_0))"));
        assertEquals("KEYWORD NUMBER NUMBER NUMBER NUMBER", kinds("f32.const inf -nan nan:0x1 1.5e-3"));
        assertEquals("RESERVED RESERVED RESERVED KEYWORD", kinds("0$x \"a\"\"b\" 1__2 offset=8"));
        assertEquals("STRING ID ID", kinds("\"hi\" $x $\"a b\""));
    }

    @Test
    void commentsAndPositions() {
        List<Token> t = lex(";; line\n(; nested (; ;) still ;) nop\r;; cr-ended\rdrop (@ann (x \")\") ) end");
        assertEquals(3, t.size());
        assertEquals("nop", t.get(0).text());
        assertEquals(2, t.get(0).line());
        assertEquals(26, t.get(0).column());
        assertEquals("drop", t.get(1).text());
        assertEquals(4, t.get(1).line());
        assertEquals(1, t.get(1).column());
        assertEquals("end", t.get(2).text());
    }

    @Test
    void stringEscapes() {
        Token t = lex("\"\\t\\n\\r\\\"\\'\\\\\\41\\u{1F600}\"").get(0);
        byte[] want = ("\t\n\r\"'\\A" + new String(Character.toChars(0x1F600))).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(want, t.bytes());
        assertEquals("$a b", lex("$\"a b\"").get(0).text());
    }

    @Test
    void errors() {
        assertError("(module \"abc", "t.wat:1:9: unclosed string");
        assertError("(; (; ;)", "unclosed comment");
        assertError("\"a\u0001\"", "illegal control character in string");
        assertError("\"\\u{D800}\"", "illegal escape");
        assertError("\"\\q\"", "illegal escape");
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0x80, '"'};
        assertThrows(TextFormatException.class, () -> new Lexer(overlong, "o").next());
        byte[] bad = {'(', 'm', ' ', '"', (byte) 0xFF, '"', ')'};
        Lexer l = new Lexer(bad, "b.wat");
        l.next();
        l.next();
        TextFormatException e = assertThrows(TextFormatException.class, l::next);
        assertEquals("malformed UTF-8 encoding", e.specMessage());
        assertEquals(1, e.line());
        assertEquals(5, e.column());
        assertEquals("b.wat", e.sourceName());
        byte[] comment = {';', ';', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
        assertThrows(TextFormatException.class, () -> new Lexer(comment, "c").next());
    }

    private static void assertError(String text, String message) {
        TextFormatException e = assertThrows(TextFormatException.class, () -> lex(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
