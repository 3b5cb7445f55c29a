package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.internal.VMContext;

/** Evaluates constant expressions at instantiation. */
final class ConstEvaluator {
    private ConstEvaluator() {}

    /** The value, boxed as the embedding API boxes values. */
    static Object eval(ConstExpr e, VMContext ctx) {
        switch (e.opcode()) {
            case ConstExpr.I32_CONST: return (int) e.bits();
            case ConstExpr.I64_CONST: return e.bits();
            case ConstExpr.F32_CONST: return Float.intBitsToFloat((int) e.bits());
            case ConstExpr.F64_CONST: return Double.longBitsToDouble(e.bits());
            case ConstExpr.V128_CONST: return new V128(e.bits(), e.bitsHi());
            case ConstExpr.REF_NULL: return null;
            case ConstExpr.REF_FUNC: return ctx.funcs[e.index()];
            case ConstExpr.GLOBAL_GET: return ctx.globals[e.index()].get();
            default: throw new IllegalStateException("not a constant instruction: " + e.opcode());
        }
    }
}
