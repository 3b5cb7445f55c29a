package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.internal.EntryCalls;
import dev.bytelift.runtime.internal.VMRuntimeLimits;
import dev.bytelift.runtime.WasmBacktrace;
import dev.bytelift.runtime.WasmFrame;
import org.junit.jupiter.api.Test;

/**
 * The entry and exit fields of {@link VMRuntimeLimits} as host functions see them, re-entry and
 * its call depth, and their restoration after traps (module host_calls.wat: {@code twice} calls
 * {@code observe} at 0x89 and 0x8d; {@code down} calls {@code reenter} at 0x9d).
 */
class HostCallFieldsTest {
    private static final int FIRST_CALL = 0x89, SECOND_CALL = 0x8d, REENTER_CALL = 0x9d;

    private Store store = new Store(new Engine());
    private final List<List<Integer>> seen = new ArrayList<>();
    private HostFn.I_I reenter = (caller, n) -> {
        seen.add(fields());
        return (int) ((Func) caller.getExport("down")).call(n - 1)[0];
    };

    private List<Integer> fields() {
        VMRuntimeLimits l = dev.bytelift.runtime.internal.RuntimeAccess.get().limits(store);
        return List.of(l.lastWasmEntrySp, l.lastWasmExitFp, l.lastWasmExitPc);
    }

    private Instance instantiate() {
        Linker linker = new Linker()
                .defineFunction(store, "host", "observe", HostFn.I_I.class, (caller, x) -> {
                    seen.add(fields());
                    return x;
                })
                .defineFunction(store, "host", "reenter", HostFn.I_I.class, (caller, n) -> reenter.call(caller, n));
        return linker.instantiate(store, store.engine().compile(WatModules.bytes("host_calls")));
    }

    @Test
    void aHostFunctionSeesTheCallingFrameAndTheOffsetOfItsCall() {
        Func twice = instantiate().getFunc("twice");
        assertEquals(7, twice.call(7)[0]);
        // entry at depth 1; the calling frame (twice) ends at 1 + its frame size (8-byte words of
        // JVM stack, EngineConfig.maxWasmStack / 8), minus one; each call its own offset
        int fp = seen.get(0).get(1);
        assertTrue(fp > 16, "fp " + fp); // a frame counts at least its fixed part (words)
        assertEquals(List.of(List.of(1, fp, FIRST_CALL), List.of(1, fp, SECOND_CALL)), seen);
        assertEquals(List.of(0, 0, 0), fields(), "cleared once WebAssembly returned to the host");
    }

    @Test
    void aHostFunctionCalledFromTheHostSeesEntrySpMinusOne() {
        Func observe = Func.wrap(store, HostFn.I_I.class, (caller, x) -> {
            seen.add(fields());
            return x + 1;
        });
        assertEquals(4, observe.call(3)[0]);
        assertEquals(List.of(List.of(-1, 0, 0)), seen);
        assertEquals(List.of(0, 0, 0), fields());
    }

    @Test
    void reentryContinuesTheCallingDepth() {
        Func down = instantiate().getFunc("down");
        List<List<WasmFrame>> traces = new ArrayList<>();
        reenter = (caller, n) -> {
            seen.add(fields());
            traces.add(WasmBacktrace.capture().frames());
            return (int) ((Func) caller.getExport("down")).call(n - 1)[0];
        };
        assertEquals(3, down.call(3)[0]);
        // down(3) at depth 1 calls out from its frame (fp: the bytes up to it, minus one); the host
        // re-enters down(2) past the host's frames (fp + 1 + HOST_FRAMES), which calls out from
        // the same frame size higher...
        int frame = seen.get(0).get(1); // down's frame size (fp - sp + 1 with sp = 1)
        int sp2 = frame + 1 + EntryCalls.HOST_FRAMES, sp3 = sp2 + frame + EntryCalls.HOST_FRAMES;
        assertEquals(List.of(List.of(1, frame, REENTER_CALL), List.of(sp2, sp2 + frame - 1, REENTER_CALL),
                List.of(sp3, sp3 + frame - 1, REENTER_CALL)), seen);
        // capture() inside the innermost host call: every down frame of every activation, newest first
        assertEquals(List.of(new WasmFrame("host_calls", 3, "down", REENTER_CALL)), traces.get(0));
        assertEquals(3, traces.get(2).size());
        assertEquals(List.of(0, 0, 0), fields());
    }

