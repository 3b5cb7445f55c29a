package dev.bytelift.testmodules.limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * Runaway recursions that cross instances (issue 18: the frames between two instances' code are
 * method handles and import stubs, not a function's own frame): two instances of one store calling
 * each other through an import and a {@code call_indirect} of the other's function, through two
 * {@code call_indirect}s, and through a host function calling the other instance's export
 * (re-entry). Says how each ended, as {@link StackFrames} does: {@code limit}, {@code jvm} (a JVM
 * StackOverflowError made a trap) or what else was thrown.
 */
public final class CrossInstanceFrames {
    static final List<String> SHAPES = List.of("import+indirect", "indirect+indirect", "host re-entry");

    /** B: g calls whatever is in its exported table's slot 0, indirectly. */
    private static final String B = """
            (module
              (type $t (func (param i32) (result i32)))
              (table (export "t") 2 funcref)
              (func (export "g") (param i32) (result i32)
                (i32.add (i32.const 1) (call_indirect (type $t) (local.get 0) (i32.const 0)))))
            """;

    /** A: f calls B's g through an import, and A's element segment puts f into B's table. */
    private static final String A_IMPORT = """
            (module
              (import "b" "g" (func $g (param i32) (result i32)))
              (import "b" "t" (table 2 funcref))
              (elem (i32.const 0) $f)
              (func $f (export "f") (param i32) (result i32)
                (i32.add (i32.const 1) (call $g (local.get 0)))))
            """;

    /** A: f calls slot 1 of B's table (B's g, put there by A), indirectly. */
    private static final String A_INDIRECT = """
            (module
              (type $t (func (param i32) (result i32)))
              (import "b" "g" (func $g (param i32) (result i32)))
              (import "b" "t" (table 2 funcref))
              (elem (i32.const 0) $f $g)
              (func $f (export "f") (param i32) (result i32)
                (i32.add (i32.const 1) (call_indirect (type $t) (local.get 0) (i32.const 1)))))
            """;

    /** A: f calls a host function, which calls B's g; B's table slot 0 holds f. */
    private static final String A_HOST = """
            (module
              (import "host" "g" (func $g (param i32) (result i32)))
              (import "b" "t" (table 2 funcref))
              (elem (i32.const 0) $f)
              (func $f (export "f") (param i32) (result i32)
                (i32.add (i32.const 1) (call $g (local.get 0)))))
            """;

    private CrossInstanceFrames() {}

    /** How each shape's recursion ended under {@code config}, in {@link #SHAPES} order. */
    static List<String> run(EngineConfig config) {
        Engine engine = new Engine(config);
        Module b = engine.compile(B.getBytes(StandardCharsets.UTF_8));
        List<String> outcomes = new ArrayList<>();
        for (String a : List.of(A_IMPORT, A_INDIRECT, A_HOST)) {
            Store store = new Store(engine);
            if (config.consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (config.epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance bi = new Linker(engine).instantiate(store, b);
            Linker linker = new Linker(engine).defineInstance("b", bi);
            linker.defineFunction("host", "g", HostFn.I_I.class, (caller, n) -> (int) bi.getFunc("g").call(n)[0]);
            Instance ai = linker.instantiate(store, engine.compile(a.getBytes(StandardCharsets.UTF_8)));
            Func f = ai.getFunc("f");
            String outcome = StackFrames.outcome(() -> f.call(0));
            // the store stays usable: the same recursion traps the same way again
            if (!outcome.equals(StackFrames.outcome(() -> f.call(0)))) outcome = "store unusable after " + outcome;
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** {@link #run} on a new thread of {@code stackSize} bytes (0: the JVM's default size). */
    static List<String> runOnThread(EngineConfig config, long stackSize) throws InterruptedException {
        return StackFrames.onThread(() -> run(config), stackSize);
    }

    /**
     * In a child JVM without {@code -Xss}: prints the outcomes with the default limit on the main
     * thread, then on a {@code new Thread(task)}, one line each.
     */
    public static void main(String[] args) throws InterruptedException {
        StackFrames.printOutcomes(args, CrossInstanceFrames::run);
    }
}
