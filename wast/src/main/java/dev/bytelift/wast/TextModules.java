package dev.bytelift.wast;

import dev.bytelift.compiler.text.Wat;
import dev.bytelift.runtime.TextFormatException;

/** A script's module, whatever its form, as a binary: text is parsed by the compiler's text-format parser. */
final class TextModules {
    private TextModules() {}

    static byte[] toBinary(ModuleSource source, String sourceName) {
        if (source instanceof ModuleSource.Binary b) return b.bytes();
        if (source instanceof ModuleSource.Quote q) return Wat.toBinary(q.text(), sourceName);
        ModuleSource.Text t = (ModuleSource.Text) source;
        // the module alone, placed at its line and column so that errors point into the script
        StringBuilder sb = new StringBuilder(t.line() + t.column() + t.text().length());
        sb.append("\n".repeat(t.line() - 1)).append(" ".repeat(t.column() - 1)).append(t.text());
        return Wat.toBinary(sb.toString(), sourceName);
    }
}
