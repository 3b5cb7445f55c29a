package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.bytelift.wasi.WasiExitException;

/** {@code poll_oneoff}, the clocks, {@code random_get}, args/environ and {@code proc_exit}. */
@Timeout(30)
class PollAndClocksTest {
    static final int SUBS = 1024;
    static final int EVENTS = 2048;

    private static void clockSub(Guest g, int index, long userdata, int clock, long timeout, boolean abs) {
        int p = SUBS + index * Abi.SUBSCRIPTION_SIZE;
        g.mem.zero(p, Abi.SUBSCRIPTION_SIZE);
        g.mem.setI64(p, userdata);
        g.mem.setU8(p + 8, Abi.EVENTTYPE_CLOCK);
        g.mem.setI32(p + 16, clock);
        g.mem.setI64(p + 24, timeout);
        g.mem.setU16(p + 40, abs ? Abi.SUBCLOCKFLAGS_ABSTIME : 0);
    }

    private static void fdSub(Guest g, int index, long userdata, int type, int fd) {
        int p = SUBS + index * Abi.SUBSCRIPTION_SIZE;
        g.mem.zero(p, Abi.SUBSCRIPTION_SIZE);
        g.mem.setI64(p, userdata);
        g.mem.setU8(p + 8, type);
        g.mem.setI32(p + 16, fd);
    }

