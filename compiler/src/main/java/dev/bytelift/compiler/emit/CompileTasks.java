package dev.bytelift.compiler.emit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import dev.bytelift.runtime.WasmException;

/**
 * Runs tasks 0..n-1 (the function classes of a module, to translate or to load) on the calling thread and up to
 * {@code threads - 1} helper threads, and fails as running them one after the other in index order
 * would: with the failure of the lowest-numbered task that fails, whichever thread found which
 * failure first. A task numbered above a failed one is not started (or is stopped at its next
 * {@link #checkpoint}); every task below it runs to its end, since it may fail too.
 *
 * <p>Helper threads are daemons started per compilation and gone when it returns: a compilation
 * that needs them is large (hundreds of milliseconds), so starting two threads (tens of
 * microseconds) costs nothing measurable, and no pool outlives its engine. They are only started
 * for tasks not yet taken, and the calling thread takes tasks itself: if a helper cannot be
 * started, or is slow to, the work is still done. Interrupting the calling thread (the CLI's
 * {@code --timeout}) stops every thread at its next checkpoint and fails with "compilation
 * interrupted" at once.
 */
public final class CompileTasks {
    /** Thrown by {@link #checkpoint} to stop a task that is no longer needed; never escapes. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final int[] order;
    private final IntConsumer task;
    private final Thread caller = Thread.currentThread();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
    private final Throwable[] failures;
    private final CountDownLatch done;
    /** Set when the calling thread was interrupted: every task stops. */
    private volatile boolean cancelled;

    /**
     * @param order the task numbers in the order to start them (a permutation of 0..n-1: the
     *     longest first, so that no thread is left with a long one at the end)
     */
    private CompileTasks(int[] order, IntConsumer task) {
        this.order = order;
        this.task = task;
        this.failures = new Throwable[order.length];
        this.done = new CountDownLatch(order.length);
    }

    /**
     * Runs {@code task} for every number in {@code order} on up to {@code threads} threads (the
     * calling one included), each task getting its own {@link CompileTasks} to call
     * {@link #checkpoint} on, and returns when all have run; rethrows the lowest-numbered task's
     * failure (the throwable itself, as the task threw it).
     */
    public static void run(int threads, int[] order, java.util.function.ObjIntConsumer<CompileTasks> task) {
        CompileTasks[] self = new CompileTasks[1];
        CompileTasks t = new CompileTasks(order, i -> task.accept(self[0], i));
        self[0] = t;
        t.run(threads);
    }

    private void run(int threads) {
        int helpers = Math.min(threads, order.length) - 1;
        for (int h = 0; h < helpers; h++) {
            Thread w = new Thread(null, this::work, "bytelift-compile-" + THREAD_NUMBER.incrementAndGet());
            w.setDaemon(true);
            try {
                w.start();
            } catch (OutOfMemoryError | SecurityException e) {
                break; // no more threads to be had: the calling thread does the rest
            }
        }
        work();
        // helpers may have taken every task before the caller saw its flag
        if (order.length > 0 && caller.isInterrupted()) cancelled = true;
        // (await() would throw for an interrupted caller even with nothing left to wait for)
        if (!cancelled && done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                cancelled = true;
                caller.interrupt(); // the caller may look at its flag, as when it was set during a task
            }
        }
        if (cancelled) throw new WasmException("compilation interrupted");
        int first = firstFailed.get();
        if (first != Integer.MAX_VALUE) throw sneaky(failures[first]);
    }

    private void work() {
        for (int k; (k = next.getAndIncrement()) < order.length;) {
            int i = order[k];
            try {
                if (!cancelled && i < firstFailed.get()) task.accept(i);
            } catch (Stop s) {
                // not needed any more
            } catch (Throwable e) {
                failures[i] = e;
                firstFailed.accumulateAndGet(i, Math::min);
            } finally {
                done.countDown();
            }
        }
    }

    /**
     * Called by task {@code i} between units of work: stops it once it is not needed any more (a
     * lower-numbered task failed, or the calling thread was interrupted).
     */
    public void checkpoint(int i) {
        // a caller giving up on a long compilation (the CLI's --timeout) interrupts its thread
        if (Thread.currentThread() == caller && caller.isInterrupted()) cancelled = true;
        if (cancelled || i > firstFailed.get()) throw STOP;
    }

    /** Rethrows a task's throwable unchanged (tasks throw only unchecked ones). */
    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
