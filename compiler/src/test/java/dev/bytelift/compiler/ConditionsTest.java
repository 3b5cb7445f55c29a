package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * A comparison fused with the {@code if} or {@code br_if} after it (translate/Conditions) takes the
 * branch exactly when the comparison's own 0/1 is 1: every comparison operator, on edge values
 * (signs, unsigned wrap-around, NaN, signed zeros, infinities), through {@code if}, a plain
 * {@code br_if} and a {@code br_if} carrying a value, in every golden configuration (split
 * functions included, where a region may start at the branch).
 */
class ConditionsTest {
    private static final String[] I32 = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
    private static final String[] F = {"eq", "ne", "lt", "gt", "le", "ge"};

    @Test
    void fusedBranchesAgreeWithTheComparisonsValue() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String op : I32) add(wat, "i32", "i32." + op, 2);
        for (String op : I32) add(wat, "i64", "i64." + op, 2);
        for (String op : F) add(wat, "f32", "f32." + op, 2);
        for (String op : F) add(wat, "f64", "f64." + op, 2);
        add(wat, "i32", "i32.eqz", 1);
        add(wat, "i64", "i64.eqz", 1);
        wat.append(")");
        List<Object> ints = List.of(0, 1, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1);
        List<Object> longs = List.of(0L, 1L, -1L, 2L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, Long.MIN_VALUE + 1);
        List<Object> floats = List.of(0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE);
        List<Object> doubles = List.of(0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE);
        int checked = 0;
        for (GoldenConfig config : GoldenConfig.values()) {
            Engine engine = new Engine(config.engineConfig());
            Module module = engine.compileText(wat.toString(), "conditions.wat");
            Store store = new Store(engine);
            if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance inst = new Linker().instantiate(store, module);
            checked += check(inst, I32, "i32.", ints, config);
            checked += check(inst, I32, "i64.", longs, config);
            checked += check(inst, F, "f32.", floats, config);
            checked += check(inst, F, "f64.", doubles, config);
            checked += check(inst, new String[] {"eqz"}, "i32.", ints, config);
            checked += check(inst, new String[] {"eqz"}, "i64.", longs, config);
        }
        assertEquals(4 * (10 * 49 + 10 * 64 + 6 * 64 + 6 * 64 + 7 + 8) * 3, checked);
    }

    /** Functions v_OP (the value), if_OP, brif_OP (plain br_if) and brv_OP (br_if with a value). */
    private static void add(StringBuilder wat, String type, String op, int arity) {
        String name = op.replace('.', '_');
        String params = arity == 2 ? "(param " + type + " " + type + ")" : "(param " + type + ")";
        String args = arity == 2 ? "(local.get 0) (local.get 1)" : "(local.get 0)";
        String cmp = "(" + op + " " + args + ")";
        wat.append(" (func (export \"v_").append(name).append("\") ").append(params).append(" (result i32) ").append(cmp).append(")\n");
        wat.append(" (func (export \"if_").append(name).append("\") ").append(params)
                .append(" (result i32) (if (result i32) ").append(cmp).append(" (then (i32.const 1)) (else (i32.const 0))))\n");
        wat.append(" (func (export \"brif_").append(name).append("\") ").append(params)
                .append(" (result i32) (block (br_if 0 ").append(cmp).append(") (return (i32.const 0))) (i32.const 1))\n");
        wat.append(" (func (export \"brv_").append(name).append("\") ").append(params)
                .append(" (result i32) (block (result i32) (drop (br_if 0 (i32.const 1) ").append(cmp).append(")) (i32.const 0)))\n");
    }

    private static int check(Instance inst, String[] ops, String prefix, List<Object> values, GoldenConfig config) {
        int n = 0;
        for (String op : ops) {
            String name = (prefix + op).replace('.', '_');
            boolean unary = op.equals("eqz");
            for (Object a : values) {
                for (Object b : unary ? List.of((Object) 0) : values) {
                    Object[] args = unary ? new Object[] {a} : new Object[] {a, b};
                    Object expected = inst.getFunc("v_" + name).call(args)[0];
                    for (String form : new String[] {"if_", "brif_", "brv_"}) {
                        assertEquals(expected, inst.getFunc(form + name).call(args)[0],
                                form + name + " " + java.util.Arrays.toString(args) + " " + config.dirName);
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
