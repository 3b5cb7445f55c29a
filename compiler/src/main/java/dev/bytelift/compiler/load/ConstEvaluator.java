package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.internal.VMContext;

/** Evaluates constant expressions at instantiation. */
final class ConstEvaluator {
    private ConstEvaluator() {}

    /** The value, boxed as the embedding API boxes values. */
    static Object eval(ConstExpr e, VMContext ctx) {
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
}
