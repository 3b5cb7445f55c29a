package dev.bytelift.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.WasmException;

/** {@link CompileTasks}: every task once, the lowest failure wins, nothing hangs. */
class CompileTasksTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static int[] inOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = n - 1 - i; // started last first, as the size order may
        return order;
    }

    @Test
    void everyTaskRunsExactlyOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(200);
        CompileTasks.run(4, inOrder(200), (tasks, i) -> runs.incrementAndGet(i));
        for (int i = 0; i < 200; i++) assertEquals(1, runs.get(i), "task " + i);
    }

    @Test
    void theLowestNumberedFailureIsThrownAndEveryTaskBeforeItRan() {
        for (int round = 0; round < 20; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            RuntimeException three = new IllegalStateException("three");
            RuntimeException e = assertThrows(RuntimeException.class, () -> CompileTasks.run(4, inOrder(100), (tasks, i) -> {
                runs.incrementAndGet(i);
                if (i == 3) throw three;
                if (i == 60 || i == 90) throw new IllegalStateException("later");
            }));
            assertSame(three, e);
            for (int i = 0; i < 3; i++) assertEquals(1, runs.get(i), "task " + i);
        }
    }

    @Test
    void anErrorInAHelperPropagatesAsItself() {
        StackOverflowError error = new StackOverflowError("deep");
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            StackOverflowError e = assertThrows(StackOverflowError.class, () -> CompileTasks.run(2, inOrder(10), (tasks, i) -> {
                if (Thread.currentThread().getName().startsWith("bytelift-compile-") || i == 0) throw error;
            }));
            assertSame(error, e);
        });
    }

    @Test
    void interruptingTheCallerStopsEveryTask() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread caller = Thread.currentThread();
            try {
                WasmException e = assertThrows(WasmException.class, () -> CompileTasks.run(3, inOrder(6), (tasks, i) -> {
                    if (i == 5) caller.interrupt();
                    while (true) tasks.checkpoint(i); // a long task: ends only at a checkpoint
                }));
                assertEquals("compilation interrupted", e.getMessage());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        });
    }
}
