package dev.bytelift.wasi.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code clock_time_get} and {@code clock_res_get}. REALTIME is {@link Instant#now()};
 * MONOTONIC is {@link System#nanoTime()} from an origin fixed when the context is created;
 * PROCESS_CPUTIME_ID is the JVM process's CPU time and THREAD_CPUTIME_ID the calling thread's.
 */
public final class Clocks {
    private Clocks() {}

    /** The clock's current time in nanoseconds; EINVAL for an unknown clock. */
    public static long now(WasiContext ctx, int id) {
        switch (id) {
            case Abi.CLOCK_REALTIME: {
                Instant i = Instant.now();
                return i.getEpochSecond() * 1_000_000_000L + i.getNano();
            }
            case Abi.CLOCK_MONOTONIC:
                return System.nanoTime() - ctx.monotonicOrigin;
            case Abi.CLOCK_PROCESS_CPUTIME_ID:
                return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos)
                        .orElseThrow(() -> new WasiError(Errno.ENOTSUP));
            case Abi.CLOCK_THREAD_CPUTIME_ID:
                return threadCpuTime();
            default:
                throw new WasiError(Errno.EINVAL);
        }
    }

    private static long threadCpuTime() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (!bean.isCurrentThreadCpuTimeSupported()) throw new WasiError(Errno.ENOTSUP);
            return bean.getCurrentThreadCpuTime();
        } catch (LinkageError | UnsupportedOperationException e) {
            throw new WasiError(Errno.ENOTSUP); // a runtime image without java.management
        }
    }

    /** The resolution in nanoseconds. */
    public static long resolution(int id) {
        switch (id) {
            case Abi.CLOCK_REALTIME: return 1_000L; // Instant.now() is microsecond-precise on common hosts
            case Abi.CLOCK_MONOTONIC: return 1L;
            case Abi.CLOCK_PROCESS_CPUTIME_ID:
            case Abi.CLOCK_THREAD_CPUTIME_ID: return 1_000L;
            default: throw new WasiError(Errno.EINVAL);
        }
    }

    public static int clockTimeGet(WasiContext ctx, GuestMemory mem, int id, long precision, int resultPtr) {
        long t = now(ctx, id);
        mem.setI64(resultPtr, t);
        return Errno.SUCCESS;
    }

    public static int clockResGet(GuestMemory mem, int id, int resultPtr) {
        mem.setI64(resultPtr, resolution(id));
        return Errno.SUCCESS;
    }
}
