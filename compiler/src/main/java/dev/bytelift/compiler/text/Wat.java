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
        TokenCursor c = TokenCursor.of(utf8, sourceName);
        byte[] binary = c.atParen("module") ? WatParser.parseModule(c) : WatParser.fields(c, null);
        Token t = c.peek();
        if (t.kind() != Kind.EOF) throw c.unexpected(t);
        return binary;
    }
}
