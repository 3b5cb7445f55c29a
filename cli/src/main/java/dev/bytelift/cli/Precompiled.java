package dev.bytelift.cli;

import java.io.IOException;
import java.nio.file.Path;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Module;

/** What {@code bytelift compile} wrote, recognised by its first bytes: a jar (zip) or a serialised module. */
final class Precompiled {
    private Precompiled() {}

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] SERIALIZED = {0, 'B', 'L', 'M', 'O', 'D'};

    /** The module of {@code bytes} (read from {@code file}) if it is precompiled, else null. */
    static Module load(Engine engine, Path file, byte[] bytes) {
        try {
            if (startsWith(bytes, ZIP)) return engine.loadModule(file);
            // from the file: mapped, each function class read when first used
            if (startsWith(bytes, SERIALIZED)) return engine.deserializeModule(file);
        } catch (IOException e) {
            throw new dev.bytelift.runtime.WasmException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }
}
