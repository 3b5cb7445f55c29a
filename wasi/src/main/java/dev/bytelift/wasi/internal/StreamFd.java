package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * stdin, stdout or stderr: a host {@link InputStream} or {@link OutputStream}. Not seekable. Its
 * file type is {@code CHARACTER_DEVICE} when it is a terminal (wasi-libc then line-buffers
 * stdout) and {@code UNKNOWN} otherwise, as Wasmtime reports pipes.
 */
public final class StreamFd extends Descriptor {
    private final InputStream in;
    private final OutputStream out;
    private final int filetype;
    private StdinPump pump;

    private StreamFd(InputStream in, OutputStream out, boolean terminal, long rights) {
        super(rights, 0, 0);
        this.in = in;
        this.out = out;
        this.filetype = terminal ? Abi.FILETYPE_CHARACTER_DEVICE : Abi.FILETYPE_UNKNOWN;
    }

    /** A readable stream (stdin). */
    public static StreamFd input(InputStream in, boolean terminal) {
        return new StreamFd(in, null, terminal, Rights.STDIN_BASE);
    }

    /** A writable stream (stdout, stderr). */
    public static StreamFd output(OutputStream out, boolean terminal) {
        return new StreamFd(null, out, terminal, Rights.STDOUT_BASE);
    }

    @Override
    public int filetype() {
        return filetype;
    }

    @Override
    int read(GuestMemory mem, int[] iovs) throws IOException {
        require(Rights.FD_READ, Errno.EBADF);
        if (in == null) throw new WasiError(Errno.EBADF);
        int total = 0;
        for (int i = 0; i < iovs.length; i += 2) {
            int len = iovs[i + 1];
            if (len == 0) continue;
            int n = readSome(mem.bytes(), mem.check(iovs[i], len), len);
            if (n <= 0) break;
            total += n;
            // like readv on a pipe: do not block for more once something has arrived
            if (n < len || readableBytes() <= 0) break;
        }
        return total;
    }

    private int readSome(byte[] b, int off, int len) throws IOException {
        return pump != null ? pump.read(b, off, len) : in.read(b, off, len);
    }

    @Override
    int write(GuestMemory mem, int[] iovs) throws IOException {
        require(Rights.FD_WRITE, Errno.EBADF);
        if (out == null) throw new WasiError(Errno.EBADF);
        int total = 0;
        for (int i = 0; i < iovs.length; i += 2) {
            int len = iovs[i + 1];
            if (len == 0) continue;
            out.write(mem.bytes(), mem.check(iovs[i], len), len);
            total += len;
        }
        flush();
        return total;
    }

    /** Flushes an output stream (a no-op for input). */
    public void flush() throws IOException {
        if (out == null) return;
        out.flush();
        if (out instanceof PrintStream ps && ps.checkError()) throw new WasiError(Errno.EIO);
    }

    @Override
    Filestat filestat() {
        return new Filestat(0, 0, filetype, 1, 0, 0, 0, 0, null);
    }

    @Override
    void sync(boolean metadata) throws IOException {
        flush();
    }

    @Override
    void setFlags(int flags) {
        // APPEND and NONBLOCK are remembered (a stream is written at its end anyway, and reads
        // block regardless); the sync flags cannot apply to a stream
        if ((flags & Abi.FDFLAGS_SYNC_ALL) != 0) throw new WasiError(Errno.ENOTSUP);
        fdflags = flags;
    }

    @Override
    long readableBytes() throws IOException {
        if (in == null) return 0;
        if (pump != null) return pump.readable();
        int n = in.available();
        return n > 0 ? n : -1;
    }

    /** Waits until a read would not block or {@code deadline} ({@code System.nanoTime()}) passes. */
    boolean awaitReadable(long deadline) throws IOException, InterruptedException {
        if (in == null || readableBytes() >= 0) return true;
        if (pump == null) pump = new StdinPump(in);
        return pump.awaitReadable(deadline);
    }

    /** Whether this is an output stream (always writable). */
    boolean isOutput() {
        return out != null;
    }

    @Override
    void close() throws IOException {
        flush(); // the host owns the streams: they stay open
    }
}
