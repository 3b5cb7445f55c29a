package dev.bytelift.wasi.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;

/**
 * A WASI context over a scratch directory, with a linear memory of its own, for calling the
 * {@code wasi_snapshot_preview1} functions the way a guest does (through the same boundary that
 * turns failures into errnos), without compiling a module.
 *
 * <p>Layout: {@code work/sandbox} is preopened as fd 3 ("/sandbox"); {@code work/outside} holds
 * {@code secret.txt} and must stay out of reach.
 */
final class Guest implements AutoCloseable {
    static final int SANDBOX = 3;
    static final long ALL_RIGHTS = (1L << 30) - 1;
    static final long READ = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET;
    static final long READ_WRITE = READ | Rights.FD_WRITE | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_ALLOCATE;

    final Path work;
    final Path sandbox;
    final Path outside;
    final Memory memory = new Memory(new MemoryType(new Limits(2, 2)));
    final GuestMemory mem = new GuestMemory(memory);
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final WasiContext ctx;
    /** Whether this guest made (and deletes) the scratch directory. */
    private final boolean owner;
    private final Map<String, Imports.Body> bodies;
    /** Where the next string goes (a bump allocator from 4096). */
    private int heap = 4096;
    /** Scratch for results: 0..1023. */
    static final int OUT = 0;

    Guest() {
        this(new ByteArrayInputStream(new byte[0]));
    }

    Guest(InputStream stdin) {
        this(stdin, null);
    }

    /**
     * A second guest granted the same {@code sandbox} as {@code owner} (another program run
     * sharing the directory); only the owner deletes the scratch directory on {@link #close}.
     */
    Guest(Guest owner) {
        this(new ByteArrayInputStream(new byte[0]), owner);
    }

    private Guest(InputStream stdin, Guest owner) {
        this.owner = owner == null;
        if (owner != null) {
            work = owner.work;
            sandbox = owner.sandbox;
            outside = owner.outside;
        } else {
            try {
                work = Files.createTempDirectory("bytelift-wasi-test-").toRealPath();
                sandbox = Files.createDirectory(work.resolve("sandbox"));
                outside = Files.createDirectory(work.resolve("outside"));
                Files.writeString(outside.resolve("secret.txt"), "secret");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ctx = new WasiContext(List.of("prog.wasm", "a1"), List.of("K=V"),
                new WasiContext.Stdio(stdin, false),
                new WasiContext.Stdio(stdout, false),
                new WasiContext.Stdio(OutputStreamSink.INSTANCE, false),
                List.of(new WasiContext.Preopen(sandbox, "/sandbox")), new SecureRandom());
        bodies = Imports.bodies(ctx);
    }

    /** Calls {@code name} with boxed arguments ({@code Integer}/{@code Long}) and returns the errno. */
    int call(String name, Object... args) {
        Imports.Body b = bodies.get(name);
        if (b == null) throw new IllegalArgumentException(name);
        return Imports.call(mem, args, b);
    }

    /** Puts {@code s} (UTF-8) in memory and returns its address; its length is {@link #len}. */
    int str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int bytes(byte[] b) {
        int at = heap;
        mem.write(at, b);
        heap += b.length + 8 - (b.length % 8);
        return at;
    }

    /** Forgets every string put in memory so far (for loops that would run out of memory). */
    void freeStrings() {
        heap = 4096;
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code path_open} on {@code dirFd}; the new fd is {@link #fd()} on success. */
    int open(int dirFd, String path, boolean follow, int oflags, long rights) {
        return call("path_open", dirFd, follow ? 1 : 0, str(path), len(path), oflags, rights, ALL_RIGHTS, 0, OUT);
    }

    int open(String path, int oflags, long rights) {
        return open(SANDBOX, path, true, oflags, rights);
    }

    /** The fd a successful {@code path_open} returned. */
    int fd() {
        return mem.i32(OUT);
    }

    int stat(String path, boolean follow) {
        return call("path_filestat_get", SANDBOX, follow ? 1 : 0, str(path), len(path), OUT);
    }

    int mkdir(String path) {
        return call("path_create_directory", SANDBOX, str(path), len(path));
    }

    int symlink(String target, String path) {
        return call("path_symlink", str(target), len(target), SANDBOX, str(path), len(path));
    }

    int unlink(String path) {
        return call("path_unlink_file", SANDBOX, str(path), len(path));
    }

    int rename(String from, String to) {
        return call("path_rename", SANDBOX, str(from), len(from), SANDBOX, str(to), len(to));
    }

    /** Writes {@code text} through {@code fd}; returns the errno. */
    int write(int fd, String text) {
        int buf = str(text);
        int iov = heap;
        heap += 8;
        mem.setI32(iov, buf);
        mem.setI32(iov + 4, len(text));
        return call("fd_write", fd, iov, 1, OUT);
    }

    /** Reads up to {@code max} bytes through {@code fd} as a string ({@code null} on error). */
    String read(int fd, int max) {
        int buf = heap;
        heap += max + 8;
        int iov = heap;
        heap += 8;
        mem.setI32(iov, buf);
        mem.setI32(iov + 4, max);
        if (call("fd_read", fd, iov, 1, OUT) != 0) return null;
        return new String(mem.read(buf, mem.i32(OUT)), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        ctx.close();
        if (!owner) return;
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Discards stderr. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
