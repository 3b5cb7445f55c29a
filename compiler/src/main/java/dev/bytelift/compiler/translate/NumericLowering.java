package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.NUM;
import static dev.bytelift.runtime.ValType.F32;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * Constants, comparisons, arithmetic, conversions, sign extension and saturating truncation: one
 * JVM instruction where it has the Wasm semantics, otherwise a small static helper (in
 * {@code NumericOps} or the JDK) that C2 inlines. Comparisons return 0/1 through helpers, which
 * keeps generated code free of branches and stack-map frames.
 */
final class NumericLowering extends Lowering {
    NumericLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            // ---- constants
            case I32_CONST -> { v.push(I32); e().iconst((int) r.bits()); }
            case I64_CONST -> { v.push(I64); e().lconst(r.bits()); }
            case F32_CONST -> { v.push(F32); e().fconst((int) r.bits()); }
            case F64_CONST -> { v.push(F64); e().dconst(r.bits()); }
            // ---- i32 comparisons
            case I32_EQZ -> unaryCall(I32, I32, NUM, "i32Eqz");
            case I32_EQ -> binaryCall(I32, I32, NUM, "i32Eq");
            case I32_NE -> binaryCall(I32, I32, NUM, "i32Ne");
            case I32_LT_S -> binaryCall(I32, I32, NUM, "i32LtS");
            case I32_LT_U -> binaryCall(I32, I32, NUM, "i32LtU");
            case I32_GT_S -> binaryCall(I32, I32, NUM, "i32GtS");
            case I32_GT_U -> binaryCall(I32, I32, NUM, "i32GtU");
            case I32_LE_S -> binaryCall(I32, I32, NUM, "i32LeS");
            case I32_LE_U -> binaryCall(I32, I32, NUM, "i32LeU");
            case I32_GE_S -> binaryCall(I32, I32, NUM, "i32GeS");
            case I32_GE_U -> binaryCall(I32, I32, NUM, "i32GeU");
            // ---- i64 comparisons
            case I64_EQZ -> unaryCall(I64, I32, NUM, "i64Eqz");
            case I64_EQ -> binaryCall(I64, I32, NUM, "i64Eq");
            case I64_NE -> binaryCall(I64, I32, NUM, "i64Ne");
            case I64_LT_S -> binaryCall(I64, I32, NUM, "i64LtS");
            case I64_LT_U -> binaryCall(I64, I32, NUM, "i64LtU");
            case I64_GT_S -> binaryCall(I64, I32, NUM, "i64GtS");
            case I64_GT_U -> binaryCall(I64, I32, NUM, "i64GtU");
            case I64_LE_S -> binaryCall(I64, I32, NUM, "i64LeS");
            case I64_LE_U -> binaryCall(I64, I32, NUM, "i64LeU");
            case I64_GE_S -> binaryCall(I64, I32, NUM, "i64GeS");
            case I64_GE_U -> binaryCall(I64, I32, NUM, "i64GeU");
            // ---- f32 / f64 comparisons
            case F32_EQ -> binaryCall(F32, I32, NUM, "f32Eq");
            case F32_NE -> binaryCall(F32, I32, NUM, "f32Ne");
            case F32_LT -> binaryCall(F32, I32, NUM, "f32Lt");
            case F32_GT -> binaryCall(F32, I32, NUM, "f32Gt");
            case F32_LE -> binaryCall(F32, I32, NUM, "f32Le");
            case F32_GE -> binaryCall(F32, I32, NUM, "f32Ge");
            case F64_EQ -> binaryCall(F64, I32, NUM, "f64Eq");
            case F64_NE -> binaryCall(F64, I32, NUM, "f64Ne");
            case F64_LT -> binaryCall(F64, I32, NUM, "f64Lt");
            case F64_GT -> binaryCall(F64, I32, NUM, "f64Gt");
            case F64_LE -> binaryCall(F64, I32, NUM, "f64Le");
            case F64_GE -> binaryCall(F64, I32, NUM, "f64Ge");
            // ---- i32 arithmetic
            case I32_CLZ -> unaryCall(I32, I32, "java/lang/Integer", "numberOfLeadingZeros");
            case I32_CTZ -> unaryCall(I32, I32, "java/lang/Integer", "numberOfTrailingZeros");
            case I32_POPCNT -> unaryCall(I32, I32, "java/lang/Integer", "bitCount");
            case I32_ADD -> binary(I32, IADD);
            case I32_SUB -> binary(I32, ISUB);
            case I32_MUL -> binary(I32, IMUL);
            case I32_DIV_S -> binaryCall(I32, I32, NUM, "i32DivS");
            case I32_DIV_U -> binaryCall(I32, I32, NUM, "i32DivU");
            case I32_REM_S -> binaryCall(I32, I32, NUM, "i32RemS");
            case I32_REM_U -> binaryCall(I32, I32, NUM, "i32RemU");
            case I32_AND -> binary(I32, IAND);
            case I32_OR -> binary(I32, IOR);
            case I32_XOR -> binary(I32, IXOR);
            case I32_SHL -> binary(I32, ISHL);
            case I32_SHR_S -> binary(I32, ISHR);
            case I32_SHR_U -> binary(I32, IUSHR);
            case I32_ROTL -> binaryCall(I32, I32, "java/lang/Integer", "rotateLeft");
            case I32_ROTR -> binaryCall(I32, I32, "java/lang/Integer", "rotateRight");
            // ---- i64 arithmetic
            case I64_CLZ -> { unaryCall(I64, I32, "java/lang/Long", "numberOfLeadingZeros"); widenTopToI64(); }
            case I64_CTZ -> { unaryCall(I64, I32, "java/lang/Long", "numberOfTrailingZeros"); widenTopToI64(); }
            case I64_POPCNT -> { unaryCall(I64, I32, "java/lang/Long", "bitCount"); widenTopToI64(); }
            case I64_ADD -> binary(I64, LADD);
            case I64_SUB -> binary(I64, LSUB);
            case I64_MUL -> binary(I64, LMUL);
            case I64_DIV_S -> binaryCall(I64, I64, NUM, "i64DivS");
            case I64_DIV_U -> binaryCall(I64, I64, NUM, "i64DivU");
            case I64_REM_S -> binaryCall(I64, I64, NUM, "i64RemS");
            case I64_REM_U -> binaryCall(I64, I64, NUM, "i64RemU");
            case I64_AND -> binary(I64, LAND);
            case I64_OR -> binary(I64, LOR);
            case I64_XOR -> binary(I64, LXOR);
            case I64_SHL -> shift64(LSHL);
            case I64_SHR_S -> shift64(LSHR);
            case I64_SHR_U -> shift64(LUSHR);
            case I64_ROTL -> rotate64("rotateLeft");
            case I64_ROTR -> rotate64("rotateRight");
            // ---- f32 arithmetic
            case F32_ABS -> unaryCall(F32, F32, NUM, "f32Abs");
            case F32_NEG -> unaryCall(F32, F32, NUM, "f32Neg");
            case F32_CEIL -> unaryCall(F32, F32, NUM, "f32Ceil");
            case F32_FLOOR -> unaryCall(F32, F32, NUM, "f32Floor");
            case F32_TRUNC -> unaryCall(F32, F32, NUM, "f32Trunc");
            case F32_NEAREST -> unaryCall(F32, F32, NUM, "f32Nearest");
            case F32_SQRT -> unaryCall(F32, F32, NUM, "f32Sqrt");
            case F32_ADD -> binary(F32, FADD);
            case F32_SUB -> binary(F32, FSUB);
            case F32_MUL -> binary(F32, FMUL);
            case F32_DIV -> binary(F32, FDIV);
            case F32_MIN -> binaryCall(F32, F32, NUM, "f32Min");
            case F32_MAX -> binaryCall(F32, F32, NUM, "f32Max");
            case F32_COPYSIGN -> binaryCall(F32, F32, NUM, "f32Copysign");
            // ---- f64 arithmetic
            case F64_ABS -> unaryCall(F64, F64, NUM, "f64Abs");
            case F64_NEG -> unaryCall(F64, F64, NUM, "f64Neg");
            case F64_CEIL -> unaryCall(F64, F64, NUM, "f64Ceil");
            case F64_FLOOR -> unaryCall(F64, F64, NUM, "f64Floor");
            case F64_TRUNC -> unaryCall(F64, F64, NUM, "f64Trunc");
            case F64_NEAREST -> unaryCall(F64, F64, NUM, "f64Nearest");
            case F64_SQRT -> unaryCall(F64, F64, NUM, "f64Sqrt");
            case F64_ADD -> binary(F64, DADD);
            case F64_SUB -> binary(F64, DSUB);
            case F64_MUL -> binary(F64, DMUL);
            case F64_DIV -> binary(F64, DDIV);
            case F64_MIN -> binaryCall(F64, F64, NUM, "f64Min");
            case F64_MAX -> binaryCall(F64, F64, NUM, "f64Max");
            case F64_COPYSIGN -> binaryCall(F64, F64, NUM, "f64Copysign");
            // ---- conversions
            case I32_WRAP_I64 -> convert(I64, I32, L2I);
            case I32_TRUNC_F32_S -> unaryCall(F32, I32, NUM, "i32TruncF32S");
            case I32_TRUNC_F32_U -> unaryCall(F32, I32, NUM, "i32TruncF32U");
            case I32_TRUNC_F64_S -> unaryCall(F64, I32, NUM, "i32TruncF64S");
            case I32_TRUNC_F64_U -> unaryCall(F64, I32, NUM, "i32TruncF64U");
            case I64_EXTEND_I32_S -> convert(I32, I64, I2L);
            case I64_EXTEND_I32_U -> unaryCall(I32, I64, "java/lang/Integer", "toUnsignedLong");
            case I64_TRUNC_F32_S -> unaryCall(F32, I64, NUM, "i64TruncF32S");
            case I64_TRUNC_F32_U -> unaryCall(F32, I64, NUM, "i64TruncF32U");
            case I64_TRUNC_F64_S -> unaryCall(F64, I64, NUM, "i64TruncF64S");
            case I64_TRUNC_F64_U -> unaryCall(F64, I64, NUM, "i64TruncF64U");
            case F32_CONVERT_I32_S -> convert(I32, F32, I2F);
            case F32_CONVERT_I32_U -> unaryCall(I32, F32, NUM, "f32ConvertI32U");
            case F32_CONVERT_I64_S -> convert(I64, F32, L2F);
            case F32_CONVERT_I64_U -> unaryCall(I64, F32, NUM, "f32ConvertI64U");
            case F32_DEMOTE_F64 -> convert(F64, F32, D2F);
            case F64_CONVERT_I32_S -> convert(I32, F64, I2D);
            case F64_CONVERT_I32_U -> unaryCall(I32, F64, NUM, "f64ConvertI32U");
            case F64_CONVERT_I64_S -> convert(I64, F64, L2D);
            case F64_CONVERT_I64_U -> unaryCall(I64, F64, NUM, "f64ConvertI64U");
            case F64_PROMOTE_F32 -> convert(F32, F64, F2D);
            case I32_REINTERPRET_F32 -> unaryCall(F32, I32, "java/lang/Float", "floatToRawIntBits");
            case I64_REINTERPRET_F64 -> unaryCall(F64, I64, "java/lang/Double", "doubleToRawLongBits");
            case F32_REINTERPRET_I32 -> unaryCall(I32, F32, "java/lang/Float", "intBitsToFloat");
            case F64_REINTERPRET_I64 -> unaryCall(I64, F64, "java/lang/Double", "longBitsToDouble");
            // ---- sign extension
            case I32_EXTEND8_S -> convert(I32, I32, I2B);
            case I32_EXTEND16_S -> convert(I32, I32, I2S);
            case I64_EXTEND8_S -> { convert(I64, I32, L2I); e().insn(I2B); e().insn(I2L); v.pop(); v.push(I64); }
            case I64_EXTEND16_S -> { convert(I64, I32, L2I); e().insn(I2S); e().insn(I2L); v.pop(); v.push(I64); }
            case I64_EXTEND32_S -> { convert(I64, I32, L2I); e().insn(I2L); v.pop(); v.push(I64); }
            // ---- non-trapping float-to-int (0xFC)
            case I32_TRUNC_SAT_F32_S -> convert(F32, I32, F2I);
            case I32_TRUNC_SAT_F32_U -> unaryCall(F32, I32, NUM, "i32TruncSatF32U");
            case I32_TRUNC_SAT_F64_S -> convert(F64, I32, D2I);
            case I32_TRUNC_SAT_F64_U -> unaryCall(F64, I32, NUM, "i32TruncSatF64U");
            case I64_TRUNC_SAT_F32_S -> convert(F32, I64, F2L);
            case I64_TRUNC_SAT_F32_U -> unaryCall(F32, I64, NUM, "i64TruncSatF32U");
            case I64_TRUNC_SAT_F64_S -> convert(F64, I64, D2L);
            case I64_TRUNC_SAT_F64_U -> unaryCall(F64, I64, NUM, "i64TruncSatF64U");
            default -> throw new IllegalStateException("not a numeric operator: " + op);
        }
    }

    private void binary(ValType t, int jvmOpcode) {
        v.pop(t);
        v.pop(t);
        v.push(t);
        e().insn(jvmOpcode);
    }

    private void binaryCall(ValType in, ValType out, String owner, String name) {
        v.pop(in);
        v.pop(in);
        v.push(out);
        e().invokeStatic(owner, name, "(" + desc(in) + desc(in) + ")" + desc(out));
    }

    private void unaryCall(ValType in, ValType out, String owner, String name) {
        v.pop(in);
        v.push(out);
        e().invokeStatic(owner, name, "(" + desc(in) + ")" + desc(out));
    }

    private void convert(ValType from, ValType to, int jvmOpcode) {
        v.pop(from);
        v.push(to);
        e().insn(jvmOpcode);
    }

    private void widenTopToI64() {
        v.pop(I32);
        v.push(I64);
        e().insn(I2L);
    }

    /** A 64-bit shift: the JVM takes the count as an int (and masks it as Wasm does). */
    private void shift64(int jvmOpcode) {
        v.pop(I64);
        v.pop(I64);
        v.push(I64);
        e().insn(L2I);
        e().insn(jvmOpcode);
    }

    private void rotate64(String name) {
        v.pop(I64);
        v.pop(I64);
        v.push(I64);
        e().insn(L2I);
        e().invokeStatic("java/lang/Long", name, "(JI)J");
    }
}
