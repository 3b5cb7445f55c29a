package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/**
 * What epoch checks take from a loop's budget (translate/EpochCheck), read off the generated code:
 * a loop header its weight (the bytes to the body's end, so a heavy body weighs more), a direct
 * call of a bounded function its size, an indirect call the most a bounded function may have
 * (1,024), and a bulk operator is followed by a check; a bounded function has no check at all.
 */
class EpochWeightTest {
    private static String padding(int n) {
        return "(global.set $x (i64.add (global.get $x) (i64.const 3)))\n".repeat(n);
    }

    private static final String WAT = """
            (module
              (type $t (func (result i32)))
              (table 1 funcref)
              (memory 1)
              (global $x (mut i64) (i64.const 0))
              (func $leaf (result i32) (i32.const 1))
              (func $tight (export "tight") (loop $l (br $l)))
              (func $heavy (export "heavy") (loop $l
            """ + padding(600) + """
                (br $l)))
              (func $calls (export "calls") (loop $l
                (drop (call $leaf))
                (drop (call_indirect (type $t) (i32.const 0)))
                (memory.fill (i32.const 0) (i32.const 0) (i32.const 100))
                (br $l)))
            )
            """;

    /** The generated method of the function exported as {@code name} (its text, up to the next method). */
    private static String method(String text, String name) {
        int at = text.indexOf("_" + name + "(");
        assertTrue(at >= 0, name + " not found");
        int end = text.indexOf("// access flags", at);
        return end < 0 ? text.substring(at) : text.substring(at, end);
    }

    private static List<Integer> iincs(String method) {
        List<Integer> deltas = new ArrayList<>();
        Matcher m = Pattern.compile("IINC \\d+ (-?\\d+)").matcher(method);
        while (m.find()) deltas.add(Integer.parseInt(m.group(1)));
        return deltas;
    }

    @Test
    void budgetsAreTakenByWeight() {
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Map<String, byte[]> classes = ByteliftCompiler.emitClasses(engine,
                dev.bytelift.compiler.text.Wat.toBinary(WAT, "epoch-weight.wat"), "EpochWeight");
        String text = ClassText.render(classes);
        List<Integer> tight = iincs(method(text, "tight"));
        assertEquals(1, tight.size(), text);
        assertTrue(-tight.get(0) >= 1 && -tight.get(0) <= 8, "tight loop weight " + tight);
        List<Integer> heavy = iincs(method(text, "heavy"));
        assertTrue(heavy.size() == 1 && -heavy.get(0) >= 600 * 7, "heavy loop weight " + heavy);
        String calls = method(text, "calls");
        List<Integer> deltas = iincs(calls);
        // the header's weight, the bounded $leaf's size (4 bytes: no locals, i32.const 1, end), an indirect call
        assertEquals(3, deltas.size(), calls);
        assertEquals(-4, deltas.get(1));
        assertEquals(-1024, deltas.get(2));
        int fill = calls.indexOf("MemoryOps.fill");
        assertTrue(fill > 0 && calls.indexOf("epochDeadline", fill) > 0, "memory.fill is followed by a check: " + calls);
        String leaf = method(text, "leaf");
        assertFalse(leaf.contains("epoch"), "a bounded function checks nothing: " + leaf);
    }
}
