package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Typed function references under fuel: {@code call_ref}, {@code br_on_null},
 * {@code br_on_non_null} and {@code ref.as_non_null} cost 1 each, as in Wasmtime 49, and a guest
 * runs out at the same point. A {@code call_ref} is charged like a {@code call}, the callee's fuel
 * included ("calls" costs what "calls_direct" does in Wasmtime): Wasmtime 49 loses the callee's
 * fuel in {@code call_ref}, which would let a guest run unmetered, and that is not copied.
 * Expected values recorded from Wasmtime by
 * {@code test-modules/scripts/fuel-refs-wasmtime.py} (its output is next to it) on
 * {@code src/test/resources/fuel/refs.wat}; also with every function split.
 */
class FuelRefsTest {
    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };

    private static byte[] wat() throws IOException {
        try (InputStream in = FuelRefsTest.class.getResourceAsStream("/fuel/refs.wat")) {
            return in.readAllBytes();
        }
    }

    private static Instance instance(Engine engine, Module module, Store store) {
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        store.setFuel(1_000_000_000L);
        return new Linker().instantiate(store, module);
    }

    @Test
    void costsAreWasmtimes() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            Object[][] expected = {
                {"calls", 0, 7L, 0}, {"calls", 1, 23L, 1}, {"calls", 10, 167L, 10},
                {"calls_direct", 0, 7L, 0}, {"calls_direct", 1, 23L, 1}, {"calls_direct", 10, 167L, 10},
                {"branches", 0, 8L, 2}, {"branches", 1, 9L, 1}, {"as_non_null", 1, 9L, 42},
            };
            for (Object[] row : expected) {
                Store store = new Store(engine);
                Instance i = instance(engine, module, store);
                long before = store.getFuel();
                Object[] r = i.getFunc((String) row[0]).call(row[1]);
                String what = row[0] + "(" + row[1] + ") split " + (config.splitFunctionsOver() == 0);
                assertArrayEquals(new Object[] {row[3]}, r, what);
                assertEquals((long) row[2], before - store.getFuel(), what);
            }
        }
    }

    @Test
    void nullReferencesTrapWithTheSpecsMessages() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            Store store = new Store(engine);
            Instance i = instance(engine, module, store);
            Trap t = assertThrows(Trap.class, () -> i.getFunc("as_non_null").call(0));
            assertEquals(TrapCode.NULL_REFERENCE, t.code());
            t = assertThrows(Trap.class, () -> i.getFunc("call_null").call());
            assertEquals(TrapCode.NULL_FUNCTION_REFERENCE, t.code());
            assertEquals("null function reference", t.code().message());
        }
    }

    @Test
    void theGuestRunsOutWhereWasmtimeDoesWithADirectCall() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            for (long fuel = 161; fuel <= 167; fuel++) {
                Store store = new Store(engine);
                Instance i = instance(engine, module, store);
                store.setFuel(fuel);
                if (fuel >= 164) {
                    assertArrayEquals(new Object[] {10}, i.getFunc("calls").call(10), "fuel " + fuel);
                } else {
                    Trap t = assertThrows(Trap.class, () -> i.getFunc("calls").call(10), "fuel " + fuel);
                    assertEquals(TrapCode.OUT_OF_FUEL, t.code(), "fuel " + fuel);
                }
            }
        }
    }
}
