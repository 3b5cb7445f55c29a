package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.V128;

/**
 * Issue 20: valid functions whose operand stack holds tens of thousands of values, or whose blocks
 * and results carry tens of thousands, compile (deep-stack mode, translate/DeepStack) and compute
 * what a plain Java model of the same code computes, in every golden configuration (plain, fuel and
 * epochs, split finely, both), on a 512 KiB thread stack.
 */
class DeepStackTest {
    /** 100,000 constants, then 99,999 adds: the shape. */
    @Test
    void hundredThousandValuesOnTheStack() {
        int n = 100_000;
        StringBuilder w = new StringBuilder("(module (func (export \"f\") (param i32) (result i32)\n");
        for (int i = 0; i < n; i++) w.append(i % 1000 == 0 ? "local.get 0\n" : "i32.const " + (i * 7 + 1) + "\n");
        for (int i = 0; i < n - 1; i++) w.append(i % 3 == 0 ? "i32.xor\n" : "i32.add\n");
        w.append("))");
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            for (int arg : new int[] {0, 5, -123456}) {
                // the model: the same stack machine
                int[] stack = new int[n];
                int h = 0;
                for (int i = 0; i < n; i++) stack[h++] = i % 1000 == 0 ? arg : i * 7 + 1;
                for (int i = 0; i < n - 1; i++) {
                    int b = stack[--h], a = stack[--h];
                    stack[h++] = i % 3 == 0 ? a ^ b : a + b;
                }
                assertEquals(stack[0], call(inst, "f", arg)[0], config + " " + arg);
            }
        }
    }

    /**
     * 6,000 groups of one value of each type (i32, i64, f32, f64, v128, externref, funcref) on the
     * stack at once, then folded into a hash from the top down, through locals: every value must
     * come back where it was, with its type's exact bits (NaN payloads, signed zeros, null refs).
     */
    @Test
    void mixedTypesOnADeepStack() {
        int groups = 6_000;
        StringBuilder w = new StringBuilder("(module (func $g) (elem declare func $g)\n"
                + "(func (export \"f\") (param $x externref) (result i64)\n"
                + "(local $i i32) (local $l i64) (local $s f32) (local $d f64) (local $v v128) (local $e externref)"
                + " (local $fr funcref) (local $h i64)\n");
        for (int g = 0; g < groups; g++) {
            w.append("i32.const ").append(g * 3 - 7).append('\n');
            w.append("i64.const ").append((long) g * 0x1_0000_0001L ^ 0x5555L).append('\n');
            w.append("f32.const ").append(g % 5 == 0 ? "-0" : g % 7 == 0 ? "nan:0x12345" : (g + 0.5f) + "").append('\n');
            w.append("f64.const ").append(g % 11 == 0 ? "-nan:0x123456789" : (g * 1.25) + "").append('\n');
            w.append("v128.const i64x2 ").append(g).append(' ').append(-g - 1).append('\n');
            w.append(g % 2 == 0 ? "local.get $x\n" : "ref.null extern\n");
            w.append(g % 3 == 0 ? "ref.func $g\n" : "ref.null func\n");
        }
        String mix = "local.get $h i64.const 31 i64.mul i64.add local.set $h\n";
        for (int g = 0; g < groups; g++) {
            w.append("local.set $fr local.get $fr ref.is_null i64.extend_i32_u ").append(mix);
            w.append("local.set $e local.get $e ref.is_null i64.extend_i32_u ").append(mix);
            w.append("local.set $v local.get $v i64x2.extract_lane 0 ").append(mix)
                    .append("local.get $v i64x2.extract_lane 1 ").append(mix);
            w.append("local.set $d local.get $d i64.reinterpret_f64 ").append(mix);
            w.append("local.set $s local.get $s i32.reinterpret_f32 i64.extend_i32_u ").append(mix);
            w.append("local.set $l local.get $l ").append(mix);
            w.append("local.set $i local.get $i i64.extend_i32_s ").append(mix);
        }
        w.append("local.get $h))");
        long h = 0;
        for (int g = groups - 1; g >= 0; g--) {
            h = h * 31 + (g % 3 == 0 ? 0 : 1);
            h = h * 31 + (g % 2 == 0 ? 0 : 1);
            h = h * 31 + g;
            h = h * 31 + (-g - 1);
            h = h * 31 + (g % 11 == 0 ? 0xFFF0_0001_2345_6789L : Double.doubleToRawLongBits(g * 1.25));
            int f = g % 5 == 0 ? 0x8000_0000 : g % 7 == 0 ? 0x7F81_2345 : Float.floatToRawIntBits(g + 0.5f);
            h = h * 31 + Integer.toUnsignedLong(f);
            h = h * 31 + ((long) g * 0x1_0000_0001L ^ 0x5555L);
            h = h * 31 + (g * 3 - 7);
        }
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            assertEquals(h, call(inst, "f", "host object")[0], config.toString());
        }
    }

    /** A function with 50,000 results, returned to the host, and a block with 50,000 results, summed. */
    @Test
    void fiftyThousandResults() {
        int n = 50_000;
        StringBuilder w = new StringBuilder("(module\n(func (export \"results\") (param i32) (result");
        for (int i = 0; i < n; i++) w.append(" i32");
        w.append(")\n");
        for (int i = 0; i < n; i++) w.append(i == n / 2 ? "local.get 0\n" : "i32.const " + (i * 13) + "\n");
        // a caller of it, which keeps the 50,000 results and checks them
        w.append(")\n(func (export \"caller\") (param i32) (result i32) (local $s i32)\n");
        w.append("i32.const 5 local.get 0 call 0\n");
        for (int i = 0; i < n; i++) w.append("i32.const ").append(i).append(" i32.mul local.get $s i32.add local.set $s\n");
        w.append("i32.const 5 i32.sub local.get $s i32.add)\n");
        w.append("(func (export \"block\") (param i32) (result i32) (block (result");
        for (int i = 0; i < n; i++) w.append(" i32");
        w.append(")\n");
        for (int i = 0; i < n; i++) w.append(i == 3 ? "local.get 0\n" : "i32.const " + i + "\n");
        w.append(")\n");
        for (int i = 0; i < n - 1; i++) w.append("i32.add\n");
        w.append("))");
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            Object[] results = call(inst, "results", 99);
            assertEquals(n, results.length);
            for (int i = 0; i < n; i++) assertEquals(i == n / 2 ? 99 : i * 13, results[i], config + " result " + i);
            int weighted = 0;
            for (int i = n - 1; i >= 0; i--) weighted += (i == n / 2 ? 99 : i * 13) * (n - 1 - i);
            assertEquals(weighted, call(inst, "caller", 99)[0], config + " caller");
            int sum = 0;
            for (int i = 0; i < n; i++) sum += i == 3 ? -4 : i;
            assertEquals(sum, call(inst, "block", -4)[0], config.toString());
        }
    }

    /**
     * A block of 50,000 parameters (and two results) and a loop of 2,000 parameters that goes
     * round 3 times: block types past the 250 JVM parameter slots a function may take compile, as
     * their parameters never become a method's.
     */
    @Test
    void fiftyThousandBlockParameters() {
        int n = 50_000;
        StringBuilder w = new StringBuilder("(module\n(type $b (func (param");
        for (int i = 0; i < n; i++) w.append(i % 2 == 0 ? " i32" : " i64");
        w.append(") (result i64 i32)))\n(type $l (func (param");
        for (int i = 0; i < 2000; i++) w.append(" i32");
        w.append(")))\n(func (export \"f\") (param $x i32) (result i64 i32) (local $c i32) (local $d i64) (local $acc i64)\n");
        for (int i = 0; i < n; i++) w.append(i % 2 == 0 ? "i32.const " + i : "i64.const " + (long) i * i).append('\n');
        w.append("(block (type $b)\n");
        // fold the (i32, i64) pairs from the top into an i64 sum
        for (int i = 0; i < n / 2; i++) {
            w.append(i == 0 ? "" : "local.set $acc ").append("local.set $d local.set $c local.get $acc local.get $d i64.add")
                    .append(" local.get $c i64.extend_i32_s i64.add\n");
        }
        w.append("local.get $x)\n)\n");
        w.append("(func (export \"g\") (result i32) (local $c i32)\n");
        for (int i = 0; i < 2000; i++) w.append("i32.const ").append(i).append('\n');
        w.append("(loop $l (type $l)\n");
        w.append("local.get $c i32.const 1 i32.add local.tee $c i32.const 3 i32.lt_u br_if $l\n");
        for (int i = 0; i < 1999; i++) w.append("i32.add\n");
        w.append("drop)\nlocal.get $c))");
        long sum = 0;
        for (int i = 0; i < n; i++) sum += i % 2 == 0 ? i : (long) i * i;
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            Object[] r = call(inst, "f", 77);
            assertEquals(sum, r[0], config.toString());
            assertEquals(77, r[1], config.toString());
            assertEquals(3, call(inst, "g")[0], config.toString());
        }
    }

    /**
     * Exception handling with wide labels: a {@code try_table} of 100 results whose catch clause
     * goes to a block of 100 results, the tag's 100 values thrown from an {@code if}, over 1,200
     * values the function keeps under them.
     */
    @Test
    void wideCatchLabels() {
        StringBuilder w = new StringBuilder("(module\n(type $t (func (param");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append(") (result");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append(")))\n(tag $e (param");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append("))\n(func (export \"f\") (param $k i32) (result i32) (local $r i32)\n");
        for (int i = 0; i < 1200; i++) w.append("i64.const ").append(i).append('\n');
        w.append("(block $h (result");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append(")\n(try_table (result");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append(") (catch $e $h)\n");
        for (int i = 0; i < 100; i++) w.append("i32.const ").append(i * 2).append('\n');
        w.append("local.get $k (if (type $t) (then throw $e)))\n");
        w.append("i32.const 1 i32.add)\n"); // only when nothing was thrown
        for (int i = 0; i < 99; i++) w.append("i32.add\n");
        w.append("local.set $r\n");
        for (int i = 1199; i >= 0; i--) w.append("i64.const ").append(i).append(" i64.ne if unreachable end\n"); // checks them
        w.append("local.get $r))");
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            assertEquals(9901, call(inst, "f", 0)[0], config + " no throw");
            assertEquals(9900, call(inst, "f", 1)[0], config + " caught");
        }
    }

    /**
     * Branches carrying thousands of values: {@code br}, {@code br_if} and {@code br_table} out of
     * nested blocks with other values under the carried ones, {@code return} from inside blocks, a
     * function returning mixed types (v128, references, f64), and a loop whose 100 parameters
     * (more than a label keeps on the JVM stack) go round 1,000 times.
     */
    @Test
    void wideBranchesReturnsAndLoops() {
        int n = 3_000;
        StringBuilder w = new StringBuilder("(module\n");
        // $pick and $pickl: br_table (small, large) / br_if / br to the outer block with n values, from under garbage
        for (String name : new String[] {"pick", "pickl"}) {
            w.append("(func (export \"").append(name).append("\") (param $k i32) (result i32) (local $s i32)\n(block $out (result");
            for (int i = 0; i < n; i++) w.append(" i32");
            w.append(")\n(block $inner\n");
            for (int i = 0; i < 500; i++) w.append("i64.const ").append(i).append('\n'); // garbage under
            w.append("local.get $k i32.eqz br_if $inner\n"); // k=0: to $inner, dropping the garbage
            for (int i = 0; i < n; i++) w.append("i32.const ").append(i * 5).append('\n');
            w.append("local.get $k i32.const 1 i32.eq br_if $out\n"); // k=1
            w.append("local.get $k br_table ").append(" $out".repeat(name.equals("pick") ? 3 : 1100)).append(" $out\n)\n"); // k>1
            for (int i = 0; i < n; i++) w.append("i32.const ").append(-i).append('\n'); // after $inner
            w.append("local.get $k i32.eqz br_if $out\n");
            w.append("br $out\n)\n");
            for (int i = 0; i < n - 1; i++) w.append("i32.add\n");
            w.append(")\n");
        }
        // $ret: return n mixed values from inside two blocks, over garbage
        w.append("(func (export \"ret\") (param $x externref) (result");
        for (int i = 0; i < n; i++) w.append(i % 3 == 0 ? " v128" : i % 3 == 1 ? " externref" : " f64");
        w.append(")\n(block (block\n");
        for (int i = 0; i < 300; i++) w.append("f32.const ").append(i).append('\n');
        for (int i = 0; i < n; i++) {
            w.append(i % 3 == 0 ? "v128.const i32x4 " + i + " 1 2 " + -i : i % 3 == 1 ? (i % 2 == 0 ? "local.get $x" : "ref.null extern")
                    : "f64.const " + (i + 0.25)).append('\n');
        }
        w.append("return))\nunreachable)\n");
        // $loop: 100 parameters go round: each time the top two swap and the top one gets the counter added
        w.append("(type $t100 (func (param");
        for (int i = 0; i < 100; i++) w.append(" i32");
        w.append(") (result i32)))\n(func (export \"loop\") (param $c i32) (result i32) (local $a i32) (local $b i32)\n");
        for (int i = 0; i < 100; i++) w.append("i32.const ").append(i * 3).append('\n');
        for (int i = 0; i < 1200; i++) w.append("i64.const 1\n"); // makes the function deep
        for (int i = 0; i < 1200; i++) w.append("drop\n");
        w.append("(loop $l (type $t100)\n");
        w.append("local.get $c i32.const 1 i32.sub local.set $c\n");
        w.append("local.set $a local.set $b local.get $a local.get $b local.get $c i32.add\n");
        w.append("local.get $c br_if $l\n");
        for (int i = 0; i < 99; i++) w.append(i % 2 == 0 ? "i32.xor\n" : "i32.sub\n");
        w.append(")\n)\n)");
        for (GoldenConfig config : GoldenConfig.values()) {
            Instance inst = instantiate(config, w.toString());
            int base = 0;
            for (int i = 0; i < n; i++) base += i * 5;
            int negative = 0;
            for (int i = 0; i < n; i++) negative -= i;
            for (String name : new String[] {"pick", "pickl"}) {
                assertEquals(negative, call(inst, name, 0)[0], config + " " + name + " k=0");
                assertEquals(base, call(inst, name, 1)[0], config + " " + name + " k=1");
                assertEquals(base, call(inst, name, 2)[0], config + " " + name + " k=2");
                assertEquals(base, call(inst, name, 7)[0], config + " " + name + " k=7");
                assertEquals(base, call(inst, name, 5000)[0], config + " " + name + " k=5000");
            }
            Object host = new Object();
            Object[] r = call(inst, "ret", host);
            assertEquals(n, r.length);
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) assertEquals(new V128(i | (1L << 32), 2 | ((long) -i << 32)), r[i], config + " " + i);
                else if (i % 3 == 1 && i % 2 == 0) assertSame(host, r[i], config + " " + i);
                else if (i % 3 == 1) assertNull(r[i], config + " " + i);
                else assertEquals(i + 0.25, r[i], config + " " + i);
            }
            assertEquals(loopModel(1), call(inst, "loop", 1)[0], config + " loop");
            assertEquals(loopModel(1000), call(inst, "loop", 1000)[0], config + " loop");
        }
    }

    /** What $loop computes. */
    private static int loopModel(int c) {
        int[] q = new int[100];
        for (int i = 0; i < 100; i++) q[i] = i * 3;
        do {
            c--;
            int top = q[99];
            q[99] = q[98] + c;
            q[98] = top;
        } while (c != 0);
        int[] stack = q.clone();
        int h = 100;
        for (int i = 0; i < 99; i++) {
            int y = stack[--h], x = stack[--h];
            stack[h++] = i % 2 == 0 ? x ^ y : x - y;
        }
        return stack[0];
    }

    /** The configuration being checked (for messages). */
    private static GoldenConfig current;

    private static Instance instantiate(GoldenConfig config, String wat) {
        current = config;
        Engine engine = new Engine(config.engineConfig());
        Module module = engine.compileText(wat, "deep.wat");
        Store store = new Store(engine);
        if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        return new Linker().instantiate(store, module);
    }

    /** Calls an export on a thread with a 512 KiB stack (deep stacks must not need a deep JVM stack). */
    private static Object[] call(Instance inst, String name, Object... args) {
        AtomicReference<Object[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(inst.getFunc(name).call(args));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "deep-stack-test", 512 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure.get() != null) throw new AssertionError(name + " failed in " + current, failure.get());
        return result.get();
    }
}
