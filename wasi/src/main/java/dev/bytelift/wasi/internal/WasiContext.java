package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one WASI instance: arguments, environment, the descriptor table and the clocks'
 * origin. Used by one thread at a time, like the store it serves.
 */
public final class WasiContext {
    final List<byte[]> args;
    final List<byte[]> environ;
    final FdTable fds = new FdTable();
    /** The embedder's source of {@code random_get}, or null until a default is first needed ({@link #random()}). */
    private SecureRandom random;
    /** {@code System.nanoTime()} when the monotonic clock read 0. */
    final long monotonicOrigin;
    /** Where each call is reported as one line ({@code Wasi.Builder#trace}), or null. */
    volatile java.util.function.Consumer<String> trace;

    /** A preopened directory: the host directory and the guest's name for it. */
    public record Preopen(Path host, String guest) {}

    /** One stdio stream: an input or output stream and whether it is a terminal. */
    public record Stdio(Object stream, boolean terminal) {}

    /**
     * Creates the context.
     *
     * @param args argv, argv[0] first
     * @param environ {@code KEY=value} strings
     * @param stdin stdin ({@link InputStream})
     * @param stdout stdout ({@link OutputStream})
     * @param stderr stderr ({@link OutputStream})
     * @param preopens fds 3, 4, ... in this order, as real paths; each is opened here and held
     *     open until {@link #close}
     * @throws java.io.UncheckedIOException if a preopened directory cannot be opened
     * @throws UnsupportedOperationException if the host has no race-free directory handles
     *     ({@link java.nio.file.SecureDirectoryStream}; Windows) and a directory is to be granted
     */
    /**
     * The source of {@code random_get}: the embedder's, or a new {@link SecureRandom} made on the
     * first call (making one reads the OS entropy source and loads the security providers: about
     * 5 ms of every program's start, which most never call {@code random_get}).
     */
    SecureRandom random() {
        if (random == null) random = new SecureRandom();
        return random;
    }

    /** Reports every call to {@code sink} as one line (null: none). */
    public void trace(java.util.function.Consumer<String> sink) {
        this.trace = sink;
    }

    public WasiContext(List<String> args, List<String> environ, Stdio stdin, Stdio stdout, Stdio stderr,
            List<Preopen> preopens, SecureRandom random) { // random: null for a default made on first use
        this.args = utf8(args);
        this.environ = utf8(environ);
        this.random = random;
        // start the monotonic clock a second in, so that a reading is never 0
        this.monotonicOrigin = System.nanoTime() - 1_000_000_000L;
        fds.add(StreamFd.input((InputStream) stdin.stream(), stdin.terminal()));
        fds.add(StreamFd.output((OutputStream) stdout.stream(), stdout.terminal()));
        fds.add(StreamFd.output((OutputStream) stderr.stream(), stderr.terminal()));
        try {
            for (Preopen p : preopens) fds.add(DirFd.preopen(p.host(), p.guest()));
        } catch (IOException e) {
            fds.closeAll();
            throw new UncheckedIOException("cannot open a preopened directory", e);
        } catch (RuntimeException e) {
            fds.closeAll(); // e.g. no SecureDirectoryStream on this host: refuse to grant anything
            throw e;
        }
    }

    private static List<byte[]> utf8(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) out.add(s.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** The descriptor table. */
    public FdTable fds() {
        return fds;
    }

    /** Flushes stdout and stderr if the guest still has them open. */
    public void flushStdio() {
        for (int fd = 1; fd <= 2; fd++) {
            if (fds.isOpen(fd) && fds.get(fd) instanceof StreamFd s) {
                try {
                    s.flush();
                } catch (IOException | WasiError e) {
                    // nothing to report to at this point
                }
            }
        }
    }

    /** Closes every descriptor the guest still holds. */
    public void close() {
        flushStdio();
        fds.closeAll();
    }
}
