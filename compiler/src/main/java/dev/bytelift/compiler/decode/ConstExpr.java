package dev.bytelift.compiler.decode;

/**
 * A constant expression (global initialiser, segment offset, element item): in WebAssembly 2.0
 * exactly one constant instruction.
 *
 * @param opcode the instruction: {@code i32.const} (0x41), {@code i64.const}, {@code f32.const},
 *     {@code f64.const}, {@link #V128_CONST}, {@code ref.null} (0xD0), {@code ref.func} (0xD2)
 *     or {@code global.get} (0x23)
 * @param bits the constant's raw bits (the low half of a v128)
 * @param bitsHi the high half of a v128 constant
 * @param index the function or global index of {@code ref.func} / {@code global.get}
 */
public record ConstExpr(int opcode, long bits, long bitsHi, int index) {
    public static final int I32_CONST = 0x41;
    public static final int I64_CONST = 0x42;
    public static final int F32_CONST = 0x43;
    public static final int F64_CONST = 0x44;
    public static final int GLOBAL_GET = 0x23;
    public static final int REF_NULL = 0xD0;
    public static final int REF_FUNC = 0xD2;
    /** {@code v128.const} (0xFD 12), encoded here as one int. */
    public static final int V128_CONST = 0xFD0C;

    public static ConstExpr refFunc(int index) {
        return new ConstExpr(REF_FUNC, 0, 0, index);
    }
}
