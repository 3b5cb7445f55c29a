package dev.bytelift.testmodules.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The WAT test modules of src/wat, built into resources by build-wat.sh. */
final class WatModules {
    private WatModules() {}

    static byte[] bytes(String name) {
        String path = "/dev/bytelift/testmodules/wat/" + name + ".wasm";
        try (InputStream in = WatModules.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test module " + path + " (run test-modules/build-wat.sh)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
