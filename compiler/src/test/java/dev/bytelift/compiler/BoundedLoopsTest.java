package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Loops of a small fixed number of iterations have no epoch check at their header
 * (translate/BoundedLoops): read off the generated code, each function below has its entry check
 * (it loops) and a loop check only if its loop is not provably bounded. Each near miss changes
 * one thing of the recognised shape; every one of them could run for ever or for billions of
 * iterations, and must keep its check.
 */
class BoundedLoopsTest {
    /** {@code i32.const INIT; local.set $i; loop ... $i += STEP; br_if (COND)}, the shape clang emits. */
    private static String loop(String name, int init, int step, String cond, String body) {
        return "(func $" + name + " (param $p i32) (local $i i32) (local $s i32)\n"
                + "  (i32.const " + init + ") (local.set $i)\n"
                + "  (loop $l\n"
                + "    " + body + "\n"
                + "    (local.get $i) (i32.const " + step + ") (i32.add) (local.tee $i)\n"
                + "    " + cond + "\n"
                + "    (br_if $l)))\n";
    }

    private static final String STORE = "(i32.store (local.get $i) (local.get $p))";

    private static final String WAT = "(module (memory 1) (func $f)\n"
            // bounded
            + loop("up_ne", 0, 8, "(i32.const 1024) (i32.ne)", STORE)
            + loop("down_to_zero", -4096, 16, "", STORE)
            + loop("down_ne", 640, -64, "(i32.const 0) (i32.ne)", STORE)
            + loop("lt_u", 0, 4, "(i32.const 400) (i32.lt_u)", STORE)
            // not bounded
            + loop("never_equal", 1, 2, "(i32.const 100) (i32.ne)", STORE)          // odd start, even step: never 100
            + loop("too_long", 0, 1, "(i32.const 1000000) (i32.ne)", STORE)         // a million iterations
            + loop("calls", 0, 8, "(i32.const 1024) (i32.ne)", "(call $f)")
            + loop("writes_i", 0, 8, "(i32.const 1024) (i32.ne)", "(local.set $i (local.get $p))")
            + loop("signed_lt", 0, 4, "(i32.const 400) (i32.lt_s)", STORE)          // not recognised: keeps it
            + loop("grows", 0, 8, "(i32.const 1024) (i32.ne)", "(drop (memory.grow (i32.const 0)))")
            + loop("fills", 0, 8, "(i32.const 1024) (i32.ne)", "(memory.fill (i32.const 0) (i32.const 0) (local.get $p))")
            + loop("two_back_edges", 0, 8, "(i32.const 1024) (i32.ne)", "(br_if $l (local.get $p))")
            + loop("inner_loop", 0, 8, "(i32.const 1024) (i32.ne)", "(loop $m (br_if $m (local.get $p)))")
            // INIT unknown (no i32.const before the set): ne cannot be bounded
            + "(func $unknown_init (param $p i32) (local $i i32)\n"
            + "  (local.set $i (local.get $p))\n"
            + "  (loop $l (local.get $i) (i32.const 8) (i32.add) (local.tee $i) (i32.const 1024) (i32.ne) (br_if $l)))\n"
            + ")";

    private static int checks(String text, String name) {
        return BoundedEpochChecksTest.method(text, name).split("Epochs\\.(check|reached)", -1).length - 1;
    }

    @Test
    void boundedLoopsHaveNoHeaderCheck() {
        String text = BoundedEpochChecksTest.epochCode(WAT, "BoundedLoops");
        for (String f : new String[] {"up_ne", "down_to_zero", "down_ne", "lt_u"}) {
            assertEquals(1, checks(text, f), f + ": the entry check only");
        }
        for (String f : new String[] {"never_equal", "too_long", "calls", "writes_i", "signed_lt", "grows", "fills",
                "two_back_edges", "unknown_init"}) {
            assertEquals(2, checks(text, f), f + ": entry and loop header");
        }
        assertEquals(3, checks(text, "inner_loop"), "inner_loop: entry and both headers");
    }

    /** An endless loop around a bounded one is still interrupted: at its own header. */
    @Test
    void anEndlessLoopAroundABoundedOneIsInterrupted() throws Exception {
        String wat = "(module (func $spin (export \"spin\") (local $i i32) (local $s i32)\n"
                + "  (loop $outer\n"
                + "    (i32.const 0) (local.set $i)\n"
                + "    (loop $l (local.set $s (i32.add (local.get $s) (local.get $i)))\n"
                + "      (local.get $i) (i32.const 1) (i32.add) (local.tee $i) (i32.const 1000) (i32.ne) (br_if $l))\n"
                + "    (br $outer))))";
        assertEquals(2, checks(BoundedEpochChecksTest.epochCode(wat, "Spin"), "spin"),
                "entry and the outer loop's header, not the inner one's");
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        byte[] wasm = dev.bytelift.compiler.text.Wat.toBinary(wat, "spin.wat");
        Store store = new Store(engine);
        store.setEpochDeadline(1);
        Instance instance = new Linker().instantiate(store, engine.compile(wasm));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                instance.getFunc("spin").call();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(20);
        engine.incrementEpoch();
        t.join(10_000);
        assertTrue(!t.isAlive(), "still spinning 10 s after the deadline");
        assertEquals(TrapCode.INTERRUPT, ((Trap) thrown.get()).code());
    }
}
