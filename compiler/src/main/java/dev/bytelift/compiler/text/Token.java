package dev.bytelift.compiler.text;

import dev.bytelift.runtime.TextFormatException;
import java.nio.charset.StandardCharsets;

/**
 * One token of the WebAssembly text format, with where it starts: line and column (from 1; the
 * column counts bytes of UTF-8) and byte offset in the text.
 *
 * <p>{@link #text()} is the token as written for keywords, numbers and reserved tokens; for an
 * identifier it is {@code $name} (also for the {@code $"name"} form, whose string is decoded);
 * for a string, {@link #bytes()} holds its bytes with escapes decoded.
 */
public final class Token {
    /** What a token is. */
    public enum Kind {
        LPAREN, RPAREN, KEYWORD, ID, STRING, NUMBER, RESERVED, EOF
    }

    private final Kind kind;
    private final String text;
    private final byte[] bytes;
    private final int line;
    private final int column;
    private final int offset;
    private final String sourceName;

    Token(Kind kind, String text, byte[] bytes, int line, int column, int offset, String sourceName) {
        this.sourceName = sourceName;
        this.kind = kind;
        this.text = text;
        this.bytes = bytes;
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    /** What the token is. */
    public Kind kind() {
        return kind;
    }

    /** The token as written ({@code $name} for identifiers), or null for a string. */
    public String text() {
        return text;
    }

    /** A string's bytes (escapes decoded), else null. */
    public byte[] bytes() {
        return bytes;
    }

    /** A string's bytes as UTF-8 text, or null if they are not valid UTF-8 (or this is not a string). */
    public String utf8() {
        if (bytes == null || !Utf8.valid(bytes, 0, bytes.length)) return null;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The line the token starts on, from 1 (LF, CR and CR LF end lines). */
    public int line() {
        return line;
    }

    /** The column the token starts at, from 1, in bytes of UTF-8 from the start of its line. */
    public int column() {
        return column;
    }

    /** The byte offset of the token's first byte in the text. */
    public int offset() {
        return offset;
    }

    /** The name of the text the token is in (for error messages). */
    public String sourceName() {
        return sourceName;
    }

    /** An error at this token: {@code sourceName:line:column: message}. */
    public TextFormatException error(String message) {
        return new TextFormatException(message, sourceName, line, column, offset);
    }

    /** Whether this is the keyword {@code kw}. */
    public boolean is(String kw) {
        return kind == Kind.KEYWORD && text.equals(kw);
    }

    /** Short form for messages: the text, {@code "..."} for a string, {@code (} or {@code )}. */
    @Override
    public String toString() {
        return switch (kind) {
            case LPAREN -> "(";
            case RPAREN -> ")";
            case STRING -> "\"" + (utf8() != null ? utf8() : "...") + "\"";
            case EOF -> "end of file";
            default -> text;
        };
    }
}
