package dev.bytelift.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The host-call benchmark module (test-modules/src/wat/host_bench.wat). */
final class HostBenchModule {
    private HostBenchModule() {}

    /** Host calls per benchmark invocation of the looping exports. */
    static final int CALLS = 1000;

    static byte[] bytes() {
        try (InputStream in = HostBenchModule.class.getResourceAsStream("/dev/bytelift/testmodules/wat/host_bench.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
