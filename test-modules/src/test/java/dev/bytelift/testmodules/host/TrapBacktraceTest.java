package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmBacktrace;
import dev.bytelift.runtime.WasmFrame;
import org.junit.jupiter.api.Test;

/** The scenarios of Wasmtime's tests/all/traps.rs that apply to Bytelift. */
class TrapBacktraceTest {
    private static final FuncType VOID = FuncType.of(List.of(), List.of());

    private final Engine engine = new Engine();
    private final Store store = new Store(engine);

    private Instance instantiate(String name, Linker linker) {
        return linker.instantiate(store, engine.compile(WatModules.bytes(name)));
    }

    @Test
    void aTrapListsItsFramesWithExactOffsetsNewestFirst() {
        Func run = instantiate("hello_mod", new Linker()).getFunc("run");
        Trap trap = assertThrows(Trap.class, run::call);
        assertEquals(TrapCode.UNREACHABLE, trap.code());
        assertEquals(List.of(new WasmFrame("hello_mod", 1, "hello", 0x26), new WasmFrame("hello_mod", 0, null, 0x21)),
                trap.backtrace());
        assertEquals(trap.backtrace(), WasmBacktrace.of(trap).frames());
    }

    @Test
    void aTrapDescribesItselfLikeWasmtime() {
        Func bar = instantiate("pretty", new Linker()).getFunc("bar");
        Trap trap = assertThrows(Trap.class, bar::call);
        String nl = System.lineSeparator();
        assertEquals("unreachable" + nl
                + "wasm backtrace:" + nl
                + "    0:   0x23 - m!die" + nl
                + "    1:   0x27 - m!<wasm function 1>" + nl
                + "    2:   0x2c - m!foo" + nl
                + "    3:   0x31 - m!<wasm function 3>", trap.describe());
    }

    @Test
    void aBacktraceSpansModules() {
        Instance a = instantiate("pretty", new Linker());
        Instance b = instantiate("multi_b", new Linker().define("", "", a.getFunc("bar")));
        Trap trap = assertThrows(Trap.class, () -> b.getFunc("bar2").call());
        assertEquals(List.of("0x23 - m!die", "0x27 - m!<wasm function 1>", "0x2c - m!foo", "0x31 - m!<wasm function 3>",
                "0x29 - b!middle", "0x2e - b!<wasm function 2>"),
                trap.backtrace().stream().map(f -> f.format().strip()).toList());
    }

    @Test
    void aTrapInTheStartFunctionHasItsBacktrace() {
        Trap trap = assertThrows(Trap.class, () -> instantiate("start_trap", new Linker()));
        assertEquals(List.of(0x1d, 0x21, 0x26, 0x2b), trap.backtrace().stream().map(WasmFrame::moduleOffset).toList());
        assertEquals("start", trap.backtrace().get(3).funcName());
    }

    @Test
    void aHostStartFunctionsExceptionFailsInstantiationAsItself() {
        Linker linker = new Linker().defineFunction(store, "", "", VOID, (caller, args) -> {
            throw new IllegalStateException("user trap");
        });
        assertEquals("user trap", assertThrows(IllegalStateException.class, () -> instantiate("start_import", linker)).getMessage());
        Linker typed = new Linker().defineFunction(store, "", "", Runnable.class, () -> {
            throw new IllegalStateException("another");
        });
        assertEquals("another", assertThrows(IllegalStateException.class, () -> instantiate("start_import", typed)).getMessage());
        assertFieldsCleared();
    }

    @Test
    void anIndirectCallTypeMismatchTrapsAtTheCall() {
        Trap trap = assertThrows(Trap.class, () -> instantiate("call_mismatch", new Linker()));
        assertEquals(TrapCode.BAD_SIGNATURE, trap.code());
        assertEquals("indirect call type mismatch", trap.getMessage());
        assertEquals(List.of(new WasmFrame("a", 0, "foo", 0x30)), trap.backtrace());
    }

