package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/**
 * Which functions check the epoch (translate/EpochCheck), read off the generated code: a function
 * without loops or calls and of at most 1 KiB is bounded and has no check; one with a loop, one
 * with a call and one over 1 KiB each check at entry (and the loop at its header); and which
 * shape each check takes.
 */
class BoundedEpochChecksTest {
    private static final String WAT = """
            (module
              (global $x (mut i64) (i64.const 0))
              (func $leaf (result i32) (i32.const 1))
              (func $looping (loop $l (br $l)))
              (func $calling (result i32) (call $leaf))
              (func $long
            """ + "(global.set $x (i64.add (global.get $x) (i64.const 3)))\n".repeat(200) + """
              )
            )
            """;

    /** The generated method of the function named {@code name} (its text, up to the next method). */
    static String method(String text, String name) {
        int at = text.indexOf("_" + name + "(");
        assertTrue(at >= 0, name + " not found");
        int end = text.indexOf("// access flags", at);
        return end < 0 ? text.substring(at) : text.substring(at, end);
    }

    /** The text of the classes {@code wat} compiles to with epoch checks on. */
    static String epochCode(String wat, String name) {
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Map<String, byte[]> classes = ByteliftCompiler.emitClasses(engine,
                dev.bytelift.compiler.text.Wat.toBinary(wat, name + ".wat"), name);
        return ClassText.render(classes);
    }

    @Test
    void onlyUnboundedFunctionsCheck() {
        String text = epochCode(WAT, "Bounded");
        assertFalse(method(text, "leaf").contains("Epochs."), "a bounded function checks nothing");
        String looping = method(text, "looping");
        assertTrue(looping.indexOf("Epochs.check") != looping.lastIndexOf("Epochs.check"), "entry and loop header: " + looping);
        assertTrue(method(text, "calling").contains("Epochs.check"), "a function that calls checks at entry");
        assertTrue(method(text, "long").contains("Epochs.check"), "a body over 1 KiB checks at entry");
    }

    /**
     * The header of a loop around another loop compares in line and calls only the slow path
     * ({@code Epochs.reached}); the entry and the innermost loop's header call the shared
     * {@code Epochs.check} (EpochCheck's Javadoc says why).
     */
    @Test
    void loopsAroundLoopsCompareInLine() {
        String text = epochCode("""
                (module
                  (func $nest (param $n i32)
                    (loop $outer
                      (loop $inner (br_if $inner (local.get $n)))
                      (br_if $outer (local.get $n)))))
                """, "Nest");
        String nest = method(text, "nest");
        assertTrue(nest.split("Epochs\\.check", -1).length - 1 == 2, "entry and inner loop: " + nest);
        assertTrue(nest.split("Epochs\\.reached", -1).length - 1 == 1, "outer loop: " + nest);
        assertTrue(nest.indexOf("LCMP") >= 0 && nest.indexOf("LCMP") < nest.indexOf("Epochs.reached"), nest);
    }

    /**
     * A loop whose every iteration first calls a function that checks on entry has no check of its
     * own at its header (that call's check comes once per iteration); a loop calling a bounded
     * function, or calling only on some iterations, keeps its check.
     */
    @Test
    void loopsThatFirstCallACheckingFunctionLeaveTheCheckToIt() {
        String text = epochCode("""
                (module
                  (func $rec (param $n i32) (result i32)
                    (if (result i32) (local.get $n)
                      (then (call $rec (i32.sub (local.get $n) (i32.const 1))))
                      (else (i32.const 0))))
                  (func $leaf (result i32) (i32.const 1))
                  (func $callsFirst (param $n i32)
                    (loop $l
                      (block $b (drop (call $rec (local.get $n))))
                      (br_if $l (local.get $n))))
                  (func $callsLeaf (param $n i32)
                    (loop $l (drop (call $leaf)) (br_if $l (local.get $n))))
                  (func $callsSometimes (param $n i32)
                    (loop $l
                      (if (local.get $n) (then (drop (call $rec (local.get $n)))))
                      (br_if $l (local.get $n)))))
                """, "CallsFirst");
        assertTrue(checks(method(text, "callsFirst")) == 1, "entry only: " + method(text, "callsFirst"));
        assertTrue(checks(method(text, "callsLeaf")) == 2, "a bounded callee does not check: " + method(text, "callsLeaf"));
        assertTrue(checks(method(text, "callsSometimes")) == 2, "not every iteration calls: " + method(text, "callsSometimes"));
    }

    private static int checks(String method) {
        return method.split("Epochs\\.check", -1).length - 1;
    }
}
