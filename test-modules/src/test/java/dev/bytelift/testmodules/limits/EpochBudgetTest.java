package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.internal.Epochs;

/**
 * The bound on how long a loop runs past a reached epoch deadline (issue 19): loop headers read
 * the epoch only when the loop's budget ({@link Epochs#BUDGET} bytes of loop code, each iteration
 * weighing at least its body's bytes) is used up. The guest reaches the deadline itself, through
 * an import that increments the epoch at a known iteration; the trap must come within the budget.
 * Also: functions whose runs are bounded have no entry check, yet a call from the host after the
 * deadline is still interrupted, and a deadline path that throws there gives the store up.
 */
@Timeout(60)
class EpochBudgetTest {
    /**
     * {@code count}: a loop counting iterations in {@code $n}, which calls {@code tick} (the host
     * increments the epoch) at iteration 1000, after {@code pad} copies of a 7-byte statement.
     */
    private static String wat(int pad) {
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < pad; i++) padding.append("(global.set $x (i64.add (global.get $x) (i64.const 3)))\n");
        return """
                (module
                  (import "env" "tick" (func $tick))
                  (global $n (export "n") (mut i64) (i64.const 0))
                  (global $x (mut i64) (i64.const 0))
                  (func $leaf (result i32) (i32.const 1))
                  (func (export "leaf") (result i32) (i32.const 7))
                  (func (export "count")
                    (loop $l
                      (global.set $n (i64.add (global.get $n) (i64.const 1)))
                      (if (i64.eq (global.get $n) (i64.const 1000)) (then (call $tick)))
                      (drop (call $leaf))
                """ + padding + """
                      (br $l))))
                """;
    }

    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().epochInterruption(true).build(),
        EngineConfig.builder().epochInterruption(true).consumeFuel(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };

    /** Runs {@code count} until interrupted; returns the iterations after the one that reached the deadline. */
    private static long iterationsPastTheDeadline(EngineConfig config, int pad) {
        Engine engine = new Engine(config);
        Module module = engine.compile(wat(pad).getBytes(StandardCharsets.UTF_8));
        Store store = new Store(engine);
        if (config.consumeFuel()) store.setFuel(Long.MAX_VALUE / 4);
        store.setEpochDeadline(1);
        Linker linker = new Linker(engine);
        linker.defineFunction("env", "tick", FuncType.of(List.of(), List.of()), (caller, args) -> {
            engine.incrementEpoch();
            return null;
        });
        Instance instance = linker.instantiate(store, module);
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("count").call());
        assertEquals(TrapCode.INTERRUPT, trap.code());
        long n = (Long) instance.getGlobal("n").get();
        assertTrue(n >= 1000, "interrupted before the deadline: iteration " + n);
        return n - 1000;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aTightLoopNoticesTheDeadlineWithinTheBudget(int config) {
        long past = iterationsPastTheDeadline(CONFIGS[config], 0);
        // the loop's body is over 20 bytes: at most BUDGET / 20 iterations, plus the one under way
        assertTrue(past <= Epochs.BUDGET / 20 + 1, past + " iterations past the deadline");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aLoopWeighsItsBody(int config) {
        long past = iterationsPastTheDeadline(CONFIGS[config], 600); // a body of over 4,200 bytes
        assertTrue(past <= Epochs.BUDGET / 4200 + 1, past + " iterations past the deadline");
        assertTrue(past > 1, "the loop reads the epoch at every header: " + past);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aBoundedFunctionCalledFromTheHostAfterTheDeadlineIsInterrupted(int config) {
        Engine engine = new Engine(CONFIGS[config]);
        Store store = new Store(engine);
        Instance instance = instance(store);
        store.setEpochDeadline(1);
        assertEquals(7, instance.getFunc("leaf").call()[0]);
        engine.incrementEpoch();
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("leaf").call());
        assertEquals(TrapCode.INTERRUPT, trap.code());
        // the callback runs at the host's entry too; continuing runs the function
        store.epochDeadlineCallback(s -> 1);
        assertEquals(7, instance.getFunc("leaf").call()[0]);
    }

    /** The module (with no padding) in {@code store}, {@code tick} doing nothing. */
    private static Instance instance(Store store) {
        Engine engine = store.engine();
        if (engine.config().consumeFuel()) store.setFuel(1_000_000);
        Linker linker = new Linker(engine);
        linker.defineFunction("env", "tick", FuncType.of(List.of(), List.of()), (caller, args) -> null);
        return linker.instantiate(store, engine.compile(wat(0).getBytes(StandardCharsets.UTF_8)));
    }

    static final class Stop extends RuntimeException {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aCallbackThrowingAtTheHostsEntryGivesTheStoreUp(int config) throws Exception {
        Engine engine = new Engine(CONFIGS[config]);
        Store store = new Store(engine);
        Instance instance = instance(store);
        Stop stop = new Stop();
        store.epochDeadlineCallback(s -> {
            throw stop;
        });
        store.setEpochDeadline(0); // reached
        assertSame(stop, assertThrows(Stop.class, () -> instance.getFunc("leaf").call()));
        assertSame(stop, assertThrows(Stop.class, () -> instance.getFunc("leaf").typed(java.util.function.IntSupplier.class).getAsInt()));
        store.setEpochDeadline(1);
        Object[] result = new Object[1];
        Thread other = new Thread(() -> result[0] = instance.getFunc("leaf").call()[0]);
        other.start();
        other.join();
        assertEquals(7, result[0], "another thread may use the store: the failed entries gave it up");
    }
}