    @Test
    void aTrapThroughHostFunctionsListsTheWasmFramesOfEveryActivation() {
        Linker linker = new Linker();
        linker.defineFunction(store, "", "a", VOID, (caller, args) -> ((Func) caller.getExport("b")).call());
        linker.defineFunction(store, "", "b", VOID, (caller, args) -> ((Func) caller.getExport("c")).call());
        Func a = instantiate("through_host", linker).getFunc("a");
        Trap trap = assertThrows(Trap.class, a::call);
        assertEquals(List.of(new WasmFrame("hello_mod", 4, "c", 0x3f), new WasmFrame("hello_mod", 3, "b", 0x3a),
                new WasmFrame("hello_mod", 2, "a", 0x35)), trap.backtrace());
        assertFieldsCleared();
    }

    @Test
    void aHostExceptionPropagatesAsItselfWithTheBacktraceAttached() {
        IllegalStateException thrown = new IllegalStateException("cb throw");
        Linker linker = new Linker().defineFunction(store, "", "throw", VOID, (caller, args) -> {
            throw thrown;
        });
        Func run = instantiate("trace_cb", linker).getFunc("run");
        IllegalStateException e = assertThrows(IllegalStateException.class, run::call);
        assertSame(thrown, e);
        WasmBacktrace bt = WasmBacktrace.of(e);
        assertNotNull(bt);
        assertEquals(List.of(new WasmFrame("hello_mod", 2, "hello", 0x32), new WasmFrame("hello_mod", 1, null, 0x2d)),
                bt.frames());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("0x32 - hello_mod!hello"), e.getSuppressed()[0].getMessage());
        assertFieldsCleared();
    }

    @Test
    void aCheckedExceptionOfATypedHostFunctionPropagatesAsItself() {
        Linker linker = new Linker().defineFunction(store, "", "throw", dev.bytelift.runtime.HostFn.V_V.class, caller -> {
            throw new java.io.IOException("disk on fire");
        });
        Func run = instantiate("trace_cb", linker).getFunc("run");
        Exception e = assertThrows(Exception.class, run::call);
        assertEquals(java.io.IOException.class, e.getClass());
        assertEquals(2, WasmBacktrace.of(e).frames().size());
    }

    @Test
    void aTrapRaisedByTheHostGetsTheBacktraceOfTheCall() {
        Linker linker = new Linker().defineFunction(store, "", "throw", VOID, (caller, args) -> {
            throw new Trap(TrapCode.INTERRUPT);
        });
        Trap trap = assertThrows(Trap.class, () -> instantiate("trace_cb", linker).getFunc("run").call());
        assertEquals(List.of(0x32, 0x2d), trap.backtrace().stream().map(WasmFrame::moduleOffset).toList());
    }

    @Test
    void stackOverflowIsATrapWithADeepBacktraceAndTheStoreStaysUsable() {
        Func run = instantiate("rec", new Linker()).getFunc("run");
        for (int i = 0; i < 2; i++) {
            Trap trap = assertThrows(Trap.class, run::call);
            assertEquals(TrapCode.STACK_OVERFLOW, trap.code());
            assertTrue(trap.backtrace().size() >= 32, "frames: " + trap.backtrace().size());
            for (WasmFrame f : trap.backtrace()) {
                assertEquals("rec_mod", f.moduleName());
                assertEquals(0, f.funcIndex());
                assertEquals("run", f.funcName());
            }
            assertFieldsCleared();
        }
    }

    @Test
    void aHostExceptionFromANestedActivationKeepsTheBacktraceOfWhereItLeftWebAssembly() {
        Linker linker = new Linker();
        linker.defineFunction(store, "", "a", VOID, (caller, args) -> ((Func) caller.getExport("b")).call());
        linker.defineFunction(store, "", "b", VOID, (caller, args) -> {
            throw new UnsupportedOperationException("from b");
        });
        Func a = instantiate("through_host", linker).getFunc("a");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, a::call);
        assertEquals(List.of(new WasmFrame("hello_mod", 3, "b", 0x3a), new WasmFrame("hello_mod", 2, "a", 0x35)),
                WasmBacktrace.of(e).frames());
        assertEquals(1, e.getSuppressed().length, "attached once, where it left WebAssembly first");
        assertFieldsCleared();
    }

    @Test
    void aJvmStackOverflowBecomesTheStackTrapAndTheStoreStaysUsable() throws InterruptedException {
        Engine deep = new Engine(dev.bytelift.runtime.EngineConfig.builder().maxWasmStack(100_000_000).build());
        Store s = new Store(deep);
        Func run = new Linker().instantiate(s, deep.compile(WatModules.bytes("rec"))).getFunc("run");
        // on a thread of 512 KiB, so that the JVM's stack overflows long before the 100 MB limit counts
        // out, whether the recursion runs interpreted (frames as large as the limit assumes) or compiled
        // (smaller frames): the test JVM's own threads have 16 MiB (-Xss16m)
        Throwable[] failure = {null};
        Thread small = new Thread(null, () -> {
            try {
                for (int i = 0; i < 2; i++) {
                    Trap trap = assertThrows(Trap.class, run::call);
                    assertEquals(TrapCode.STACK_OVERFLOW, trap.code());
                    assertTrue(trap.getCause() instanceof StackOverflowError, () -> "cause: " + trap.getCause());
                    assertTrue(trap.backtrace().size() >= 32);
                    assertEquals(new WasmFrame("rec_mod", 0, "run", trap.backtrace().get(5).moduleOffset()), trap.backtrace().get(5));
                    var l = dev.bytelift.runtime.internal.RuntimeAccess.get().limits(s);
                    assertEquals(List.of(0, 0, 0), List.of(l.lastWasmEntrySp, l.lastWasmExitFp, l.lastWasmExitPc));
                }
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        if (failure[0] != null) throw new AssertionError(failure[0]);
    }

    @Test
    void aHostThatCatchesNestedFailuresLeavesNoStaleState() {
        Linker linker = new Linker();
        int[] panics = new int[1];
        linker.defineFunction(store, "", "panic", VOID, (caller, args) -> {
            panics[0]++;
            throw new IllegalStateException("this is a panic");
        });
        linker.defineFunction(store, "", "catch panic", VOID, (caller, args) -> {
            assertThrows(IllegalStateException.class, () -> ((Func) caller.getExport("panic")).call());
            return null;
        });
        Func run = instantiate("catch_panic", linker).getFunc("run");
        Trap trap = assertThrows(Trap.class, run::call);
        assertEquals(List.of(new WasmFrame("a", 3, null, 0x4d)), trap.backtrace());
        assertEquals(2, panics[0]);
    }

    @Test
    void aBacktraceSurvivesTheModuleBeingDropped() {
        Func run = instantiate("hello_mod", new Linker()).getFunc("run");
        System.gc();
        assertEquals(2, assertThrows(Trap.class, run::call).backtrace().size());
    }

    @Test
    void wrongArgumentsAreRejectedBeforeTheCall() {
        Func add = instantiate("host_calls", hostCallsLinker()).getFunc("add");
        assertEquals("expected 2 arguments, got 0", assertThrows(IllegalArgumentException.class, add::call).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> add.call(1, 2.0f)).getMessage()
                .startsWith("argument type mismatch"));
    }

    private Linker hostCallsLinker() {
        FuncType ii = FuncType.of(List.of(dev.bytelift.runtime.ValType.I32), List.of(dev.bytelift.runtime.ValType.I32));
        return new Linker()
                .defineFunction(store, "host", "observe", ii, (c, a) -> new Object[] {a[0]})
                .defineFunction(store, "host", "reenter", ii, (c, a) -> new Object[] {a[0]});
    }

    private void assertFieldsCleared() {
        var l = dev.bytelift.runtime.internal.RuntimeAccess.get().limits(store);
        assertEquals(List.of(0, 0, 0), List.of(l.lastWasmEntrySp, l.lastWasmExitFp, l.lastWasmExitPc));
    }
}
