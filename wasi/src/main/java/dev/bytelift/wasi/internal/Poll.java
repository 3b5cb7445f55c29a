package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code poll_oneoff}. Clock subscriptions wait on {@link System#nanoTime()} (never waking
 * early); {@code fd_read} on stdin waits for input (see {@link StdinPump}); every other
 * descriptor is ready at once: regular files and directories always are, and output streams
 * never block. A subscription on a descriptor that is not open gets an event with EBADF.
 */
public final class Poll {
    private Poll() {}

    /** One subscription. */
    private static final class Sub {
        long userdata;
        int type;
        long deadline; // System.nanoTime() for a clock
        int fd;
        int error;
        StreamFd stdin; // an input stream that may have to be waited for
        long nbytes = -1; // ready: bytes available, else -1
    }

    /** The most subscriptions one call may pass (more fail with EINVAL: the host would hold them all). */
    static final int MAX_SUBSCRIPTIONS = 4096;

    /** A deadline that is never reached. */
    static final long NEVER = Long.MAX_VALUE;

    /** How long one wait lasts at most before {@code interrupted} is asked again. */
    private static final long SLICE = 20_000_000L;

    /**
     * Runs {@code poll_oneoff}. {@code interrupted} is asked while waiting: when it answers true (the
     * store's epoch deadline has passed), the call ends early with EINTR so that the guest reaches
     * its next epoch check.
     */
    public static int pollOneoff(WasiContext ctx, GuestMemory mem, int in, int out, int nsubscriptions,
            int resultPtr, BooleanSupplier interrupted) throws IOException {
        long n = Integer.toUnsignedLong(nsubscriptions);
        if (n == 0 || n > MAX_SUBSCRIPTIONS) throw new WasiError(Errno.EINVAL);
        mem.check(in, n * Abi.SUBSCRIPTION_SIZE);
        mem.check(out, n * Abi.EVENT_SIZE);
        mem.check(resultPtr, 4);
        List<Sub> subs = new ArrayList<>((int) n);
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int p = in + i * Abi.SUBSCRIPTION_SIZE;
            Sub s = new Sub();
            s.userdata = mem.i64(p);
            s.type = mem.u8(p + 8);
            switch (s.type) {
                case Abi.EVENTTYPE_CLOCK:
                    clock(ctx, s, mem.i32(p + 16), mem.i64(p + 24), mem.u16(p + 40), now);
                    break;
                case Abi.EVENTTYPE_FD_READ:
                case Abi.EVENTTYPE_FD_WRITE:
                    fd(ctx, s, mem.i32(p + 16));
                    break;
                default:
                    throw new WasiError(Errno.EINVAL);
            }
            subs.add(s);
        }
        List<Sub> fired = ready(subs, System.nanoTime());
        while (fired.isEmpty()) {
            long deadline = Long.MAX_VALUE;
            StreamFd waitFor = null;
            for (Sub s : subs) {
                if (s.type == Abi.EVENTTYPE_CLOCK) deadline = Math.min(deadline, s.deadline);
                else if (s.stdin != null && waitFor == null) waitFor = s.stdin;
            }
            if (interrupted.getAsBoolean()) throw new WasiError(Errno.EINTR);
            long until = deadline;
            if (until == NEVER || until - System.nanoTime() > SLICE) until = System.nanoTime() + SLICE;
            try {
                if (waitFor != null) {
                    waitFor.awaitReadable(until);
                } else {
                    sleepUntil(until);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WasiError(Errno.EINTR);
            }
            for (Sub s : subs) {
                if (s.stdin != null && s.nbytes < 0) s.nbytes = s.stdin.readableBytes();
            }
            fired = ready(subs, System.nanoTime());
        }
        for (int i = 0; i < fired.size(); i++) {
            Sub s = fired.get(i);
            int p = out + i * Abi.EVENT_SIZE;
            mem.zero(p, Abi.EVENT_SIZE);
            mem.setI64(p, s.userdata);
            mem.setU16(p + 8, s.error);
            mem.setU8(p + 10, s.type);
            if (s.type != Abi.EVENTTYPE_CLOCK && s.error == 0) {
                mem.setI64(p + 16, Math.max(0, s.nbytes));
            }
        }
        mem.setI32(resultPtr, fired.size());
        return Errno.SUCCESS;
    }

    private static void clock(WasiContext ctx, Sub s, int id, long timeout, int flags, long nowNanoTime) {
        long t;
        try {
            t = Clocks.now(ctx, id);
        } catch (WasiError e) {
            s.error = e.errno;
            s.deadline = nowNanoTime;
            return;
        }
        // timeouts are u64: a huge one is "never" in practice
        long remaining;
        if ((flags & Abi.SUBCLOCKFLAGS_ABSTIME) != 0) {
            remaining = Long.compareUnsigned(timeout, t) <= 0 ? 0 : timeout - t;
        } else {
            remaining = timeout;
        }
        // more than ~146 years (or a u64 above Long.MAX_VALUE): never
        s.deadline = remaining < 0 || remaining > (NEVER >>> 1) ? NEVER : nowNanoTime + remaining;
    }

    private static void fd(WasiContext ctx, Sub s, int fd) throws IOException {
        s.fd = fd;
        if (!ctx.fds.isOpen(fd)) {
            s.error = Errno.EBADF;
            return;
        }
        Descriptor d = ctx.fds.get(fd);
        if ((d.rightsBase & Rights.POLL_FD_READWRITE) == 0 && !(d instanceof StreamFd)) {
            s.error = Errno.ENOTCAPABLE;
            return;
        }
        if (s.type == Abi.EVENTTYPE_FD_WRITE) {
            s.nbytes = 0;
            return;
        }
        s.nbytes = d.readableBytes();
        if (s.nbytes < 0 && d instanceof StreamFd stream) s.stdin = stream;
        else if (s.nbytes < 0) s.nbytes = 0;
    }

    /** The subscriptions that fire now, in subscription order. */
    private static List<Sub> ready(List<Sub> subs, long now) {
        List<Sub> out = new ArrayList<>();
        for (Sub s : subs) {
            if (s.type == Abi.EVENTTYPE_CLOCK) {
                if (s.error != 0 || (s.deadline != NEVER && now - s.deadline >= 0)) out.add(s);
            } else if (s.error != 0 || s.nbytes >= 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code deadline}. */
    static void sleepUntil(long deadline) throws InterruptedException {
        for (;;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            long ms = left / 1_000_000L;
            Thread.sleep(ms, (int) (left % 1_000_000L));
        }
    }
}
