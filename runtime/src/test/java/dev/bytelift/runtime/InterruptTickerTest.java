package dev.bytelift.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bytelift.runtime.internal.EntryCalls;
import dev.bytelift.runtime.internal.VMRuntimeLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The interruptible engine's ticker moves the counter compiled code checks only when a thread
 * running in one of its stores is interrupted (and the deadlines of idle stores as it starts backing off): advancing it
 * every millisecond made the checks' slow path taken, which C2 then compiles into every loop
 * (docs/performance.md §7.3). A store "runs" here as generated code's entry makes it run: claimed
 * by the test's thread ({@link EntryCalls#claim}), without code.
 */
@Timeout(30)
class InterruptTickerTest {
    private final Engine engine = new Engine(EngineConfig.builder().interruptible(true).build());
    private final Store store = new Store(engine);
    private final VMRuntimeLimits limits = store.limits();

    @Test
    void theCounterStaysWhileAnUninterruptedThreadRuns() throws Exception {
        EntryCalls.claim(limits, true);
        try {
            Thread.sleep(5); // the ticker is at its full rate: a store runs
            long before = engine.checkedEpoch();
            Thread.sleep(50);
            assertEquals(before, engine.checkedEpoch(), "the ticker advanced the counter without an interrupt");
        } finally {
            EntryCalls.release(limits, 0);
        }
    }

    @Test
    void anInterruptOfTheRunningThreadAdvancesTheCounterWithinMilliseconds() throws Exception {
        EntryCalls.claim(limits, true);
        try {
            Thread.sleep(5);
            long before = engine.checkedEpoch();
            long start = System.nanoTime();
            Thread.currentThread().interrupt();
            while (engine.checkedEpoch() == before && System.nanoTime() - start < 5_000_000_000L) Thread.onSpinWait();
            double ms = (System.nanoTime() - start) / 1e6;
            assertTrue(engine.checkedEpoch() > before, "not advanced within 5 s of the interrupt");
            // about a millisecond; the bound only keeps a loaded machine from failing the test
            assertTrue(ms < 500, "advanced only after " + ms + " ms");
        } finally {
            Thread.interrupted();
            EntryCalls.release(limits, 0);
        }
    }

    @Test
    void aPauseClearsTheDeadlineSoThatTheNextEntryWakesTheTicker() throws Exception {
        // nothing runs: after a few polls the ticker backs off and sets the store's deadline to 0,
        // so that its next entry takes the slow path (which wakes the ticker); the counter stays
        long before = engine.checkedEpoch();
        store.onEpochDeadline(); // as an entry's slow path: a deadline past the counter
        assertTrue(limits.epochDeadline > before);
        long start = System.nanoTime();
        while (limits.epochDeadline != 0 && System.nanoTime() - start < 5_000_000_000L) Thread.sleep(1);
        assertEquals(0, limits.epochDeadline, "the deadline stays after 5 s without a running store");
        Thread.sleep(150);
        assertEquals(before, engine.checkedEpoch(), "the ticker advanced the counter while nothing ran");
    }
}
