package dev.bytelift.testmodules.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Tail calls consume the fuel Wasmtime 49 does ({@code return_call}, {@code return_call_indirect}
 * and {@code return_call_ref} cost 1, the callee's entry 1), and run out at the same point. Expected values recorded from
 * Wasmtime by {@code test-modules/scripts/fuel-tail-wasmtime.py} (its output is next to it) on
 * {@code src/test/resources/tail/tail.wat}; also with every function split, and lazily compiled.
 */
class TailCallFuelTest {
    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
        EngineConfig.builder().consumeFuel(true).lazyCompilation(true).build(),
    };

    /** Name, arguments, fuel consumed (Wasmtime 49). */
    private static final Object[][] CONSUMED = {
        {"count", new Object[] {0L, 0L}, 5L},
        {"count", new Object[] {1L, 0L}, 16L},
        {"count", new Object[] {10L, 5L}, 115L},
        {"count_plain", new Object[] {10L, 5L}, 115L},
        {"even", new Object[] {0L}, 5L},
        {"even", new Object[] {7L}, 61L},
        {"odd", new Object[] {10L}, 85L},
        {"even_i", new Object[] {0L}, 5L},
        {"even_i", new Object[] {9L}, 86L},
        {"odd_i", new Object[] {10L}, 95L},
        {"even_r", new Object[] {0L}, 5L},
        {"even_r", new Object[] {9L}, 86L},
        {"pair", new Object[] {0, 1.0, 0L}, 6L},
        {"pair", new Object[] {5, 1.0, 0L}, 76L},
        {"to_host", new Object[] {2L, 3L}, 4L},
        {"outer", new Object[] {10L}, 125L},
        {"nest", new Object[] {3, 4L}, 89L},
    };

    /** Name, arguments, the least fuel with which the call completes (with one less it traps; Wasmtime 49). */
    private static final Object[][] LEAST = {
        {"count", new Object[] {10L, 5L}, 112L},
        {"even_i", new Object[] {9L}, 83L},
        {"even_r", new Object[] {9L}, 83L},
        {"pair", new Object[] {5, 1.0, 0L}, 72L},
        {"nest", new Object[] {3, 4L}, 80L},
        {"to_host", new Object[] {2L, 3L}, 2L},
    };

    private static Instance instance(Engine engine, Store store) {
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        store.setFuel(1_000_000_000L);
        return TailCallTest.instantiate(engine, store);
    }

    @Test
    void fuelConsumedIsWasmtimes() {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            for (Object[] row : CONSUMED) {
                Store store = new Store(engine);
                Instance i = instance(engine, store);
                long before = store.getFuel();
                i.getFunc((String) row[0]).call((Object[]) row[1]);
                assertEquals((long) row[2], before - store.getFuel(), row[0] + " " + java.util.Arrays.toString((Object[]) row[1]) + " " + config);
            }
        }
    }

    @Test
    void aNullFunctionReferenceTrapsHavingConsumedWhatWasmtimeDid() {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Store store = new Store(engine);
            Instance i = instance(engine, store);
            long before = store.getFuel();
            Trap t = assertThrows(Trap.class, () -> i.getFunc("null_r").call(3L));
            assertEquals(TrapCode.NULL_FUNCTION_REFERENCE, t.code());
            assertEquals(4, before - store.getFuel(), config.toString());
        }
    }

    @Test
    void theGuestRunsOutOfFuelWhereWasmtimeDoes() {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            for (Object[] row : LEAST) {
                String what = row[0] + " " + java.util.Arrays.toString((Object[]) row[1]) + " " + config;
                long least = (long) row[2];
                Store store = new Store(engine);
                Instance i = instance(engine, store);
                store.setFuel(least);
                i.getFunc((String) row[0]).call((Object[]) row[1]);
                Store short1 = new Store(engine);
                Instance j = instance(engine, short1);
                short1.setFuel(least - 1);
                Trap t = assertThrows(Trap.class, () -> j.getFunc((String) row[0]).call((Object[]) row[1]), what);
                assertEquals(TrapCode.OUT_OF_FUEL, t.code(), what);
            }
        }
    }
}
