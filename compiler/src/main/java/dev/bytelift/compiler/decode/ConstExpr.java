package dev.bytelift.compiler.decode;

import java.util.List;

/**
 * A constant expression (global initialiser, segment offset, element item): one operator allowed
 * in constant expressions ({@link Op.F#CONSTANT}), or, with extended constant expressions, a
 * sequence of them ending in {@code i32}/{@code i64} {@code add}, {@code sub} or {@code mul}.
 *
 * @param op the (last) operator: {@code i32.const}, {@code i64.const}, {@code f32.const},
 *     {@code f64.const}, {@code v128.const}, {@code ref.null}, {@code ref.func}, {@code global.get},
 *     or for a sequence an arithmetic operator
 * @param bits the constant's raw bits (the low half of a v128; for {@code ref.null} 0 for
 *     {@code funcref}, 1 for {@code externref})
 * @param bitsHi the high half of a v128 constant
 * @param index the function or global index of {@code ref.func} / {@code global.get}
 * @param code null for a single operator; for a sequence (extended constant expressions) its
 *     operators in order, each a single operator
 */
public record ConstExpr(Op op, long bits, long bitsHi, int index, List<ConstExpr> code) {
    /** A single operator. */
    public ConstExpr(Op op, long bits, long bitsHi, int index) {
        this(op, bits, bitsHi, index, null);
    }

    public static ConstExpr refFunc(int index) {
        return new ConstExpr(Op.REF_FUNC, 0, 0, index);
    }

    /** {@code ops} (single operators) as one expression: itself if there is just one. */
    public static ConstExpr sequence(List<ConstExpr> ops) {
        ConstExpr last = ops.get(ops.size() - 1);
        if (ops.size() == 1) return last;
        return new ConstExpr(last.op, last.bits, last.bitsHi, last.index, List.copyOf(ops));
    }
}
