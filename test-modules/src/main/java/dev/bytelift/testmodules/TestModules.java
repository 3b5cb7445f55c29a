package dev.bytelift.testmodules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the test and benchmark modules this artifact carries, by path under {@code dev/bytelift/testmodules/}. */
public final class TestModules {
    private TestModules() {}

    /** The bytes of {@code dev/bytelift/testmodules/<path>} (e.g. {@code "wat/limits/fuel.wasm"}). */
    public static byte[] load(String path) {
        String resource = "/dev/bytelift/testmodules/" + path;
        try (InputStream in = TestModules.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no test module " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
