package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.TestModules;

/** Epoch interruption (the scenarios of Wasmtime's epoch_interruption.rs and iloop.rs). */
@Timeout(60)
class EpochTest {
    final Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
    final Module module = engine.compile(TestModules.load("wat/limits/epoch.wasm"));
    final Store store = new Store(engine);
    final Instance instance = new Linker().instantiate(store, module);

    @Test
    void anInfiniteLoopIsInterruptedFromAnotherThread() throws Exception {
        store.setEpochDeadline(1);
        long start = System.nanoTime();
        Thread t = incrementAfter(50);
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("loop_br").call());
        t.join();
        assertEquals(TrapCode.INTERRUPT, trap.code());
        assertEquals("interrupted", trap.getMessage());
        assertTrue(System.nanoTime() - start >= 50_000_000L);
    }

    @Test
    void aBillionCallTreeIsInterrupted() throws Exception {
        store.setEpochDeadline(1);
        Thread t = incrementAfter(50);
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("tree").call(30));
        t.join();
        assertEquals(TrapCode.INTERRUPT, trap.code());
    }

    @Test
    void reachingTheDeadlineBeforeACallInterruptsAtFunctionEntry() {
        store.setEpochDeadline(1);
        engine.incrementEpoch();
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("nothing").call());
        assertEquals(TrapCode.INTERRUPT, trap.code());
    }

    @Test
    void theDefaultDeadlineInterruptsAtTheFirstCheck() {
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("nothing").call());
        assertEquals(TrapCode.INTERRUPT, trap.code());
    }

    static final class Stop extends RuntimeException {
    }

    /** Makes the store's deadline callback record each epoch it sees, throw {@code stop} at the fifth, else continue(1). */
    private List<Long> recordDeadlinesUntilFifth(Stop stop) {
        List<Long> epochsSeen = new ArrayList<>();
        store.epochDeadlineCallback(s -> {
            int size;
            synchronized (epochsSeen) {
                epochsSeen.add(s.engine().currentEpoch());
                size = epochsSeen.size();
            }
            if (size == 5) throw stop;
            return 1;
        });
        return epochsSeen;
    }

    /**
     * A started thread that increments the epoch, waits until the callback has recorded the new
     * epoch in {@code epochsSeen}, and so on until interrupted.
     */
    private Thread lockstepTicker(List<Long> epochsSeen) {
        Thread t = new Thread(() -> {
            try {
                for (int seen = 0; ; seen++) {
                    Thread.sleep(5);
                    engine.incrementEpoch();
                    while (sizeOf(epochsSeen) <= seen) Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                // the call has ended
            }
        });
        t.start();
        return t;
    }

    private static int sizeOf(List<Long> list) {
        synchronized (list) {
            return list.size();
        }
    }

    /** A started thread incrementing the epoch every 20 ms, {@code ticks} times or until interrupted. */
    private Thread ticker(int ticks) {
        return ticker(ticks, 20);
    }

    /** A started thread incrementing the epoch once {@code millis} from now. */
    private Thread incrementAfter(long millis) {
        return ticker(1, millis);
    }

    /** A started thread incrementing the epoch every {@code millis}, {@code ticks} times or until interrupted. */
    private Thread ticker(int ticks, long millis) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < ticks; i++) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                engine.incrementEpoch();
            }
        });
        t.start();
        return t;
    }

    @Test
    void aCallbackReturningContinueOneRunsOncePerIncrement() throws Exception {
        Stop stop = new Stop();
        List<Long> epochsSeen = recordDeadlinesUntilFifth(stop);
        store.setEpochDeadline(1);
        // each increment waits for the callback of the previous one: with a free-running ticker,
        // a loaded machine could let two increments pass between two checks (the callback then
        // sees 1, 3, ... and never a fifth epoch, and the loop runs forever)
        Thread ticker = lockstepTicker(epochsSeen);
        Stop thrown;
        try {
            thrown = assertThrows(Stop.class, () -> instance.getFunc("loop_br").call());
        } finally {
            ticker.interrupt();
        }
        ticker.join();
        assertSame(stop, thrown, "an exception from the callback reaches the embedder as itself");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), epochsSeen);
    }

    @Test
    void aCallerWithAStaleCachedDeadlineDoesNotRunTheCallbackAgain() throws Exception {
        // loop_call's loop calls $spin, whose own loop usually reaches the deadline: the callback
        // moves it on there, and loop_call's next check, against the deadline it cached before
        // the call, must find the new one instead of calling the callback again for that epoch
        Stop stop = new Stop();
        List<Long> epochsSeen = recordDeadlinesUntilFifth(stop);
        store.setEpochDeadline(1);
        Thread ticker = ticker(Integer.MAX_VALUE); // until the call ends, however the machine schedules us
        try {
            Stop thrown = assertThrows(Stop.class, () -> instance.getFunc("loop_call").call());
            assertSame(stop, thrown);
        } finally {
            ticker.interrupt();
            ticker.join();
        }
        assertEquals(5, epochsSeen.size());
        for (int i = 1; i < epochsSeen.size(); i++) {
            assertTrue(epochsSeen.get(i) > epochsSeen.get(i - 1), "the callback ran twice for one epoch: " + epochsSeen);
        }
    }

    @Test
    void withoutEpochInterruptionTheCodeHasNoChecks() {
        Engine plain = new Engine();
        Module m = plain.compile(TestModules.load("wat/limits/epoch.wasm"));
        Instance i = new Linker().instantiate(new Store(plain), m);
        plain.incrementEpoch();
        i.getFunc("nothing").call(); // no deadline to reach
    }
}
