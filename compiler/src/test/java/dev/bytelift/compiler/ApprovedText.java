package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a text with its approved file, or (with {@code -Dbytelift.golden.update=true})
 * rewrites the approved file. A mismatch also leaves the actual text under {@code target/} so
 * that {@code diff -u} can show all of it.
 */
final class ApprovedText {
    private ApprovedText() {}

    static final String UPDATE_PROPERTY = "bytelift.golden.update";

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /**
     * @param approved the checked-in file
     * @param actualCopy where to write {@code actual} when it differs
     */
    static void check(Path approved, Path actualCopy, String actual) {
        try {
            if (updating()) {
                if (!Files.exists(approved) || !read(approved).equals(actual)) {
                    Files.createDirectories(approved.getParent());
                    Files.writeString(approved, actual, StandardCharsets.UTF_8);
                }
                return;
            }
            if (!Files.exists(approved)) {
                fail("no approved file " + approved + ": create it with -D" + UPDATE_PROPERTY + "=true");
            }
            String expected = read(approved);
            if (expected.equals(actual)) return;
            Files.createDirectories(actualCopy.getParent());
            Files.writeString(actualCopy, actual, StandardCharsets.UTF_8);
            fail("generated code differs from " + approved + "\n"
                    + "all of it: diff -u " + approved + " " + actualCopy + "\n"
                    + "if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and commit the new file\n"
                    + TextDiff.describe(expected, actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) throws IOException {
        // a checkout with CRLF line ends must not make every golden differ
        return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
