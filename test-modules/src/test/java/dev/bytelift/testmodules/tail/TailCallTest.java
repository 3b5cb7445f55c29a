package dev.bytelift.testmodules.tail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmFrame;

/**
 * Tail calls run in constant JVM stack (docs/tail-calls.md): 100,000,000 of them, by self
 * recursion, mutual recursion, through a table and through function references, where the same recursion with plain calls traps;
 * the call-depth limit counts as Wasmtime's (a tail call adds no frame); backtraces lose the
 * replaced frame; the epoch check fires in a tail-recursive loop without a loop instruction; split
 * functions and lazy compilation too. On {@code src/test/resources/tail/tail.wat}.
 */
class TailCallTest {
    static byte[] wat() {
        try (InputStream in = TailCallTest.class.getResourceAsStream("/tail/tail.wat")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Instance instantiate(Engine engine, Store store) {
        Linker linker = new Linker();
        linker.defineFunction(store, "host", "add", LongBinaryOperator.class, (a, b) -> a + b);
        return linker.instantiate(store, engine.compile(wat()));
    }

    private static final long HUNDRED_MILLION = 100_000_000L;

    private static Instance plain() {
        Engine engine = new Engine();
        return instantiate(engine, new Store(engine));
    }

    @Test
    void aHundredMillionSelfTailCalls() {
        assertArrayEquals(new Object[] {HUNDRED_MILLION + 7}, plain().getFunc("count").call(HUNDRED_MILLION, 7L));
    }

    @Test
    void aHundredMillionMutualTailCalls() {
        Instance i = plain();
        assertArrayEquals(new Object[] {1}, i.getFunc("even").call(HUNDRED_MILLION));
        assertArrayEquals(new Object[] {1}, i.getFunc("odd").call(HUNDRED_MILLION + 1));
    }

    @Test
    void aHundredMillionTailCallsThroughATable() {
        Instance i = plain();
        assertArrayEquals(new Object[] {1}, i.getFunc("even_i").call(HUNDRED_MILLION));
        assertArrayEquals(new Object[] {0}, i.getFunc("odd_i").call(HUNDRED_MILLION));
    }

    @Test
    void aHundredMillionTailCallsThroughFunctionReferences() {
        Instance i = plain();
        assertArrayEquals(new Object[] {1}, i.getFunc("even_r").call(HUNDRED_MILLION));
        assertEquals(TrapCode.NULL_FUNCTION_REFERENCE, assertThrows(Trap.class, () -> i.getFunc("null_r").call(1L)).code());
    }

    @Test
    void theSameRecursionWithPlainCallsExhaustsTheStack() {
        Instance i = plain();
        Trap t = assertThrows(Trap.class, () -> i.getFunc("count_plain").call(1_000_000L, 0L));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        assertEquals("call stack exhausted", t.getMessage());
        // and the store is fine after it
        assertArrayEquals(new Object[] {1_000_000L}, i.getFunc("count").call(1_000_000L, 0L));
    }

    @Test
    void aTailCallAddsNoFrameToTheDepthLimit() {
        Engine engine = new Engine(EngineConfig.builder().maxWasmStack(16 * 1024).build());
        Instance i = instantiate(engine, new Store(engine));
        // the deepest nest that fits with 10 tail calls at the bottom fits with a million too
        int n = 0;
        while (fits(i, n + 1)) n++;
        int deepest = n;
        assertTrue(deepest > 10 && deepest < 200, "deepest " + deepest);
        assertArrayEquals(new Object[] {1_000_000L + deepest}, i.getFunc("nest").call(deepest, 1_000_000L));
        Trap t = assertThrows(Trap.class, () -> i.getFunc("nest").call(deepest + 1, 10L));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        // plain calls do count
        assertArrayEquals(new Object[] {10L}, i.getFunc("count_plain").call(10L, 0L));
        assertEquals(TrapCode.STACK_OVERFLOW, assertThrows(Trap.class, () -> i.getFunc("count_plain").call(1000L, 0L)).code());
    }

    private static boolean fits(Instance i, int depth) {
        try {
            i.getFunc("nest").call(depth, 10L);
            return true;
        } catch (Trap t) {
            assertEquals(TrapCode.STACK_OVERFLOW, t.code());
            return false;
        }
    }

    @Test
    void theReplacedFrameIsGoneFromTheBacktrace() {
        Trap t = assertThrows(Trap.class, () -> plain().getFunc("bt_a").call());
        assertEquals(TrapCode.UNREACHABLE, t.code());
        // as Wasmtime shows it: bt_c where bt_b was, called by bt_a
        assertEquals(List.of("bt_c", "bt_a"), t.backtrace().stream().map(WasmFrame::funcName).toList());
    }

    @Test
    void severalResultsAndAHostFunctionAsCallee() {
        Instance i = plain();
        assertArrayEquals(new Object[] {15L, 3.5}, i.getFunc("pair").call(5, 1.0, 0L));
        assertArrayEquals(new Object[] {3L, 1.0}, i.getFunc("pair").call(1, 0.5, 0L));
        assertArrayEquals(new Object[] {5L}, i.getFunc("to_host").call(2L, 3L));
        assertArrayEquals(new Object[] {11L}, i.getFunc("outer").call(10L));
    }

    @Test
    void tailCallsThroughA64BitTable() {
        Engine engine = new Engine();
        String wat = """
            (module
              (type $t (func (param i64) (result i64)))
              (table $tab i64 2 funcref)
              (elem (table $tab) (i64.const 0) func $down)
              (func $down (export "down") (type $t)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 42))
                  (else (return_call_indirect $tab (type $t) (i64.sub (local.get 0) (i64.const 1)) (i64.const 0)))))
              (func (export "far") (param i64) (result i64)
                (return_call_indirect $tab (type $t) (local.get 0) (i64.const 0x1_0000_0000))))
            """;
        Instance i = new Linker().instantiate(new Store(engine), engine.compileText(wat, "t64.wat"));
        assertArrayEquals(new Object[] {42L}, i.getFunc("down").call(1_000_000L));
        Trap trap = assertThrows(Trap.class, () -> i.getFunc("far").call(1L)); // index 2^32: not 0
        assertEquals(TrapCode.UNDEFINED_ELEMENT, trap.code());
    }

    @Test
    void v128AndReferenceArgumentsAndResults() {
        Engine engine = new Engine();
        Store store = new Store(engine);
        String wat = """
            (module
              (func $v (export "v") (param $n i32) (param $x v128) (param $r externref) (result v128 externref)
                (if (result v128 externref) (i32.eqz (local.get $n))
                  (then (local.get $x) (local.get $r))
                  (else (return_call $v (i32.sub (local.get $n) (i32.const 1))
                                        (i32x4.add (local.get $x) (v128.const i32x4 1 2 3 4)) (local.get $r)))))
              (func (export "lane") (param i32) (result i32)
                (i32x4.extract_lane 3 (call $v (local.get 0) (v128.const i32x4 0 0 0 7) (ref.null extern)) (drop))))
            """;
        Instance i = new Linker().instantiate(store, engine.compileText(wat, "v.wat"));
        assertArrayEquals(new Object[] {1_000_000 * 4 + 7}, i.getFunc("lane").call(1_000_000));
        Object ref = new Object();
        Object[] r = i.getFunc("v").call(3, new dev.bytelift.runtime.V128(0, 0), ref);
        assertEquals(ref, r[1]);
    }

    @Test
    void tailCallsIntoAnotherInstance() {
        Engine engine = new Engine();
        Store store = new Store(engine);
        Linker linker = new Linker();
        linker.defineFunction(store, "host", "add", LongBinaryOperator.class, (a, b) -> a + b);
        Instance a = linker.instantiate(store, engine.compile(wat()));
        linker.defineInstance("a", a);
        String b = """
            (module
              (import "a" "count" (func $count (param i64 i64) (result i64)))
              (import "a" "even" (func $even (param i64) (result i32)))
              (table funcref (elem $count))
              (func (export "direct") (param i64) (result i64) (return_call $count (local.get 0) (i64.const 1)))
              (func (export "indirect") (param i64) (result i64)
                (return_call_indirect (param i64 i64) (result i64) (local.get 0) (i64.const 2) (i32.const 0)))
              (func (export "even") (param i64) (result i32) (return_call $even (local.get 0))))
            """;
        Instance ib = linker.instantiate(store, engine.compileText(b, "b.wat"));
        assertArrayEquals(new Object[] {1_000_001L}, ib.getFunc("direct").call(1_000_000L));
        assertArrayEquals(new Object[] {1_000_002L}, ib.getFunc("indirect").call(1_000_000L));
        assertArrayEquals(new Object[] {1}, ib.getFunc("even").call(1_000_000L));
    }

    @Test
    void disabledTheyAreRejected() {
        Engine engine = new Engine(EngineConfig.builder().feature(dev.bytelift.runtime.Feature.TAIL_CALL, false).build());
        var e = assertThrows(dev.bytelift.runtime.DisabledFeatureException.class, () -> engine.compile(wat()));
        assertEquals(dev.bytelift.runtime.Feature.TAIL_CALL, e.feature());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("tail calls support is not enabled"), e.getMessage());
    }

    @Test
    void theEpochCheckFiresInATailRecursiveLoopWithoutALoopInstruction() throws InterruptedException {
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Store store = new Store(engine);
        Instance i = instantiate(engine, store);
        store.setEpochDeadline(1);
        Thread ticker = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            engine.incrementEpoch();
        });
        ticker.start();
        Trap t = assertThrows(Trap.class, () -> i.getFunc("spin").call(0L));
        ticker.join();
        assertEquals(TrapCode.INTERRUPT, t.code());
    }

    @Test
    void fuelRunsOutInATailRecursiveLoop() {
        Engine engine = new Engine(EngineConfig.builder().consumeFuel(true).build());
        Store store = new Store(engine);
        store.setFuel(1_000_000_000L);
        Instance i = instantiate(engine, store);
        store.setFuel(100_000);
        assertEquals(TrapCode.OUT_OF_FUEL, assertThrows(Trap.class, () -> i.getFunc("spin").call(0L)).code());
    }

    /** Split into regions of 8 instructions (a return_call inside a region), fuel and epochs on; and lazily compiled. */
    @ParameterizedTest
    @ValueSource(strings = {"split", "lazy"})
    void splitFunctionsAndLazyCompilation(String how) {
        EngineConfig.Builder b = EngineConfig.builder();
        if (how.equals("split")) b.splitFunctionsOver(0).regionInstructions(8).consumeFuel(true).epochInterruption(true);
        else b.lazyCompilation(true);
        Engine engine = new Engine(b.build());
        Store store = new Store(engine);
        if (how.equals("split")) {
            store.setFuel(Long.MAX_VALUE / 2);
            store.setEpochDeadline(Long.MAX_VALUE / 2);
        }
        Instance i = instantiate(engine, store);
        long n = 3_000_000L;
        assertArrayEquals(new Object[] {n + 7}, i.getFunc("count").call(n, 7L));
        assertArrayEquals(new Object[] {1}, i.getFunc("even").call(n));
        assertArrayEquals(new Object[] {1}, i.getFunc("even_i").call(n));
        assertArrayEquals(new Object[] {1}, i.getFunc("even_r").call(n));
        assertArrayEquals(new Object[] {15L, 3.5}, i.getFunc("pair").call(5, 1.0, 0L));
        assertArrayEquals(new Object[] {5L}, i.getFunc("to_host").call(2L, 3L));
        assertEquals(TrapCode.STACK_OVERFLOW, assertThrows(Trap.class, () -> i.getFunc("count_plain").call(n, 0L)).code());
        Trap t = assertThrows(Trap.class, () -> i.getFunc("bt_a").call());
        assertEquals(List.of("bt_c", "bt_a"), t.backtrace().stream().map(WasmFrame::funcName).toList());
    }
}
