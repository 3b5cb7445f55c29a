package dev.bytelift.wast;

import java.nio.charset.StandardCharsets;
import dev.bytelift.compiler.text.Wat;

/**
 * A script's module, whatever its form, as a binary: text goes through the compiler's
 * text-format parser, whose errors are {@link dev.bytelift.runtime.TextFormatException}s.
 */
final class TextModules {
    private TextModules() {}

    /**
     * {@code memory64}: whether the engine has it, which makes the text WebAssembly 3.0's (64-bit
     * limits and offsets, see {@link Wat#toBinary(byte[], String, boolean)}).
     */
    static byte[] toBinary(ModuleSource source, String sourceName, boolean memory64) {
        if (source instanceof ModuleSource.Binary b) return b.bytes();
        // a quote's positions are within its own text, not the script's
        if (source instanceof ModuleSource.Quote q) {
            return Wat.toBinary(q.text(), sourceName + " (module quote)", memory64);
        }
        ModuleSource.Text t = (ModuleSource.Text) source;
        // the module alone, placed at its line and column so that errors point into the script
        byte[] text = t.text().getBytes(StandardCharsets.UTF_8);
        byte[] placed = new byte[t.line() - 1 + t.column() - 1 + text.length];
        java.util.Arrays.fill(placed, 0, t.line() - 1, (byte) '\n');
        java.util.Arrays.fill(placed, t.line() - 1, t.line() - 1 + t.column() - 1, (byte) ' ');
        System.arraycopy(text, 0, placed, placed.length - text.length, text.length);
        return Wat.toBinary(placed, sourceName, memory64);
    }
}
