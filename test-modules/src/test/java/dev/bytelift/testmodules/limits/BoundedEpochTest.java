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
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Epoch checks where Bytelift departs from Wasmtime's every-entry-and-header (issue 19): functions
 * whose runs are bounded (no loops, no calls, at most 1 KiB; the compiler's BoundedEpochChecksTest)
 * have no entry check, yet a call from the host after the deadline is still interrupted, a deadline
 * path that throws there gives the store up, and a host function called from the host checks no
 * epoch. Also: a host function that reaches the deadline interrupts at the caller's next check, a
 * heavy loop calling bounded functions and a loop growing memory are interrupted from another
 * thread (plain, and split with fuel).
 */
@Timeout(60)
class BoundedEpochTest {
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
                  (table funcref (elem $leaf))
                  (func (export "spin")
                    (loop $l
                      (drop (call $leaf))
                      (drop (call_indirect (result i32) (i32.const 0)))
                """ + padding + """
                      (br $l)))
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
    void aHostFunctionThatReachesTheDeadlineInterruptsAtTheNextCheck(int config) {
        // the loop's next header compares, before the iteration's count goes up again
        assertEquals(0, iterationsPastTheDeadline(CONFIGS[config], 0));
        assertEquals(0, iterationsPastTheDeadline(CONFIGS[config], 600));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aHeavyLoopIsInterruptedFromAnotherThread(int config) throws Exception {
        Engine engine = new Engine(CONFIGS[config]);
        Store store = new Store(engine);
        Instance instance = instance(store, 600);
        store.setEpochDeadline(1);
        // spins until interrupted: "spin" calls no host function, so only its loop checks can stop it
        assertEquals(TrapCode.INTERRUPT, trapWhileTicking(engine, 20, instance.getFunc("spin")).code());
    }

    /** Calls {@code f} while another thread increments the epoch after {@code millis}; the trap it ends with. */
    private static Trap trapWhileTicking(Engine engine, long millis, Func f) throws InterruptedException {
        Thread ticker = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            engine.incrementEpoch();
        });
        ticker.start();
        Trap trap = assertThrows(Trap.class, f::call);
        ticker.join();
        return trap;
    }

    /** A loop growing memory a page at a time copies it on every growth (docs/memory.md); its header checks. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aLoopGrowingMemoryIsInterrupted(int config) throws Exception {
        Engine engine = new Engine(CONFIGS[config]);
        Store store = new Store(engine);
        if (CONFIGS[config].consumeFuel()) store.setFuel(Long.MAX_VALUE / 4);
        String wat = """
                (module (memory 1)
                  (func (export "grow")
                    (loop $l
                      (drop (memory.grow (i32.const 1)))
                      (br $l))))
                """;
        Instance instance = new Linker(engine).instantiate(store, engine.compile(wat.getBytes(StandardCharsets.UTF_8)));
        store.setEpochDeadline(1);
        assertEquals(TrapCode.INTERRUPT, trapWhileTicking(engine, 50, instance.getFunc("grow")).code());
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
        return instance(store, 0);
    }

    /** The module with {@code pad} statements of padding in {@code store}, {@code tick} doing nothing. */
    private static Instance instance(Store store, int pad) {
        Engine engine = store.engine();
        if (engine.config().consumeFuel()) store.setFuel(1_000_000);
        Linker linker = new Linker(engine);
        linker.defineFunction("env", "tick", FuncType.of(List.of(), List.of()), (caller, args) -> null);
        return linker.instantiate(store, engine.compile(wat(pad).getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aHostFunctionCalledFromTheHostChecksNoEpoch(int config) {
        Engine engine = new Engine(CONFIGS[config]);
        Store store = new Store(engine);
        store.setEpochDeadline(0); // reached: a call into WebAssembly would trap
        dev.bytelift.runtime.Func host = dev.bytelift.runtime.Func.host(store,
                FuncType.of(List.of(), List.of(dev.bytelift.runtime.ValType.I32)), (caller, args) -> new Object[] {5});
        assertEquals(5, host.call()[0]);
        assertEquals(5, host.typed(java.util.function.IntSupplier.class).getAsInt());
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
