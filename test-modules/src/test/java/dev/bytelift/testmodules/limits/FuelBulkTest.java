package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Bulk memory and table operators cost one fuel unit per byte or element on top of their own, as
 * in Wasmtime 49, charged once the operation completed, with the fuel checked right after it.
 * Expected values recorded from Wasmtime by {@code test-modules/scripts/fuel-bulk-wasmtime.py}
 * on {@code src/test/resources/fuel/bulk.wat}; also with every function split.
 */
class FuelBulkTest {
    private static byte[] wat() throws IOException {
        try (InputStream in = FuelBulkTest.class.getResourceAsStream("/fuel/bulk.wat")) {
            return in.readAllBytes();
        }
    }

    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };

    private static Instance instance(Engine engine, Module module, Store store) {
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        store.setFuel(1_000_000_000L);
        Instance i = new Linker().instantiate(store, module);
        return i;
    }

    private static long consumed(Engine engine, Module module, String name, int n) {
        Store store = new Store(engine);
        Instance i = instance(engine, module, store);
        long before = store.getFuel();
        i.getFunc(name).call(n);
        return before - store.getFuel();
    }

    @Test
    void eachByteOrElementCostsOneAsInWasmtime() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            String what = "split " + (config.splitFunctionsOver() == 0);
            Object[][] expected = {
                {"fill", new int[] {0, 1, 40, 1000}, new long[] {8, 9, 48, 1008}},
                {"copy", new int[] {0, 1, 40, 1000}, new long[] {8, 9, 48, 1008}},
                {"init", new int[] {0, 1, 16, 32}, new long[] {8, 9, 24, 40}},
                {"tfill", new int[] {0, 1, 5}, new long[] {8, 9, 13}},
                {"tcopy", new int[] {0, 1, 4}, new long[] {8, 9, 12}},
                {"tinit", new int[] {0, 1, 4}, new long[] {8, 9, 12}},
            };
            for (Object[] row : expected) {
                int[] ns = (int[]) row[1];
                long[] fuel = (long[]) row[2];
                for (int k = 0; k < ns.length; k++) {
                    assertEquals(fuel[k], consumed(engine, module, (String) row[0], ns[k]), row[0] + "(" + ns[k] + ") " + what);
                }
            }
        }
    }

    @Test
    void theGuestRunsOutRightAfterTheOperationAsInWasmtime() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            for (long fuel : new long[] {1004, 1005, 1006, 1007}) {
                Store store = new Store(engine);
                Instance i = instance(engine, module, store);
                store.setFuel(fuel);
                Memory mem = (Memory) i.getExport("mem");
                boolean ok = fuel >= 1006;
                if (ok) {
                    i.getFunc("fill").call(1000);
                } else {
                    assertEquals(TrapCode.OUT_OF_FUEL, assertThrows(Trap.class, () -> i.getFunc("fill").call(1000)).code());
                }
                String what = "fuel " + fuel + ", split " + (config.splitFunctionsOver() == 0);
                assertEquals(7, mem.readByte(999), "the fill happened: " + what);
                assertEquals(ok ? 1 : 0, mem.readByte(5000), "the store after it: " + what);
            }
        }
    }

    @Test
    void aBulkOperationThatTrapsCostsOnlyItsOwnCost() throws IOException {
        Engine engine = new Engine(CONFIGS[0]);
        Module module = engine.compile(wat());
        Store store = new Store(engine);
        Instance i = instance(engine, module, store);
        long before = store.getFuel();
        // 70,000 bytes do not fit one page: the trap comes before any element is charged
        assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> i.getFunc("fill").call(70_000)).code());
        assertEquals(5, before - store.getFuel());
    }
}
