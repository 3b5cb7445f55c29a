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
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Fuel across WebAssembly exceptions, on {@code src/test/resources/fuel/exceptions.wat}, compared
 * with what {@code test-modules/scripts/fuel-exceptions-wasmtime.py} recorded from Wasmtime 49
 * ({@code fuel-exceptions-wasmtime.out}). Where no frame is unwound (a throw caught in its own
 * function) the fuel consumed is Wasmtime's; where frames are unwound, Wasmtime gives back the fuel
 * they consumed and Bytelift charges it (the exact count, as for traps; the script shows that the
 * refund lets a guest run without bound). The out-of-fuel point is Wasmtime's either way. Also with
 * every function split into regions.
 */
class FuelExceptionsTest {
    private static byte[] wat() throws IOException {
        try (InputStream in = FuelExceptionsTest.class.getResourceAsStream("/fuel/exceptions.wat")) {
            return in.readAllBytes();
        }
    }

    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };

    private record Run(long consumed, Object result) {}

    private static Run run(Engine engine, Module module, String name, int n, long fuel) {
        Store store = new Store(engine);
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        store.setFuel(1_000_000_000L);
        Instance i = new Linker().instantiate(store, module);
        store.setFuel(fuel);
        long before = store.getFuel();
        Object result = i.getFunc(name).call(n)[0];
        return new Run(before - store.getFuel(), result);
    }

    @Test
    void unwoundFramesAreChargedAndSameFrameCatchesCostWhatWasmtimeCharges() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            String what = " split " + (config.splitFunctionsOver() == 0);
            // Wasmtime: 8 (catch3's own operators); its callees f1, f2, f3 cost 3 + 5 + 11
            assertEquals(new Run(8 + 19, 11), run(engine, module, "catch3", 0, 1_000_000), "catch3(0)" + what);
            assertEquals(new Run(8 + 19, 21), run(engine, module, "catch3", 5, 1_000_000), "catch3(5)" + what);
            // no frame unwound: Wasmtime's numbers
            assertEquals(new Run(13, 1), run(engine, module, "loop", 1, 1_000_000), "loop(1)" + what);
            assertEquals(new Run(112, 55), run(engine, module, "loop", 10, 1_000_000), "loop(10)" + what);
            // Wasmtime: 6 and 5, without the unwound frames ($rethrower's 8 with its throw_ref, f1-f3's 19)
            assertEquals(new Run(6 + 8 + 19, 8), run(engine, module, "rethrow", 3, 1_000_000), "rethrow(3)" + what);
            assertEquals(new Run(5 + 19, 5), run(engine, module, "nomatch", 2, 1_000_000), "nomatch(2)" + what);
        }
    }

    @Test
    void theGuestRunsOutWhereWasmtimeDoes() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            // f3's entry check sees 13 consumed: Wasmtime traps with 13 fuel, completes with 14
            Trap t = assertThrows(Trap.class, () -> run(engine, module, "catch3", 4, 13));
            assertEquals(TrapCode.OUT_OF_FUEL, t.code());
            assertEquals(19, run(engine, module, "catch3", 4, 14).result());
        }
    }
}
