package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.TestModules;

/** Fuel metering with Wasmtime's costs (the scenarios of Wasmtime's fuel.wast and fuel.rs). */
class FuelTest {
    static final long PLENTY = 1_000_000;

    Engine ENGINE;
    Module MODULE;
    Store store;
    Instance instance;
    long fuelSeenByHost = -1;

    /** The engine under test; {@link SplitFunctionFuelTest} splits every function into pieces. */
    EngineConfig.Builder config() {
        return EngineConfig.builder().consumeFuel(true);
    }

    @BeforeEach
    void instantiate() {
        ENGINE = new Engine(config().build());
        MODULE = ENGINE.compile(TestModules.load("wat/limits/fuel.wasm"));
        store = new Store(ENGINE);
        Linker linker = new Linker();
        linker.defineFunction(store, "host", "fuel", FuncType.of(List.of(), List.of()), (caller, args) -> {
            fuelSeenByHost = caller.store().getFuel();
            return null;
        });
        store.setFuel(PLENTY);
        instance = linker.instantiate(store, MODULE);
    }

    private long consumedBy(String export, Object... args) {
        store.setFuel(PLENTY);
        try {
            instance.getFunc(export).call(args);
        } catch (Trap t) {
            // the scenarios that trap still count the fuel spent before the trap
        }
        return PLENTY - store.getFuel();
    }

    @Test
    void anEmptyModuleConsumesNothing() {
        Module empty = ENGINE.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Store s = new Store(ENGINE);
        s.setFuel(10);
        new Linker().instantiate(s, empty);
        assertEquals(10, s.getFuel());
    }

    @ParameterizedTest(name = "{0} costs {1}")
    @CsvSource({
        "empty, 1", "const_drop, 2", "block, 1", "unreachable, 1", "six_then_unreachable, 7",
        "return_dead, 1", "if_not_taken, 3", "if_taken, 4", "if_else_taken, 4", "br_if_taken, 3",
        "br_if_not_taken, 4", "call_empty, 3", "call_const_arg, 5", "call_ret_const, 4",
        "call_indirect, 4", "loop, 1", "countdown, 53", "cost4, 4", "work_then_oob, 5"})
    void operatorsCostWhatWasmtimeCharges(String export, long cost) {
        assertEquals(cost, consumedBy(export));
    }

    @Test
    void fuelSpentBeforeADivisionByZeroIsKept() {
        assertEquals(4, consumedBy("div_zero", 0));
        assertEquals(4, consumedBy("div_zero", 1));
    }

    @Test
    void aFunctionCostingFourRunsTwiceOnSixFuelThenTraps() {
        store.setFuel(6);
        instance.getFunc("cost4").call();
        instance.getFunc("cost4").call();
        Trap t = assertThrows(Trap.class, () -> instance.getFunc("cost4").call());
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
        assertEquals("all fuel consumed", t.getMessage());
        assertEquals(0, store.getFuel());
    }

    @Test
    void aHostFunctionSeesWhatItsCallerHasLeft() {
        store.setFuel(100);
        instance.getFunc("call_host").call();
        assertEquals(100 - 3, fuelSeenByHost); // entry, i32.const, call
    }

    @ParameterizedTest(name = "{0} runs out of fuel")
    @CsvSource({"loop_br", "loop_br_if", "loop_br_table"})
    void runawayLoopsRunOutOfFuel(String export) {
        store.setFuel(10_000);
        Trap t = assertThrows(Trap.class, () -> instance.getFunc(export).call());
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
    }

    @Test
    void aCallTreeOf65536CallsRunsOutOfFuel() {
        store.setFuel(10_000);
        Trap t = assertThrows(Trap.class, () -> instance.getFunc("tree").call(16));
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
    }

    @Test
    void aRefillCallbackTopsUpAndContinues() {
        int[] refills = new int[1];
        store.onOutOfFuel(s -> ++refills[0] <= 3 ? 1000 : 0);
        store.setFuel(1000);
        Trap t = assertThrows(Trap.class, () -> instance.getFunc("loop_br").call());
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
        assertEquals(4, refills[0]);
    }

    @Test
    void aStoreWithFuelOnStartsWithNone() {
        Store s = new Store(ENGINE);
        assertEquals(0, s.getFuel());
        Linker linker = new Linker();
        linker.defineFunction(s, "host", "fuel", FuncType.of(List.of(), List.of()), (c, a) -> null);
        Instance i = linker.instantiate(s, MODULE);
        Trap t = assertThrows(Trap.class, () -> i.getFunc("empty").call());
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
    }
}
