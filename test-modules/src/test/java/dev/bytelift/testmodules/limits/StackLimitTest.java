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
    void twoThousandNestedCallsWorkUnderTheDefaultLimit() {
        // nest's frame counts 23 words (3 locals, 4 stack slots, 16), 184 bytes: 768 KiB hold about 4,270 calls
        assertArrayEquals(new Object[] {2_000}, instance.getFunc("nest").call(2_000));
    }

    @Test
    void theLimitIsConfigurableInBytes() {
        Engine small = new Engine(EngineConfig.builder().maxWasmStack(16 * 1024).build());
        Instance i = new Linker().instantiate(new Store(small), small.compile(TestModules.load("wat/limits/stack.wasm")));
        assertArrayEquals(new Object[] {40}, i.getFunc("nest").call(40));
        Trap t = assertThrows(Trap.class, () -> i.getFunc("nest").call(100));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        assertEquals(null, t.getCause(), "the limit's trap, not a JVM StackOverflowError");
        // the limit is bytes: twice the limit holds twice the frames, less the entry's handle
        // frames (runtime.internal.InvokerFrames, 128 words: 5.6 of nest's frames), counted once
        int deepest = deepest(i);
        assertTrue(deepest > 40 && deepest < 100, "deepest " + deepest);
        Engine twice = new Engine(EngineConfig.builder().maxWasmStack(32 * 1024).build());
        Instance j = new Linker().instantiate(new Store(twice), twice.compile(TestModules.load("wat/limits/stack.wasm")));
        int deepestTwice = deepest(j);
        int entry = 6;
        assertTrue(deepestTwice >= 2 * deepest && deepestTwice <= 2 * deepest + 2 + entry, deepest + " then " + deepestTwice);
    }

    /** The deepest {@code nest} that returns (each level one frame). */
    private static int deepest(Instance i) {
        int n = 1;
        while (true) {
            try {
                i.getFunc("nest").call(n + 1);
                n++;
            } catch (Trap t) {
                assertEquals(TrapCode.STACK_OVERFLOW, t.code());
                return n;
            }
        }
    }

    @Test
    void aDeepRecursionRunsOnALargerThreadWithALargerLimit() throws InterruptedException {
        Engine big = new Engine(EngineConfig.builder().maxWasmStack(64 << 20).build());
        Instance i = new Linker().instantiate(new Store(big), big.compile(TestModules.load("wat/limits/stack.wasm")));
        Object[][] result = new Object[1][];
        Thread t = new Thread(null, () -> result[0] = i.getFunc("nest").call(100_000), "deep", 128 << 20);
        t.start();
        t.join();
        assertArrayEquals(new Object[] {100_000}, result[0]);
    }

    @Test
    void theLimitIsCheckedWhenConfigured() {
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.builder().maxWasmStack(0));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.builder().maxWasmStack(EngineConfig.MAX_MAX_WASM_STACK + 1));
    }
}
