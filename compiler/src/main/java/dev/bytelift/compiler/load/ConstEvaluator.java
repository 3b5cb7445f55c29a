package dev.bytelift.compiler.load;

import java.util.List;
import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.internal.VMContext;

/**
 * Evaluates constant expressions at instantiation. Like Wasmtime, this consumes no fuel: constant
 * expressions are not metered.
 */
final class ConstEvaluator {
    private ConstEvaluator() {}

    /** The value, boxed as the embedding API boxes values. */
    static Object eval(ConstExpr e, VMContext ctx) {
        if (e.code() != null) return evalSequence(e.code(), ctx);
        return switch (e.op()) {
            case I32_CONST -> (int) e.bits();
            case I64_CONST -> e.bits();
            case F32_CONST -> Float.intBitsToFloat((int) e.bits());
            case F64_CONST -> Double.longBitsToDouble(e.bits());
            case V128_CONST -> new V128(e.bits(), e.bitsHi());
            case REF_NULL -> null;
            case REF_FUNC -> ctx.funcs[e.index()];
            case GLOBAL_GET -> ctx.globals[e.index()].api.get();
            default -> throw new IllegalStateException("not a constant operator: " + e.op());
        };
    }

    /**
     * An extended constant expression, validated: every value in it is an {@code i32} or an
     * {@code i64} (only those have arithmetic here, and nothing else can be consumed), held as a
     * long on an explicit stack (no recursion however deep the expression nests).
     */
    private static Object evalSequence(List<ConstExpr> code, VMContext ctx) {
        long[] stack = new long[code.size()];
        int sp = 0;
        for (ConstExpr e : code) {
            switch (e.op()) {
                case I32_CONST, I64_CONST -> stack[sp++] = e.bits();
                case GLOBAL_GET -> {
                    Object v = ctx.globals[e.index()].api.get();
                    stack[sp++] = v instanceof Integer i ? i : (Long) v;
                }
                // i32 results are kept wrapped, so that the final (int) cast is exact
                case I32_ADD -> { sp--; stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp]; }
                case I32_SUB -> { sp--; stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp]; }
                case I32_MUL -> { sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; }
                case I64_ADD -> { sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; }
                case I64_SUB -> { sp--; stack[sp - 1] = stack[sp - 1] - stack[sp]; }
                case I64_MUL -> { sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; }
                default -> throw new IllegalStateException("not an extended constant operator: " + e.op());
            }
        }
        return switch (code.get(code.size() - 1).op()) {
            case I32_ADD, I32_SUB, I32_MUL -> (int) stack[0];
            default -> stack[0];
        };
    }
}
