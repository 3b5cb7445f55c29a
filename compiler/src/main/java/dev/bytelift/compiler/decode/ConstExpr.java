package dev.bytelift.compiler.decode;

/**
 * A constant expression (global initialiser, segment offset, element item): in WebAssembly 2.0
 * exactly one operator allowed in constant expressions ({@link Op.F#CONSTANT}).
 *
 * @param op the operator: {@code i32.const}, {@code i64.const}, {@code f32.const}, {@code f64.const},
 *     {@code v128.const}, {@code ref.null}, {@code ref.func} or {@code global.get}
 * @param bits the constant's raw bits (the low half of a v128; for {@code ref.null} 0 for
 *     {@code funcref}, 1 for {@code externref})
 * @param bitsHi the high half of a v128 constant
 * @param index the function or global index of {@code ref.func} / {@code global.get}
 */
public record ConstExpr(Op op, long bits, long bitsHi, int index) {
    public static ConstExpr refFunc(int index) {
        return new ConstExpr(Op.REF_FUNC, 0, 0, index);
    }
}
