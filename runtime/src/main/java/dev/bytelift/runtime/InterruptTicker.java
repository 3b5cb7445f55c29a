package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.VMRuntimeLimits;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread of {@link EngineConfig.Builder#interruptible interruptible} engines: every
 * millisecond while their code runs it looks at the interrupt status of each thread running in
 * one of their stores, and only when one is interrupted advances the counter their compiled code
 * checks, so that the code takes the epoch check's slow path and traps there
 * ({@link Store#onEpochDeadline}). One thread serves every such store; it holds them weakly and
 * ends when none is left.
 *
 * <p>Why it polls instead of ticking: it used to advance the counter every millisecond, so that
 * running code looked at its own thread's status each time. That made the checks' slow path
 * taken, however rarely, and C2 then compiles it as a real call in every loop instead of an
 * uncommon trap, which costs such loops their unrolling: the kernels through Chicory's API ran
 * 1.2x slower on the interruptible engine than on a plain one, where epoch checks that are never
 * taken cost 6 % (docs/performance.md §7.3).
 *
 * <p>After {@link #QUIET_POLLS} polls in a row with no store running, the thread backs off to a
 * poll every {@link #IDLE_PERIOD_NANOS} (polling every millisecond cost 2.6 % of a core in an idle
 * JVM, the back-off about nothing). As it starts backing off it sets the deadline of each store
 * to 0, so that the next call into any of them takes the slow path at its entry (the runtime's,
 * not the generated code's), which wakes the thread up again ({@link #running}). One poll without
 * a running store is not enough: it may fall between two calls.
 */
final class InterruptTicker {
    static final long PERIOD_NANOS = 1_000_000;
    static final long IDLE_PERIOD_NANOS = 64_000_000;
    /** Polls in a row with no store running after which the thread backs off. */
    static final int QUIET_POLLS = 8;

    private static final List<WeakReference<VMRuntimeLimits>> STORES = new ArrayList<>();
    private static Thread thread;
    /** Whether some code took the slow path since the last poll. */
    private static volatile boolean active;
    /** Whether the thread is backing off (a slow path then wakes it). */
    private static volatile boolean idle;

    private InterruptTicker() {}

    /** Watches a store of an interruptible engine (by its limits) for as long as it is reachable. */
    static synchronized void watch(VMRuntimeLimits limits) {
        STORES.add(new WeakReference<>(limits));
        if (thread != null) return;
        thread = new Thread(InterruptTicker::run, "bytelift-interrupt-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by running code at each slow path: keeps the polls at their full rate. */
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
        int quiet = 0;
        int state;
        while ((state = poll()) != GONE) {
            if (state == RUNNING || active) {
                active = false;
                period = PERIOD_NANOS;
                quiet = 0;
                idle = false;
            } else if (++quiet >= QUIET_POLLS) {
                if (!idle) {
                    idle = true; // before the deadlines move: the slow path they cause must see it
                    clearDeadlines();
                }
                period = Math.min(period * 2, IDLE_PERIOD_NANOS);
            }
            LockSupport.parkNanos(period);
        }
    }

    private static final int GONE = 0, IDLE = 1, RUNNING = 2;

    /**
     * Advances the counter of each store whose running thread is interrupted; returns whether
     * some store runs, or {@link #GONE} (the thread ends) once no store is left.
     */
    private static synchronized int poll() {
        boolean running = false;
        for (Iterator<WeakReference<VMRuntimeLimits>> it = STORES.iterator(); it.hasNext(); ) {
            VMRuntimeLimits limits = it.next().get();
            if (limits == null) {
                it.remove();
                continue;
            }
            long owner = limits.ownerThreadId;
            if (owner == 0) continue;
            running = true;
            // the thread that claimed the store last (EntryCalls.claim); until it is written, the next poll
            Thread t = limits.thread;
            if (t != null && t.getId() == owner && t.isInterrupted()) limits.epoch.increment();
        }
        if (!STORES.isEmpty()) return running ? RUNNING : IDLE;
        thread = null;
        return GONE;
    }

    /** Sets the deadline of each watched store that is not running to 0: its next entry takes the slow path. */
    private static synchronized void clearDeadlines() {
        for (WeakReference<VMRuntimeLimits> ref : STORES) {
            VMRuntimeLimits limits = ref.get();
            if (limits != null && limits.ownerThreadId == 0) limits.epochDeadline = 0;
        }
    }
}
