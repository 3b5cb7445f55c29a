package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.V128;

/**
 * A constant expression of a module (global or table initialiser, segment offset, element item)
 * as instantiation evaluates it ({@link ModuleImage}): the compiler's {@code ConstExpr} in a form
 * the runtime evaluates without the compiler, for compiled and ahead-of-time modules alike.
 *
 * @param op one of the {@code *} constants below
 * @param bits the constant's raw bits (the low half of a v128)
 * @param bitsHi the high half of a v128
 * @param index the function of {@code ref.func}, the global of {@code global.get}
 * @param code for {@link #SEQUENCE} (extended constant expressions), its single operators in order
 */
public record InitExpr(int op, long bits, long bitsHi, int index, InitExpr[] code) {
    public static final int I32 = 0, I64 = 1, F32 = 2, F64 = 3, V128_CONST = 4, REF_NULL = 5, REF_FUNC = 6, GLOBAL_GET = 7,
            SEQUENCE = 8, I32_ADD = 9, I32_SUB = 10, I32_MUL = 11, I64_ADD = 12, I64_SUB = 13, I64_MUL = 14;
    /** The highest operator constant. */
    public static final int LAST = I64_MUL;

    /** The value, boxed as the embedding API boxes values. Consumes no fuel (as Wasmtime). */
    public Object eval(VMContext ctx) {
        return switch (op) {
            case I32 -> (int) bits;
            case I64 -> bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
            case V128_CONST -> new V128(bits, bitsHi);
            case REF_NULL -> null;
            case REF_FUNC -> ctx.funcs[index];
            case GLOBAL_GET -> ctx.globals[index].api.get();
            case SEQUENCE -> sequence(ctx);
            default -> throw new IllegalStateException("not a constant operator: " + op);
        };
    }

    /** An extended constant expression: i32 and i64 values only, on an explicit stack (no recursion). */
    private Object sequence(VMContext ctx) {
        long[] stack = new long[code.length];
        int sp = 0;
        for (InitExpr e : code) {
            switch (e.op) {
                case I32, I64 -> stack[sp++] = e.bits;
                case GLOBAL_GET -> {
                    Object v = ctx.globals[e.index].api.get();
                    stack[sp++] = v instanceof Integer i ? i : (Long) v;
                }
                // i32 results are kept wrapped, so that the final (int) cast is exact
                case I32_ADD -> { sp--; stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp]; }
                case I32_SUB -> { sp--; stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp]; }
                case I32_MUL -> { sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; }
                case I64_ADD -> { sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; }
                case I64_SUB -> { sp--; stack[sp - 1] = stack[sp - 1] - stack[sp]; }
                case I64_MUL -> { sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; }
                default -> throw new IllegalStateException("not an extended constant operator: " + e.op);
            }
        }
        int last = code[code.length - 1].op;
        return last == I32_ADD || last == I32_SUB || last == I32_MUL ? (Object) (int) stack[0] : (Object) stack[0];
    }
}
