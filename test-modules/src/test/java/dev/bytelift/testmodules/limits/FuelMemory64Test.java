package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * The memory and table operators of other memories than memory 0 (multi-memory) and of 64-bit
 * memories and tables (memory64, table64) cost what their 32-bit forms on memory 0 cost, as in
 * Wasmtime 49, bulk ones one unit per byte or element more. Expected values recorded from Wasmtime
 * by {@code test-modules/scripts/fuel-memory64-wasmtime.py} (its output is
 * {@code fuel-memory64-wasmtime.txt}) on {@code src/test/resources/fuel/memory64.wat}; also with
 * every function split.
 */
class FuelMemory64Test {
    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };

    /** Each export with its fuel for lengths 0, 1 and 2, as Wasmtime 49 consumes it. */
    private static final Object[][] WASMTIME = {
        {"m0", new long[] {27, 29, 31}},
        {"m1", new long[] {27, 29, 31}},
        {"m64", new long[] {28, 30, 32}},
        {"simd64", new long[] {9, 9, 9}},
        {"t32", new long[] {20, 22, 24}},
        {"t64", new long[] {21, 23, 25}},
    };

    @Test
    void otherMemoriesAnd64BitFormsCostAsInWasmtime() throws IOException {
        byte[] wat;
        try (InputStream in = FuelMemory64Test.class.getResourceAsStream("/fuel/memory64.wat")) {
            wat = in.readAllBytes();
        }
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat);
            for (Object[] row : WASMTIME) {
                long[] fuel = (long[]) row[1];
                for (int n = 0; n < fuel.length; n++) {
                    Store store = new Store(engine);
                    if (config.epochInterruption()) store.setEpochDeadline(1_000_000);
                    store.setFuel(1_000_000_000L);
                    Instance i = new Linker().instantiate(store, module);
                    long before = store.getFuel();
                    i.getFunc((String) row[0]).call(n);
                    String what = row[0] + "(" + n + "), split " + (config.splitFunctionsOver() == 0);
                    assertEquals(fuel[n], before - store.getFuel(), what);
                }
            }
        }
    }
}
