package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Reads an {@link InputStream} on a daemon thread into a bounded buffer, so that
 * {@code poll_oneoff} can wait for input with a timeout (an {@code InputStream} cannot say
 * whether a read would block, nor tell end of input from no input yet). Started only when a
 * guest polls a stream that has no bytes {@linkplain InputStream#available() available};
 * from then on every read of that stream goes through the pump.
 */
final class StdinPump {
    private static final int CHUNK = 8192;
    private static final int MAX_BUFFERED = 1 << 20;

    private final InputStream in;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private boolean eof;
    private IOException error;

    StdinPump(InputStream in) {
        this.in = in;
        Thread t = new Thread(this::pump, "bytelift-wasi-stdin");
        t.setDaemon(true);
        t.start();
    }

    private void pump() {
        byte[] buf = new byte[CHUNK];
        try {
            for (;;) {
                synchronized (this) {
                    while (buffered >= MAX_BUFFERED) wait();
                }
                int n = in.read(buf);
                synchronized (this) {
                    if (n < 0) {
                        eof = true;
                        notifyAll();
                        return;
                    }
                    if (n > 0) {
                        chunks.addLast(java.util.Arrays.copyOf(buf, n));
                        buffered += n;
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                error = e;
                notifyAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes buffered; 0 at end of input; -1 if none yet and input has not ended. */
    synchronized long readable() {
        if (buffered > 0 || eof || error != null) return buffered;
        return -1;
    }

    /**
     * Waits until a read would not block or {@code System.nanoTime()} reaches {@code deadline}
     * ({@link Poll#NEVER}: no timeout).
     */
    synchronized boolean awaitReadable(long deadline) throws InterruptedException {
        while (readable() < 0) {
            if (deadline == Poll.NEVER) {
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            long ms = left / 1_000_000L;
            int ns = (int) (left % 1_000_000L);
            wait(ms, ns);
        }
        return true;
    }

    /** Blocks until input is buffered, then copies up to {@code len} bytes; -1 at end of input. */
    synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        try {
            while (buffered == 0 && !eof && error == null) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasiError(Errno.EINTR);
        }
        if (buffered == 0) {
            if (error != null) throw error;
            return -1;
        }
        int done = 0;
        while (done < len && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(len - done, head.length - headOffset);
            System.arraycopy(head, headOffset, b, off + done, n);
            done += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        buffered -= done;
        notifyAll();
        return done;
    }
}
