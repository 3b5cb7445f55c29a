package dev.bytelift.wast;

import dev.bytelift.runtime.TextFormatException;

/** A script's module, whatever its form, as a binary: text is parsed by the compiler's text-format parser. */
final class TextModules {
    private TextModules() {}

    static byte[] toBinary(ModuleSource source, String sourceName) {
        if (source instanceof ModuleSource.Binary b) return b.bytes();
        // TEMPORARY until text-core's WatParser lands
        throw new TextFormatException("text modules are not supported yet", sourceName, 1, 1, 0);
    }
}
