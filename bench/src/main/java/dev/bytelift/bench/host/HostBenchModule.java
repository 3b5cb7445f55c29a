package dev.bytelift.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openjdk.jmh.annotations.CompilerControl;

/** The host-call benchmark module (test-modules/src/wat/host_bench.wat). */
final class HostBenchModule {
    private HostBenchModule() {}

    /** Host calls per benchmark invocation of the looping exports. */
    static final int CALLS = 1000;

    /** The body of the {@code opaque} host function: a call the JIT may not inline. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int opaque(int v) {
        return v + 1;
    }

    static byte[] bytes() {
        try (InputStream in = HostBenchModule.class.getResourceAsStream("/dev/bytelift/testmodules/wat/host_bench.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
