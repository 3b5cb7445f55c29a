package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.TestModules;

/** The WebAssembly stack limit (the scenarios of Wasmtime's stack_overflow.rs). */
class StackLimitTest {
    final Engine engine = new Engine();
    final Module module = engine.compile(TestModules.load("wat/limits/stack.wasm"));
    final Store store = new Store(engine);
    final Instance instance = new Linker().instantiate(store, module);

    @Test
    void infiniteRecursionTrapsWithABacktraceOfTheRecursingFunction() {
        Trap t = assertThrows(Trap.class, () -> instance.getFunc("run").call());
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        assertEquals("call stack exhausted", t.getMessage());
        long named = t.backtrace().stream().filter(f -> "run".equals(f.funcName())).count();
        assertTrue(named >= 32, "backtrace has " + named + " frames named run");
    }

    @Test
    void theStoreStaysUsableAfterAStackOverflow() {
        assertThrows(Trap.class, () -> instance.getFunc("run").call());
        assertArrayEquals(new Object[] {100}, instance.getFunc("nest").call(100));
    }

    @Test
    void tenThousandNestedCallsWorkUnderTheDefaultLimit() {
        assertArrayEquals(new Object[] {10_000}, instance.getFunc("nest").call(10_000));
    }

    @Test
    void theLimitIsConfigurable() {
        Engine small = new Engine(EngineConfig.builder().maxWasmStack(50).build());
        Instance i = new Linker().instantiate(new Store(small), small.compile(TestModules.load("wat/limits/stack.wasm")));
        assertArrayEquals(new Object[] {40}, i.getFunc("nest").call(40));
        Trap t = assertThrows(Trap.class, () -> i.getFunc("nest").call(60));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
    }
}