    @Test
    void onlyTheEarliestClockFiresAndNeverEarly() throws Exception {
        try (Guest g = new Guest()) {
            clockSub(g, 0, 1, Abi.CLOCK_MONOTONIC, 5_000_000_000L, false);
            clockSub(g, 1, 2, Abi.CLOCK_MONOTONIC, 20_000_000L, false);
            long t0 = System.nanoTime();
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 2, OUT));
            long took = System.nanoTime() - t0;
            assertTrue(took >= 20_000_000L && took < 2_000_000_000L, "took " + took);
            assertEquals(1, g.mem.i32(OUT));
            assertEquals(2L, g.mem.i64(EVENTS));
            assertEquals(Abi.EVENTTYPE_CLOCK, g.mem.u8(EVENTS + 10));
        }
    }

    @Test
    void absoluteDeadlinesOnBothClocksIncludingThePast() throws Exception {
        try (Guest g = new Guest()) {
            assertEquals(0, g.call("clock_time_get", Abi.CLOCK_MONOTONIC, 1L, OUT));
            long now = g.mem.i64(OUT);
            clockSub(g, 0, 5, Abi.CLOCK_MONOTONIC, now + 15_000_000L, true);
            long t0 = System.nanoTime();
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 1, OUT));
            assertTrue(System.nanoTime() - t0 >= 14_000_000L);
            clockSub(g, 0, 6, Abi.CLOCK_REALTIME, 1, true);
            t0 = System.nanoTime();
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 1, OUT));
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "a deadline in the past fires at once");
            clockSub(g, 0, 7, 99, 0, false);
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 1, OUT));
            assertEquals(Errno.EINVAL, g.mem.u16(EVENTS + 8), "an unknown clock is reported in its event");
        }
    }

    /** Like a pipe: chunks arrive from another thread; an empty chunk ends the input. */
    static final class Feed extends InputStream {
        final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] head;
        private int at;

        void write(String s) {
            chunks.add(s.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            chunks.add(new byte[0]);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            try {
                if (head == null || at == head.length) {
                    head = chunks.take();
                    at = 0;
                    if (head.length == 0) {
                        chunks.add(head);
                        return -1;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            int n = Math.min(len, head.length - at);
            System.arraycopy(head, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public int available() {
            return 0; // like a pipe whose reader cannot tell: poll_oneoff must wait for it
        }
    }

    @Test
    void stdinIsWaitedForAndOtherDescriptorsAreReadyAtOnce() throws Exception {
        Feed feed = new Feed();
        try (Guest g = new Guest(feed)) {
            fdSub(g, 0, 10, Abi.EVENTTYPE_FD_READ, 0);
            clockSub(g, 1, 11, Abi.CLOCK_MONOTONIC, 30_000_000L, false);
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 2, OUT));
            assertEquals(1, g.mem.i32(OUT));
            assertEquals(11L, g.mem.i64(EVENTS), "no input yet: the clock fires");

            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                    feed.write("line\n");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            clockSub(g, 1, 11, Abi.CLOCK_MONOTONIC, 10_000_000_000L, false);
            long t0 = System.nanoTime();
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 2, OUT));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            assertEquals(1, g.mem.i32(OUT));
            assertEquals(10L, g.mem.i64(EVENTS));
            assertEquals(Abi.EVENTTYPE_FD_READ, g.mem.u8(EVENTS + 10));
            assertEquals(5L, g.mem.i64(EVENTS + 16), "bytes available");
            writer.join();
            assertEquals("line\n", g.read(0, 100));

            fdSub(g, 0, 20, Abi.EVENTTYPE_FD_WRITE, 1);
            fdSub(g, 1, 21, Abi.EVENTTYPE_FD_READ, Guest.SANDBOX);
            fdSub(g, 2, 22, Abi.EVENTTYPE_FD_READ, 99);
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 3, OUT));
            assertEquals(3, g.mem.i32(OUT));
            assertEquals(Errno.EBADF, g.mem.u16(EVENTS + 2 * Abi.EVENT_SIZE + 8));

            feed.end();
            fdSub(g, 0, 30, Abi.EVENTTYPE_FD_READ, 0);
            assertEquals(0, g.call("poll_oneoff", SUBS, EVENTS, 1, OUT));
            assertEquals(1, g.mem.i32(OUT), "end of input counts as readable");
            assertEquals("", g.read(0, 100));
        }
    }

    @Test
    void zeroSubscriptionsIsInvalid() throws Exception {
        try (Guest g = new Guest()) {
            assertEquals(Errno.EINVAL, g.call("poll_oneoff", SUBS, EVENTS, 0, OUT));
        }
    }

    @Test
    void clocksAreSaneAndMonotonicNeverStartsAtZero() throws Exception {
        try (Guest g = new Guest()) {
            assertEquals(0, g.call("clock_time_get", Abi.CLOCK_REALTIME, 0L, OUT));
            long realtime = g.mem.i64(OUT);
            assertTrue(Math.abs(realtime / 1_000_000L - System.currentTimeMillis()) < 5_000);
            assertEquals(0, g.call("clock_time_get", Abi.CLOCK_MONOTONIC, 0L, OUT));
            assertTrue(g.mem.i64(OUT) >= 1_000_000_000L);
            for (int id = 0; id < 4; id++) {
                assertEquals(0, g.call("clock_res_get", id, OUT), "clock " + id);
                assertTrue(g.mem.i64(OUT) > 0);
                int e = g.call("clock_time_get", id, 0L, OUT);
                assertTrue(e == 0 || e == Errno.ENOTSUP, "clock " + id);
            }
            assertEquals(Errno.EINVAL, g.call("clock_res_get", 4, OUT));
        }
    }

    @Test
    void randomBytesDiffer() throws Exception {
        try (Guest g = new Guest()) {
            assertEquals(0, g.call("random_get", 100, 64));
            assertEquals(0, g.call("random_get", 200, 64));
            assertNotEquals(java.util.Arrays.toString(g.mem.read(100, 64)), java.util.Arrays.toString(g.mem.read(200, 64)));
            assertEquals(0, g.call("random_get", 100, 0));
        }
    }

    @Test
    void argsAndEnvironAreNulTerminatedStrings() throws Exception {
        try (Guest g = new Guest()) {
            assertEquals(0, g.call("args_sizes_get", OUT, OUT + 4));
            assertEquals(2, g.mem.i32(OUT));
            assertEquals("prog.wasm".length() + 1 + "a1".length() + 1, g.mem.i32(OUT + 4));
            assertEquals(0, g.call("args_get", 100, 200));
            assertEquals(200, g.mem.i32(100));
            assertEquals(210, g.mem.i32(104));
            assertEquals("prog.wasm\0a1\0", new String(g.mem.read(200, 13), StandardCharsets.UTF_8));
            assertEquals(0, g.call("environ_get", 100, 300));
            assertEquals("K=V\0", new String(g.mem.read(300, 4), StandardCharsets.UTF_8));
        }
    }

    @Test
    void procExitUnwindsWithTheExitCode() throws Exception {
        try (Guest g = new Guest()) {
            WasiExitException e = assertThrows(WasiExitException.class, () -> g.call("proc_exit", 42));
            assertEquals(42, e.exitCode());
            assertEquals(0, e.getStackTrace().length);
            assertEquals(0, g.call("sched_yield"));
        }
    }
}
