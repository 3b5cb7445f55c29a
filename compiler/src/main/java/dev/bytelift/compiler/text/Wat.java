package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.nio.charset.StandardCharsets;

/** The WebAssembly text format to the binary format: a whole {@code .wat} file. */
public final class Wat {
    private Wat() {}

    /**
     * The binary module of a {@code .wat} text: one {@code (module ...)}, or module fields without
     * it (the spec's abbreviation). Errors are {@link dev.bytelift.runtime.TextFormatException}s
     * naming {@code sourceName}, a line and a column.
     */
    public static byte[] toBinary(String text, String sourceName) {
        return toBinary(text.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /** As {@link #toBinary(String, String)}, from UTF-8 bytes (checked). */
    public static byte[] toBinary(byte[] utf8, String sourceName) {
        return parse(utf8, sourceName, null, true);
    }

    /**
     * As {@link #toBinary(byte[], String)}; without {@code memory64} the text is WebAssembly 2.0's,
     * where limits and memarg offsets are 32-bit literals (a larger one is malformed text, where
     * WebAssembly 3.0 parses it and validation bounds it by the address type).
     */
    public static byte[] toBinary(byte[] utf8, String sourceName, boolean memory64) {
        return parse(utf8, sourceName, null, memory64);
    }

    /** A binary module and where its instructions came from in the text. */
    public record Mapped(byte[] binary, SourceMap sourceMap) {}

    /** As {@link #toBinary(byte[], String)}, with the source map that locates the code's instructions in the text. */
    public static Mapped toBinaryMapped(byte[] utf8, String sourceName) {
        SourceMap map = new SourceMap();
        return new Mapped(parse(utf8, sourceName, map, true), map);
    }

    private static byte[] parse(byte[] utf8, String sourceName, SourceMap map, boolean memory64) {
        TokenCursor c = TokenCursor.of(utf8, sourceName);
        byte[] binary;
        if (c.atParen("module")) {
            c.lparen();
            c.expectKeyword("module");
            String id = c.acceptId();
            binary = WatParser.fields(c, id, map, memory64);
            c.rparen();
        } else {
            binary = WatParser.fields(c, null, map, memory64);
        }
        Token t = c.peek();
        if (t.kind() != Kind.EOF) throw c.unexpected(t);
        return binary;
    }
}
