package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Comparisons that feed a branch: {@code i32.lt_s} followed by {@code br_if} or {@code if} becomes
 * one {@code if_icmplt} (unsigned i32: both sign bits flipped first; an {@code lcmp}/{@code fcmpg}/
 * {@code Long.compareUnsigned} and an {@code ifXX} for the other types) instead of a helper call that returns 0/1 and an {@code ifne}. The
 * driver ({@link FunctionTranslator}) leaves such a comparison's operands on the JVM stack when the
 * next operator is {@code br_if} or {@code if}, and the branch asks {@link #jump} for its
 * conditional jump. In the JVM's interpreter a call costs many times a branch, and C1 gets smaller
 * methods with fewer inlining decisions (docs/performance.md §15).
 *
 * <p>Floating-point comparisons pick {@code fcmpl} or {@code fcmpg} so that a NaN operand makes the
 * comparison false (and {@code ne} true); the jump for "false" tests the same comparison result with
 * the opposite condition, which is exactly the negation.
 */
final class Conditions implements Opcodes {
    private Conditions() { }

    /** Whether {@code op} is a comparison that can be fused with the branch after it. */
    static boolean fusable(Op op) {
        return condition(op) != 0;
    }

    /** Whether the operator starting with {@code opcode} takes a condition: {@code br_if} or {@code if}. */
    static boolean takesCondition(int opcode) {
        return opcode == Op.BR_IF.firstByte() || opcode == Op.IF.firstByte();
    }

    /**
     * Emits the jump to {@code target} taken when comparison {@code op} (its operands on the
     * stack) is {@code whenTrue}.
     */
    static void jump(CodeEmitter e, Op op, boolean whenTrue, Label target) {
        switch (op) {
            case I64_EQZ -> {
                e.lconst(0);
                e.insn(LCMP);
            }
            case I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S -> e.insn(LCMP);
            case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U -> {
                // flipping both sign bits turns the unsigned order into the signed one: no call
                e.iconst(Integer.MIN_VALUE);
                e.insn(IXOR);
                e.insn(SWAP);
                e.iconst(Integer.MIN_VALUE);
                e.insn(IXOR);
                e.insn(SWAP);
            }
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> e.invokeStatic("java/lang/Long", "compareUnsigned", "(JJ)I");
            // NaN: fcmpl gives -1, fcmpg +1; each picks the one for which the test fails
            case F32_EQ, F32_NE, F32_GT, F32_GE -> e.insn(FCMPL);
            case F32_LT, F32_LE -> e.insn(FCMPG);
            case F64_EQ, F64_NE, F64_GT, F64_GE -> e.insn(DCMPL);
            case F64_LT, F64_LE -> e.insn(DCMPG);
            default -> { }
        }
        int jump = condition(op);
        e.jump(whenTrue ? jump : negate(jump), target);
    }

    /** The jump taken when {@code op} is true, once the compare instruction (if any) has run; 0 if not a comparison. */
    private static int condition(Op op) {
        return switch (op) {
            case I32_EQZ -> IFEQ;
            case I32_EQ -> IF_ICMPEQ;
            case I32_NE -> IF_ICMPNE;
            case I32_LT_S -> IF_ICMPLT;
            case I32_GT_S -> IF_ICMPGT;
            case I32_LE_S -> IF_ICMPLE;
            case I32_GE_S -> IF_ICMPGE;
            case I64_EQZ, I64_EQ, F32_EQ, F64_EQ -> IFEQ;
            case I64_NE, F32_NE, F64_NE -> IFNE;
            case I32_LT_U -> IF_ICMPLT;
            case I32_GT_U -> IF_ICMPGT;
            case I32_LE_U -> IF_ICMPLE;
            case I32_GE_U -> IF_ICMPGE;
            case I64_LT_S, I64_LT_U, F32_LT, F64_LT -> IFLT;
            case I64_GT_S, I64_GT_U, F32_GT, F64_GT -> IFGT;
            case I64_LE_S, I64_LE_U, F32_LE, F64_LE -> IFLE;
            case I64_GE_S, I64_GE_U, F32_GE, F64_GE -> IFGE;
            default -> 0;
        };
    }

    private static int negate(int jump) {
        return switch (jump) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            case IF_ICMPEQ -> IF_ICMPNE;
            case IF_ICMPNE -> IF_ICMPEQ;
            case IF_ICMPLT -> IF_ICMPGE;
            case IF_ICMPGE -> IF_ICMPLT;
            case IF_ICMPGT -> IF_ICMPLE;
            case IF_ICMPLE -> IF_ICMPGT;
            default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
        };
    }
}
