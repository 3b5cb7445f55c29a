package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import dev.bytelift.runtime.TextFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits WebAssembly text (UTF-8) into {@link Token}s, one at a time, per the lexical format of the
 * spec's text chapter: white space and comments ({@code ;;} to the end of the line, which LF or CR
 * ends; nested {@code (; ;)} blocks) separate tokens, annotations {@code (@id ...)} are skipped,
 * and every other run of characters up to white space, a parenthesis or a comment is one token
 * (so {@code 0$x} or {@code "a""b"} is one reserved token). Invalid UTF-8 anywhere, and a control
 * character in a string, are errors.
 */
public final class Lexer {
    private static final boolean[] ID_CHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) ID_CHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) ID_CHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) ID_CHAR[c] = true;
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) ID_CHAR[c] = true;
    }

    private final byte[] src;
    private final int end;
    private final String sourceName;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    /** A lexer over {@code utf8} (the whole array), called {@code sourceName} in error messages. */
    public Lexer(byte[] utf8, String sourceName) {
        this.src = utf8;
        this.end = utf8.length;
        this.sourceName = sourceName;
    }

    private Lexer(byte[] utf8, String sourceName, int pos, int line, int lineStart) {
        this(utf8, sourceName);
        this.pos = pos;
        this.line = line;
        this.lineStart = lineStart;
    }

    /** A lexer over the same text that starts at token {@code t} (one this lexer returned). */
    Lexer at(Token t) {
        return new Lexer(src, sourceName, t.offset(), t.line(), t.offset() - (t.column() - 1));
    }

    /** A lexer over {@code text}. */
    public Lexer(String text, String sourceName) {
        this(text.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /** The name errors give the text (a file name, or a description such as {@code <text>}). */
    public String sourceName() {
        return sourceName;
    }

    /** Whether {@code c} may appear in keywords, numbers and identifiers. */
    static boolean isIdChar(int c) {
        return c >= 0 && c < 128 && ID_CHAR[c];
    }

    /** The next token; {@link Kind#EOF} at the end (again on every later call). */
    public Token next() {
        skipSpace();
        int start = pos;
        int col = pos - lineStart + 1;
        if (pos >= end) return new Token(Kind.EOF, "", null, line, col, start, sourceName);
        int c = src[pos];
        if (c == '(') {
            pos++;
            return new Token(Kind.LPAREN, "(", null, line, col, start, sourceName);
        }
        if (c == ')') {
            pos++;
            return new Token(Kind.RPAREN, ")", null, line, col, start, sourceName);
        }
        int startLine = line;
        int strings = 0;
        boolean reserved = false;
        byte[] lastString = null;
        while (pos < end) {
            c = src[pos];
            if (c >= 0 && ID_CHAR[c]) {
                pos++;
            } else if (c == '"') {
                if (pos == start + 1 && src[start] == '$') {
                    // $"...": a string that does not lex leaves a bare "$"
                    try {
                        lastString = string();
                    } catch (TextFormatException e) {
                        if (e.getMessage().contains("malformed UTF-8")) throw e;
                        throw error("empty identifier", startLine, col, start);
                    }
                } else {
                    lastString = string();
                }
                strings++;
            } else if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
                pos++;
                reserved = true;
            } else {
                break;
            }
        }
        if (pos < end && (src[pos] < 0 || (src[pos] < 0x20 && src[pos] != ' ' && src[pos] != '\t' && src[pos] != '\n'
                && src[pos] != '\r') || src[pos] == 0x7F)) {
            // a character no token may contain, inside or right after this one
            throw error(src[pos] < 0 && Utf8.sequence(src, pos, end) < 0 ? "malformed UTF-8 encoding"
                    : "unexpected character", line, pos - lineStart + 1, pos);
        }
        if (pos == start) throw error("unexpected character", startLine, col, start);
        if (strings == 1 && !reserved && stringEnd == pos) {
            if (lastStringStart == start) return new Token(Kind.STRING, null, lastString, startLine, col, start, sourceName);
            if (lastStringStart == start + 1 && src[start] == '$') {
                if (lastString.length == 0) throw error("empty identifier", startLine, col, start);
                if (!Utf8.valid(lastString, 0, lastString.length)) {
                    throw error("malformed UTF-8 encoding", startLine, col, start);
                }
                String name = new String(lastString, StandardCharsets.UTF_8);
                return new Token(Kind.ID, "$" + name, null, startLine, col, start, sourceName);
            }
        }
        String text = new String(src, start, pos - start, StandardCharsets.ISO_8859_1);
        if (strings > 0 || reserved) return new Token(Kind.RESERVED, text, null, startLine, col, start, sourceName);
        int first = src[start];
        if (first == '$') {
            if (text.length() == 1) throw error("empty identifier", startLine, col, start);
            return new Token(Kind.ID, text, null, startLine, col, start, sourceName);
        }
        if (Numbers.isNumber(text)) return new Token(Kind.NUMBER, text, null, startLine, col, start, sourceName);
        if (first >= 'a' && first <= 'z') return new Token(Kind.KEYWORD, text, null, startLine, col, start, sourceName);
        return new Token(Kind.RESERVED, text, null, startLine, col, start, sourceName);
    }

    /** Where the string lexed last by {@link #string()} began and ended. */
    private int lastStringStart = -1;
    private int stringEnd = -1;

    /** Lexes the string at {@code pos} (a {@code "}), returning its bytes with escapes decoded. */
    private byte[] string() {
        int startLine = line;
        int col = pos - lineStart + 1;
        int start = pos;
        lastStringStart = pos;
        pos++;
        buf.reset();
        while (true) {
            if (pos >= end) throw error("unclosed string", startLine, col, start);
            int c = src[pos];
            if (c == '"') {
                pos++;
                break;
            }
            if (c >= 0 && (c < 0x20 || c == 0x7F)) {
                if (c == '\n' || c == '\r') throw error("unclosed string", startLine, col, start);
                throw here("illegal control character in string");
            }
            if (c < 0) {
                int n = Utf8.sequence(src, pos, end);
                if (n < 0) throw here("malformed UTF-8 encoding");
                buf.write(src, pos, n);
                pos += n;
                continue;
            }
            if (c != '\\') {
                buf.write(c);
                pos++;
                continue;
            }
            if (pos + 1 >= end) throw error("unclosed string", startLine, col, start);
            int e = src[pos + 1];
            switch (e) {
                case 't' -> buf.write('\t');
                case 'n' -> buf.write('\n');
                case 'r' -> buf.write('\r');
                case '"' -> buf.write('"');
                case '\'' -> buf.write('\'');
                case '\\' -> buf.write('\\');
                case 'u' -> {
                    pos += 2;
                    unicodeEscape();
                    continue;
                }
                default -> {
                    int h = hex(e);
                    int l = pos + 2 < end ? hex(src[pos + 2]) : -1;
                    if (h < 0 || l < 0) throw here("illegal escape");
                    buf.write(h * 16 + l);
                    pos += 3;
                    continue;
                }
            }
            pos += 2;
        }
        stringEnd = pos;
        return buf.toByteArray();
    }

    /** {@code \}u{hex+} after the {@code \}u: the code point's UTF-8 bytes. */
    private void unicodeEscape() {
        if (pos >= end || src[pos] != '{') throw here("illegal escape");
        pos++;
        long cp = 0;
        int digits = 0;
        while (pos < end && src[pos] != '}') {
            int d = hex(src[pos]);
            if (d < 0) {
                if (src[pos] == '_' && digits > 0) {
                    pos++;
                    continue;
                }
                throw here("illegal escape");
            }
            cp = Math.min(cp * 16 + d, 0x200000);
            digits++;
            pos++;
        }
        if (pos >= end || digits == 0) throw here("illegal escape");
        pos++;
        if (cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000)) throw here("illegal escape");
        byte[] b = new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8);
        buf.write(b, 0, b.length);
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /**
     * Skips to just after the {@code )} that closes {@code depth} open parentheses, scanning bytes
     * without making tokens (the first pass over a module's fields, which the second lexes again).
     * Strings, comments and annotations are honoured as {@link #next} does; on anything unusual
     * (a line break in a string, the end of the text) it goes back to where it started and returns
     * false, so that the caller skips token by token and reports the error where it is.
     */
    boolean skipRaw(int depth) {
        int p = pos;
        int ln = line;
        int ls = lineStart;
        while (p < end) {
            int c = src[p];
            switch (c) {
                case '(' -> {
                    if (p + 1 < end && src[p + 1] == ';') {
                        // a block comment, nested ones counted
                        int d = 1;
                        p += 2;
                        while (d > 0) {
                            if (p >= end) return false;
                            int b = src[p];
                            if (b == '(' && p + 1 < end && src[p + 1] == ';') {
                                d++;
                                p += 2;
                            } else if (b == ';' && p + 1 < end && src[p + 1] == ')') {
                                d--;
                                p += 2;
                            } else {
                                if (b == '\n' || (b == '\r' && (p + 1 >= end || src[p + 1] != '\n'))) {
                                    ln++;
                                    ls = p + 1;
                                }
                                p++;
                            }
                        }
                    } else {
                        depth++;
                        p++;
                    }
                }
                case ')' -> {
                    p++;
                    if (--depth == 0) {
                        pos = p;
                        line = ln;
                        lineStart = ls;
                        return true;
                    }
                }
                case ';' -> {
                    if (p + 1 < end && src[p + 1] == ';') {
                        while (p < end && src[p] != '\n' && src[p] != '\r') p++;
                    } else {
                        p++;
                    }
                }
                case '"' -> {
                    p++;
                    while (true) {
                        if (p >= end) return false;
                        int b = src[p];
                        if (b == '"') break;
                        if (b == '\n' || b == '\r') return false;
                        p += b == '\\' ? 2 : 1;
                    }
                    p++;
                }
                case '\n' -> {
                    p++;
                    ln++;
                    ls = p;
                }
                case '\r' -> {
                    p += p + 1 < end && src[p + 1] == '\n' ? 2 : 1;
                    ln++;
                    ls = p;
                }
                default -> p++;
            }
        }
        return false;
    }

    /** Skips white space, comments and annotations. */
    private void skipSpace() {
        while (pos < end) {
            int c = src[pos];
            switch (c) {
                case ' ', '\t' -> pos++;
                case '\n' -> newline(pos + 1);
                case '\r' -> newline(pos + 1 < end && src[pos + 1] == '\n' ? pos + 2 : pos + 1);
                case ';' -> {
                    if (pos + 1 < end && src[pos + 1] == ';') lineComment();
                    else return;
                }
                case '(' -> {
                    if (pos + 1 < end && src[pos + 1] == ';') blockComment();
                    else if (pos + 1 < end && src[pos + 1] == '@') {
                        annotation();
                    } else {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void newline(int next) {
        pos = next;
        line++;
        lineStart = next;
    }

    /**
     * Steps over the character at {@code pos} inside a comment or annotation: a line break
     * (LF, CR or CRLF) starts a new line, a multi-byte UTF-8 sequence must be well-formed.
     */
    private void skipChar() {
        int c = src[pos];
        if (c == '\n') {
            newline(pos + 1);
        } else if (c == '\r') {
            newline(pos + 1 < end && src[pos + 1] == '\n' ? pos + 2 : pos + 1);
        } else if (c < 0) {
            int n = Utf8.sequence(src, pos, end);
            if (n < 0) throw here("malformed UTF-8 encoding");
            pos += n;
        } else {
            pos++;
        }
    }

    private void lineComment() {
        pos += 2;
        while (pos < end) {
            int c = src[pos];
            if (c == '\n' || c == '\r') return;
            skipChar();
        }
    }

    /** A block comment at {@code pos}; nested ones are counted, not recursed into. */
    private void blockComment() {
        int startLine = line;
        int col = pos - lineStart + 1;
        int start = pos;
        pos += 2;
        int depth = 1;
        while (depth > 0) {
            if (pos >= end) throw error("unclosed comment", startLine, col, start);
            int c = src[pos];
            if (c == '(' && pos + 1 < end && src[pos + 1] == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && pos + 1 < end && src[pos + 1] == ')') {
                depth--;
                pos += 2;
            } else {
                skipChar();
            }
        }
    }

    /**
     * An annotation {@code (@id ...)} or {@code (@"id" ...)}: skipped with everything up to its
     * matching parenthesis. Between its tokens only printable ASCII and white space may appear
     * (other characters only inside strings and comments).
     */
    private void annotation() {
        int startLine = line;
        int col = pos - lineStart + 1;
        int start = pos;
        pos += 2;
        annotationId(startLine, col, start);
        int depth = 1;
        while (depth > 0) {
            if (pos >= end) throw error("unclosed annotation", startLine, col, start);
            int c = src[pos];
            int next = pos + 1 < end ? src[pos + 1] : -1;
            if (c == ';' && next == ';') {
                lineComment();
            } else if (c == '(' && next == ';') {
                blockComment();
            } else if (c == '(') {
                depth++;
                pos++;
            } else if (c == ')') {
                depth--;
                pos++;
            } else if (c == '"') {
                string();
            } else if (c == '\n' || c == '\r' || c == '\t') {
                skipChar();
            } else if (c < 0) {
                if (Utf8.sequence(src, pos, end) < 0) throw here("malformed UTF-8 encoding");
                throw here("illegal character");
            } else if (c < 0x20 || c == 0x7F) {
                throw here("illegal character");
            } else {
                pos++;
            }
        }
    }

    /** The id right after {@code (@}: id characters, or a non-empty UTF-8 string. */
    private void annotationId(int startLine, int col, int start) {
        if (pos < end && isIdChar(src[pos])) {
            while (pos < end && isIdChar(src[pos])) pos++;
            return;
        }
        if (pos < end && src[pos] == '"') {
            byte[] id;
            try {
                id = string();
            } catch (TextFormatException e) {
                if (e.getMessage().contains("malformed UTF-8")) throw e;
                throw error("empty annotation id", startLine, col, start);
            }
            if (id.length == 0) throw error("empty annotation id", startLine, col, start);
            if (!Utf8.valid(id, 0, id.length)) throw error("malformed UTF-8 encoding", startLine, col, start);
            return;
        }
        throw error("empty annotation id", startLine, col, start);
    }

    private TextFormatException here(String message) {
        return error(message, line, pos - lineStart + 1, pos);
    }

    private TextFormatException error(String message, int line, int column, int offset) {
        return new TextFormatException(message, sourceName, line, column, offset);
    }
}
