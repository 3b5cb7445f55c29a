package dev.bytelift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.wasi.Wasi;

/** Turns the WASI options of {@code bytelift run} ({@code --dir}, {@code --env}, {@code --argv0}) into a {@link Wasi}. */
final class WasiOptions {
    private WasiOptions() {}

    /**
     * The WASI instance for running {@code file} with the JVM's stdio: argv is {@code argv0}
     * (default: the file name without its directories, as Wasmtime passes it) followed by {@code args};
     * the environment is the host's if {@code inheritEnv} ({@code -S inherit-env}), with {@code envs}
     * set over it; each call is reported to {@code trace} if it is not null ({@code --trace-wasi}).
     *
     * @throws IllegalArgumentException for a malformed option or a directory that does not exist
     */
    static Wasi build(Path file, String argv0, List<String> args, List<String> dirs, List<String> envs, boolean inheritEnv,
            java.util.function.Consumer<String> trace) {
        Wasi.Builder b = Wasi.builder().inheritStdio().trace(trace);
        if (inheritEnv) System.getenv().forEach(b::env);
        List<String> argv = new ArrayList<>();
        Path name = file.getFileName();
        argv.add(argv0 != null ? argv0 : name == null ? file.toString() : name.toString());
        argv.addAll(args);
        b.args(argv);
        for (String e : envs) {
            int eq = e.indexOf('=');
            if (eq == 0 || e.isEmpty()) throw new IllegalArgumentException("invalid --env '" + e + "' (write NAME=VALUE or NAME)");
            if (eq > 0) {
                b.env(e.substring(0, eq), e.substring(eq + 1));
            } else {
                String inherited = System.getenv(e);
                if (inherited != null) b.env(e, inherited);
            }
        }
        for (String d : dirs) {
            int sep = d.indexOf("::");
            String host = sep < 0 ? d : d.substring(0, sep);
            String guest = sep < 0 ? d : d.substring(sep + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new IllegalArgumentException("invalid --dir '" + d + "' (write HOST or HOST::GUEST)");
            }
            b.preopenDir(Path.of(host), guest);
        }
        try {
            return b.build();
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }
}
