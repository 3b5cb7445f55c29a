package dev.bytelift.compiler.decode;

import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;

/**
 * An upper bound, kept while the skimmer reads a body, of what the validator's {@code stackShape}
 * measures: the most values above the innermost block's start, and the most JVM slots a label
 * (a block type, the function's results) carries. Sound for every valid body, so that a body
 * it does not flag can never need deep-stack mode (translate/DeepStack), which the exact probe
 * then confirms or not for the bodies it flags.
 *
 * <p>Each operator's effect is taken from the same typing the validator uses: the operator
 * table's fixed signatures, and for the rest the types their immediates name (calls' function
 * types, block types, tags). Pops are counted only when certain and pushes always, so the count
 * never falls below the real height: in unreachable code (where the validator's stack restarts
 * at the block's start) it just stays higher. An index that names nothing (an invalid body, which
 * validation reports) counts as a type without values.
 */
final class StackBound {
    /** Past this many values (or slots of a label) a body is flagged. */
    private final int limit;
    private final ModuleInfo m;
    /** Heights are saturated here, far past any limit, so that no sum overflows. */
    private static final long CAP = 1L << 40;

    private long height;
    private boolean deep;
    /** Per open block: the height under it and its result count. */
    private long[] outer = new long[16];
    private int[] results = new int[16];
    private int[] params = new int[16];
    private boolean[] loop = new boolean[16];
    private int depth;
    private final int functionResults;

    StackBound(ModuleInfo m, FuncType type, int limit) {
        this.m = m;
        this.limit = limit;
        if (type != null && wideLabel(type)) deep = true;
        functionResults = type == null ? 0 : type.resultCount();
    }

    /** Whether the body may need deep-stack mode (once true, stays true). */
    boolean deep() {
        return deep;
    }

    /** Accounts for {@code op}, whose immediates {@code r} has just read. */
    void after(Op op, OperatorReader r) {
        if (deep) return;
        if (op.hasSignature()) {
            push(op.results().length, op.params().length);
            return;
        }
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> open(r, op == Op.IF ? 1 : 0, op == Op.LOOP);
            case ELSE -> height = depth > 0 ? params[depth - 1] : 0;
            case CATCH -> height = depth > 0 ? tagParams(r.index()) : 0;
            case CATCH_ALL -> height = 0;
            case END, DELEGATE -> close();
            case CALL, RETURN_CALL -> call(funcType(r.index()), 0);
            case CALL_INDIRECT, RETURN_CALL_INDIRECT, CALL_REF, RETURN_CALL_REF -> call(type(r.index()), 1);
            case THROW -> push(0, tagParams(r.index()));
            case UNREACHABLE, NOP, BR, RETURN, RETHROW -> { }
            // these pop and push back their label's values (in unreachable code the pops take
            // nothing, and the pushes count): br_on_non_null one fewer, which only raises the count
            case BR_IF -> push(labelArity(r.index()), labelArity(r.index()) + 1L);
            case BR_ON_NULL, BR_ON_NON_NULL -> push(labelArity(r.index()) + 1L, labelArity(r.index()));
            case LOCAL_TEE, TABLE_GET, REF_IS_NULL, REF_AS_NON_NULL -> push(1, 1);
            case BR_TABLE, DROP, LOCAL_SET, GLOBAL_SET, THROW_REF -> push(0, 1);
            case TABLE_GROW -> push(1, 2);
            case SELECT, SELECT_TYPED -> push(1, 3);
            case TABLE_SET -> push(0, 2);
            case TABLE_INIT, TABLE_COPY, TABLE_FILL -> push(0, 3);
            // local.get, global.get, ref.null, ref.func, table.size; and any operator not listed
            // (each pushes at most one value; its pops are ignored, which only raises the count)
            default -> push(1, 0);
        }
    }

    private void push(long pushes, long pops) {
        height = Math.min(CAP, Math.max(0, height - pops) + pushes);
        if (height > limit) deep = true;
    }

    private void call(FuncType t, int extraPops) {
        if (t == null) push(0, extraPops);
        else push(t.resultCount(), (long) t.paramCount() + extraPops);
    }

    private void open(OperatorReader r, int cond, boolean isLoop) {
        long code = r.blockType();
        FuncType bt = code >= 0 && code < m.types.size() ? m.types.get((int) code) : null;
        int p = bt == null ? 0 : bt.paramCount();
        int res = bt != null ? bt.resultCount() : code < 0 && code != -64 ? 1 : 0;
        // a value takes at most 4 slots: only a type of more than limit / 4 values can be wide
        if (bt != null ? p + res > limit / 4 && wideLabel(bt) : res == 1 && r.valType().slots() > limit) {
            deep = true;
            return;
        }
        if (depth == outer.length) {
            outer = java.util.Arrays.copyOf(outer, depth * 2);
            results = java.util.Arrays.copyOf(results, depth * 2);
            params = java.util.Arrays.copyOf(params, depth * 2);
            loop = java.util.Arrays.copyOf(loop, depth * 2);
        }
        loop[depth] = isLoop;
        outer[depth] = Math.max(0, height - p - cond);
        results[depth] = res;
        params[depth] = p;
        depth++;
        height = p; // a block's parameters are its first values
    }

    private void close() {
        if (depth == 0) return; // the function's end
        depth--;
        height = outer[depth];
        push(results[depth], 0);
    }

    /** How many values a branch to relative depth {@code label} carries (0 if there is no such label). */
    private int labelArity(int label) {
        if (Integer.compareUnsigned(label, depth) > 0) return 0;
        if (label == depth) return functionResults;
        int k = depth - 1 - label;
        return loop[k] ? params[k] : results[k];
    }

    private FuncType type(int index) {
        return Integer.compareUnsigned(index, m.types.size()) < 0 ? m.types.get(index) : null;
    }

    private FuncType funcType(int f) {
        return Integer.compareUnsigned(f, m.funcCount()) < 0 ? m.funcType(f) : null;
    }

    private int tagParams(int tag) {
        if (Integer.compareUnsigned(tag, m.tagTypes.size()) >= 0) return 0;
        FuncType t = type(m.tagTypes.get(tag));
        return t == null ? 0 : t.paramCount();
    }

    /** Whether the parameters or results of {@code t} take more JVM slots than the limit (a value takes at most 4). */
    private boolean wideLabel(FuncType t) {
        return slots(t.params()) > limit || slots(t.results()) > limit;
    }

    private static long slots(java.util.List<ValType> types) {
        long n = 0;
        for (ValType t : types) n += t.slots();
        return n;
    }
}
