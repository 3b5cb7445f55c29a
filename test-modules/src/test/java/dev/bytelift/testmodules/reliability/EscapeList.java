package dev.bytelift.testmodules.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lists beside the escape reproducers (test resources, dev/bytelift/testmodules/reliability/):
 * {@code known-escapes.txt}, escapes not fixed yet, which may only shrink; and
 * {@code fixed-escapes.txt}, escapes fixed, with the outcome each reproducer must now have.
 * One entry a line, fields separated by {@code " | "}; {@code #} starts a comment line.
 */
final class EscapeList {
    private EscapeList() {}

    static final String DIR = "/dev/bytelift/testmodules/reliability/";

    /** A known (unfixed) escape: the reproducer, whether it runs split, the signature it escapes with, why. */
    record Known(String file, boolean split, String signature, String reason) {}

    /** A fixed escape: the reproducer, whether it runs split, the outcome it must have, a message it must contain. */
    record Fixed(String file, boolean split, Oracle.Kind kind, String message, String reason) {}

    static List<Known> known() {
        List<Known> list = new ArrayList<>();
        for (String[] f : lines("known-escapes.txt", 4)) list.add(new Known(f[0], split(f[1]), f[2], f[3]));
        return list;
    }

    static List<Fixed> fixed() {
        List<Fixed> list = new ArrayList<>();
        for (String[] f : lines("fixed-escapes.txt", 5)) list.add(new Fixed(f[0], split(f[1]), Oracle.Kind.valueOf(f[2]), f[3], f[4]));
        return list;
    }

    private static boolean split(String config) {
        if (!config.equals("split") && !config.equals("plain")) throw new IllegalArgumentException("plain or split, not " + config);
        return config.equals("split");
    }

    private static List<String[]> lines(String name, int fields) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = EscapeList.class.getResourceAsStream(DIR + name)) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split(" \\| ", -1);
                if (f.length != fields) throw new IllegalArgumentException(name + ": expected " + fields + " fields: " + line);
                for (int i = 0; i < f.length; i++) f[i] = f[i].strip();
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
