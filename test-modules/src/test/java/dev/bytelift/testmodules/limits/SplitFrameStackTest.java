package dev.bytelift.testmodules.limits;

import dev.bytelift.runtime.internal.RuntimeAccess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.TestModules;

/**
 * The locals of split functions live in the store's frame stack ({@code FrameStack}): calls do not
 * allocate, frames start zeroed, and recursion, traps and host functions calling back leave the
 * stack as they found it. Every function of {@code split_frames.wat} is split, in pieces of the
 * default size and in pieces of about one instruction.
 */
class SplitFrameStackTest {
    private Store store;
    private Instance instance;

    private void instantiate(int regionInstructions, boolean fuel) {
        EngineConfig.Builder b = EngineConfig.builder().splitFunctionsOver(0).regionInstructions(regionInstructions);
        Engine engine = new Engine(b.consumeFuel(fuel).build());
        store = new Store(engine);
        if (fuel) store.setFuel(Long.MAX_VALUE);
        AtomicReference<Instance> self = new AtomicReference<>();
        Linker linker = new Linker();
        // host.reenter(n): a trap deep in WebAssembly, caught here, then nest(n)
        linker.defineFunction(store, "host", "reenter", FuncType.of(List.of(ValType.I32), List.of(ValType.I32)), (c, a) -> {
            Trap t = assertThrows(Trap.class, () -> self.get().getFunc("trap_deep").call(7));
            assertEquals(TrapCode.UNREACHABLE, t.code());
            return self.get().getFunc("nest").call(a[0]);
        });
        instance = linker.instantiate(store, engine.compile(TestModules.load("wat/limits/split_frames.wasm")));
        self.set(instance);
    }

    private Object call(String name, Object... args) {
        return instance.getFunc(name).call(args)[0];
    }

    @ParameterizedTest(name = "pieces of {0} instructions")
    @ValueSource(ints = {1, 2000})
    void callingASplitFunctionAllocatesNothing(int pieces) {
        instantiate(pieces, false);
        int calls = 200_000;
        assertEquals(1_000L * 1_001 / 2, call("loop", 1_000)); // (warm up: classes loaded)
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        assertEquals((long) calls * (calls + 1) / 2, call("loop", calls));
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        // a long[] of 3 locals alone is 48 bytes: 9.6 MB for these calls
        assertTrue(allocated < 1_000_000, allocated + " bytes allocated by " + calls + " calls of a split function");
        assertEquals(0, RuntimeAccess.get().frames(store).top);
    }

    @ParameterizedTest(name = "pieces of {0} instructions")
    @ValueSource(ints = {1, 2000})
    void localsStartAtZeroAndSurviveNestedActivations(int pieces) {
        instantiate(pieces, false);
        assertEquals(5L, call("fresh", 5));
        assertEquals(5L, call("fresh", 5), "the previous call's locals are not seen");
        assertEquals(5050, call("nest", 100));
        assertEquals("ref", call("refs", "ref", 5));
        assertEquals("ref", call("refs", "ref", 0), "an unset reference local is null");
        assertEquals(0, RuntimeAccess.get().frames(store).top);
    }

    @ParameterizedTest(name = "pieces of {0} instructions")
    @ValueSource(ints = {1, 2000})
    void deepRecursionTrapsAsCallStackExhaustedAndTheStoreStaysUsable(int pieces) {
        instantiate(pieces, false);
        Trap t = assertThrows(Trap.class, () -> call("nest", 10_000_000));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        assertEquals("call stack exhausted", t.getMessage());
        assertEquals(0, RuntimeAccess.get().frames(store).top);
        assertEquals(5050, call("nest", 100));
    }

    @ParameterizedTest(name = "fuel {0}")
    @ValueSource(booleans = {false, true})
    void aTrapUnwindingThroughSplitFunctionsRestoresTheStack(boolean fuel) {
        instantiate(1, fuel);
        for (int i = 0; i < 100; i++) {
            Trap t = assertThrows(Trap.class, () -> call("trap_deep", 50));
            assertEquals(TrapCode.UNREACHABLE, t.code());
            assertEquals(0, RuntimeAccess.get().frames(store).top);
        }
        assertEquals(50L * 51 / 2, (long) (int) call("nest", 50));
    }

    @ParameterizedTest(name = "fuel {0}")
    @ValueSource(booleans = {false, true})
    void aHostFunctionCallingBackKeepsTheCallersFrame(boolean fuel) {
        instantiate(1, fuel);
        // outer keeps 3n in its frame while the host runs a trapping call and nest(n)
        assertArrayEquals(new Object[] {3 * 20 + 20 * 21 / 2}, instance.getFunc("outer").call(20));
        assertArrayEquals(new Object[] {3 * 20 + 20 * 21 / 2}, instance.getFunc("outer").call(20));
        assertEquals(0, RuntimeAccess.get().frames(store).top);
    }
}
