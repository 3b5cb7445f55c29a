package dev.bytelift.wast;

/**
 * Where a script's module comes from. Every form becomes a binary only when the command runs, so
 * that a module whose text does not parse fails its own command (or passes, under
 * {@code assert_malformed}) rather than the whole script.
 */
public sealed interface ModuleSource {
    /**
     * A module written in the text format inside the script, {@code (module ...)}.
     *
     * @param text the module's source, from its {@code (} to its {@code )}
     * @param line the line of its {@code (} in the script, 1-based
     * @param column the column of its {@code (}, 1-based
     */
    record Text(String text, int line, int column) implements ModuleSource {}

    /**
     * {@code (module binary "..."*)}: the bytes of the strings, concatenated.
     *
     * @param bytes the module's binary
     */
    record Binary(byte[] bytes) implements ModuleSource {
        /** Copies the bytes. */
        public Binary {
            bytes = bytes.clone();
        }

        /** A copy of the module's binary. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * {@code (module quote "..."*)}: text-format source given as strings, concatenated; parsing it
     * is part of running the command (the suite tests text-format errors this way). The text is
     * either a whole {@code (module ...)} or the fields of one.
     *
     * @param text the strings' bytes, concatenated (meant as UTF-8; being anything else is a text error)
     */
    record Quote(byte[] text) implements ModuleSource {
        /** Copies the text. */
        public Quote {
            text = text.clone();
        }

        /** A copy of the text. */
        @Override
        public byte[] text() {
            return text.clone();
        }
    }
}