    @Test
    void deepWasmHostWasmRecursionMeetsTheStackLimitAndTheStoreStaysUsable() {
        // each level takes down's frame and the host's frames (HOST_FRAMES): 50 levels fit exactly
        Func probe = instantiate().getFunc("down");
        reenter = (caller, n) -> {
            seen.add(fields());
            return 0;
        };
        probe.call(1);
        int level = seen.get(0).get(1) + EntryCalls.HOST_FRAMES; // down's frame + the host's, in words
        store = new Store(new Engine(EngineConfig.builder().maxWasmStack(50 * level * 8).build()));
        Func down = instantiate().getFunc("down");
        reenter = (caller, n) -> (int) ((Func) caller.getExport("down")).call(n - 1)[0];
        Trap trap = assertThrows(Trap.class, () -> down.call(1000));
        assertEquals(TrapCode.STACK_OVERFLOW, trap.code());
        assertEquals(null, trap.getCause(), "the limit's trap");
        // down runs 50 times (the host between each two); the 51st traps in its prologue, which
        // reports the function's start
        assertEquals(51, trap.backtrace().size());
        assertEquals(new WasmFrame("host_calls", 3, "down", 0x92), trap.backtrace().get(0));
        assertEquals(List.of(0, 0, 0), fields());
        assertEquals(10, down.call(10)[0]);
        assertEquals(49, down.call(49)[0]);
    }

    @Test
    void aJvmStackOverflowInWasmHostWasmRecursionIsTheStackTrapWhereverItHappens() {
        store = new Store(new Engine(EngineConfig.builder().maxWasmStack(100_000_000).build()));
        Func down = instantiate().getFunc("down");
        reenter = (caller, n) -> (int) ((Func) caller.getExport("down")).call(n - 1)[0];
        for (int i = 0; i < 3; i++) {
            Trap trap = assertThrows(Trap.class, () -> down.call(50_000_000));
            assertEquals(TrapCode.STACK_OVERFLOW, trap.code());
            assertEquals(List.of(0, 0, 0), fields());
        }
        assertEquals(100, down.call(100)[0]);
    }

    @Test
    void aTrapInANestedCallRestoresTheOuterHostCallsFields() {
        Func down = instantiate().getFunc("down");
        reenter = (caller, n) -> {
            List<Integer> before = fields();
            Trap trap = assertThrows(Trap.class, () -> ((Func) caller.getExport("boom")).call());
            assertEquals(List.of(new WasmFrame("host_calls", 4, "boom", 0xa6), new WasmFrame("host_calls", 3, "down", REENTER_CALL)),
                    trap.backtrace());
            seen.add(before);
            seen.add(fields());
            return 41;
        };
        assertEquals(42, down.call(1)[0]);
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(1, seen.get(1).get(0));
        assertEquals(REENTER_CALL, seen.get(1).get(2));
        assertEquals(List.of(0, 0, 0), fields());
    }

    @Test
    void aHostFunctionReadsTheCallersMemory() {
        Instance instance = instantiate();
        instance.getMemory("memory").write(100, new byte[] {1, 2, 3, 4});
        Func sum = instance.getFunc("sum_memory");
        assertEquals(10L, sum.call(100, 4)[0]);
        Caller[] caller = new Caller[1];
        reenter = (c, n) -> {
            caller[0] = c;
            return c.memory().read(100, 1)[0];
        };
        assertEquals(2, instance.getFunc("down").call(5)[0]);
        assertEquals(instance, caller[0].instance());
    }
}
