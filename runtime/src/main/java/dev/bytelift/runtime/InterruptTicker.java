package dev.bytelift.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread of {@link EngineConfig.Builder#interruptible interruptible} engines: every
 * millisecond it advances the counter their compiled code checks, so that running code takes the
 * epoch check's slow path, where it looks at its thread's interrupt status
 * ({@link Store#onEpochDeadline}). One thread serves every such engine; it holds them weakly and
 * ends when none is left.
 *
 * <p>While no code takes the slow path (nothing runs), the thread backs off to a tick every
 * {@link #IDLE_PERIOD_NANOS}: ticking every millisecond cost 2.6 % of a core in an idle JVM, the
 * back-off about nothing. The first slow path after idling wakes it up.
 */
final class InterruptTicker {
    static final long PERIOD_NANOS = 1_000_000;
    static final long IDLE_PERIOD_NANOS = 64_000_000;

    private static final List<WeakReference<Engine>> ENGINES = new ArrayList<>();
    private static Thread thread;
    /** Whether some code took the slow path since the last tick. */
    private static volatile boolean active;
    /** Whether the thread is backing off (a slow path then wakes it). */
    private static volatile boolean idle;

    private InterruptTicker() {}

    static synchronized void register(Engine engine) {
        ENGINES.add(new WeakReference<>(engine));
        if (thread != null) return;
        thread = new Thread(InterruptTicker::run, "bytelift-interrupt-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by running code at each slow path: keeps the ticks at their full rate. */
    static void running() {
        if (!active) active = true;
        if (idle) {
            idle = false;
            Thread t = thread;
            if (t != null) LockSupport.unpark(t);
        }
    }

    private static void run() {
        long period = PERIOD_NANOS;
        while (tick()) {
            LockSupport.parkNanos(period);
            if (active) {
                active = false;
                period = PERIOD_NANOS;
                idle = false;
            } else {
                period = Math.min(period * 2, IDLE_PERIOD_NANOS);
                idle = period > PERIOD_NANOS;
            }
        }
    }

    /** Advances every live engine's counter; false (the thread ends) once none is left. */
    private static synchronized boolean tick() {
        ENGINES.removeIf(r -> {
            Engine e = r.get();
            if (e == null) return true;
            e.epochCounter().increment();
            return false;
        });
        if (!ENGINES.isEmpty()) return true;
        thread = null;
        return false;
    }
}
