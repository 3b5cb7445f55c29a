package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * The fuel a trap leaves behind when calls are involved ({@code src/test/resources/fuel/traps-across-calls.wat}).
 * Each method's catch-all writes its counter back when an exception leaves it, but not while a
 * callee has the count (from the save before a call to the reload after it): a caller must not
 * write its count from before the call over what the callee, or a host function that set the
 * store's fuel, left (the fuel meter's ranges leave calls out). The counts are Wasmtime's operator costs (1 per operator and per function
 * entry, nothing for {@code drop} and {@code unreachable}) plus, as everywhere in Bytelift, what
 * was spent before the trap. Also with every function split into regions.
 */
class FuelTrapsAcrossCallsTest {
    private static final EngineConfig[] CONFIGS = {
        EngineConfig.builder().consumeFuel(true).build(),
        EngineConfig.builder().consumeFuel(true).splitFunctionsOver(0).regionInstructions(8).build(),
    };
    private static final long START = 1_000_000;

    private static byte[] wat() throws IOException {
        try (InputStream in = FuelTrapsAcrossCallsTest.class.getResourceAsStream("/fuel/traps-across-calls.wat")) {
            return in.readAllBytes();
        }
    }

    /** The fuel left after {@code export} trapped with {@code code}, starting from {@link #START}. */
    private static long leftAfterTrap(Engine engine, Module module, String export, TrapCode code) {
        Store store = new Store(engine);
        Linker linker = new Linker();
        linker.defineFunction(store, "host", "refill", FuncType.of(List.of(), List.of()), (caller, args) -> {
            caller.store().setFuel(1000);
            return null;
        });
        store.setFuel(START);
        Instance instance = linker.instantiate(store, module);
        store.setFuel(START);
        Trap t = assertThrows(Trap.class, () -> instance.getFunc(export).call());
        assertEquals(code, t.code(), export);
        return store.getFuel();
    }

    @Test
    void aTrapKeepsWhatEachFrameSpent() throws IOException {
        for (EngineConfig config : CONFIGS) {
            Engine engine = new Engine(config);
            Module module = engine.compile(wat());
            String what = config.splitFunctionsOver() == 0 ? " (split)" : "";
            // caller: entry, 3 operators, the argument, the call (6); callee: entry and 7 operators (8)
            assertEquals(START - 14, leftAfterTrap(engine, module, "callee_traps", TrapCode.UNREACHABLE), "callee_traps" + what);
            // two calls deep in one caller: entry, argument, call (3); the first callee traps (8)
            assertEquals(START - 11, leftAfterTrap(engine, module, "deep_callee_traps", TrapCode.UNREACHABLE), "deep_callee_traps" + what);
            // entry, call, the callee's entry and constant, 3 operators (7)
            assertEquals(START - 7, leftAfterTrap(engine, module, "trap_after_a_call", TrapCode.INTEGER_DIVISION_BY_ZERO), "trap_after_a_call" + what);
            // the host set 1000 during the call; then 3 operators
            assertEquals(1000 - 3, leftAfterTrap(engine, module, "host_refills_then_caller_traps", TrapCode.UNREACHABLE), "host_refills" + what);
        }
    }
}
