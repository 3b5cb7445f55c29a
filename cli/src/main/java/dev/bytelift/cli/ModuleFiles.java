package dev.bytelift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the module file a command is given, with the command line's error messages. */
final class ModuleFiles {
    private ModuleFiles() {}

    /** The bytes of {@code file}, or null after printing why it cannot be read. */
    static byte[] read(Path file, PrintWriter err) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }
}
