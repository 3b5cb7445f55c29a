package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.NUM;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * Constants, comparisons, arithmetic, conversions, sign extension and saturating truncation: one
 * JVM instruction where it has the Wasm semantics, otherwise a small static helper (in
 * {@code NumericOps} or the JDK) that C2 inlines, called with the operator's signature.
 * Comparisons return 0/1 through helpers, which keeps generated code free of branches and
 * stack-map frames, except where a {@code br_if} or {@code if} takes the result: there the driver
 * fuses the two into one conditional jump ({@link Conditions}). The operator table types every numeric operator, so the driver validates them.
 */
final class NumericLowering extends Lowering {
    NumericLowering(FunctionTranslator t) {
        super(t);
    }

    /** The operator being lowered (a fused comparison is lowered after the reader has moved on to its branch). */
    private Op op;

    @Override
    void lower(Op op) {
        this.op = op;
        switch (op) {
            // ---- constants
            case I32_CONST -> e().iconst((int) r.bits());
            case I64_CONST -> e().lconst(r.bits());
            case F32_CONST -> e().fconst((int) r.bits());
            case F64_CONST -> e().dconst(r.bits());
            // ---- i32 comparisons
            case I32_EQZ -> call(NUM, "i32Eqz");
            case I32_EQ -> call(NUM, "i32Eq");
            case I32_NE -> call(NUM, "i32Ne");
            case I32_LT_S -> call(NUM, "i32LtS");
            case I32_LT_U -> call(NUM, "i32LtU");
            case I32_GT_S -> call(NUM, "i32GtS");
            case I32_GT_U -> call(NUM, "i32GtU");
            case I32_LE_S -> call(NUM, "i32LeS");
            case I32_LE_U -> call(NUM, "i32LeU");
            case I32_GE_S -> call(NUM, "i32GeS");
            case I32_GE_U -> call(NUM, "i32GeU");
            // ---- i64 comparisons
            case I64_EQZ -> call(NUM, "i64Eqz");
            case I64_EQ -> call(NUM, "i64Eq");
            case I64_NE -> call(NUM, "i64Ne");
            case I64_LT_S -> call(NUM, "i64LtS");
            case I64_LT_U -> call(NUM, "i64LtU");
            case I64_GT_S -> call(NUM, "i64GtS");
            case I64_GT_U -> call(NUM, "i64GtU");
            case I64_LE_S -> call(NUM, "i64LeS");
            case I64_LE_U -> call(NUM, "i64LeU");
            case I64_GE_S -> call(NUM, "i64GeS");
            case I64_GE_U -> call(NUM, "i64GeU");
            // ---- f32 / f64 comparisons
            case F32_EQ -> call(NUM, "f32Eq");
            case F32_NE -> call(NUM, "f32Ne");
            case F32_LT -> call(NUM, "f32Lt");
            case F32_GT -> call(NUM, "f32Gt");
            case F32_LE -> call(NUM, "f32Le");
            case F32_GE -> call(NUM, "f32Ge");
            case F64_EQ -> call(NUM, "f64Eq");
            case F64_NE -> call(NUM, "f64Ne");
            case F64_LT -> call(NUM, "f64Lt");
            case F64_GT -> call(NUM, "f64Gt");
            case F64_LE -> call(NUM, "f64Le");
            case F64_GE -> call(NUM, "f64Ge");
            // ---- i32 arithmetic
            case I32_CLZ -> call("java/lang/Integer", "numberOfLeadingZeros");
            case I32_CTZ -> call("java/lang/Integer", "numberOfTrailingZeros");
            case I32_POPCNT -> call("java/lang/Integer", "bitCount");
            case I32_ADD -> insn(IADD);
            case I32_SUB -> insn(ISUB);
            case I32_MUL -> insn(IMUL);
            case I32_DIV_S -> call(NUM, "i32DivS");
            case I32_DIV_U -> call(NUM, "i32DivU");
            case I32_REM_S -> call(NUM, "i32RemS");
            case I32_REM_U -> call(NUM, "i32RemU");
            case I32_AND -> insn(IAND);
            case I32_OR -> insn(IOR);
            case I32_XOR -> insn(IXOR);
            case I32_SHL -> insn(ISHL);
            case I32_SHR_S -> insn(ISHR);
            case I32_SHR_U -> insn(IUSHR);
            case I32_ROTL -> call("java/lang/Integer", "rotateLeft");
            case I32_ROTR -> call("java/lang/Integer", "rotateRight");
            // ---- i64 arithmetic
            case I64_CLZ -> { e().invokeStatic("java/lang/Long", "numberOfLeadingZeros", "(J)I"); e().insn(I2L); }
            case I64_CTZ -> { e().invokeStatic("java/lang/Long", "numberOfTrailingZeros", "(J)I"); e().insn(I2L); }
            case I64_POPCNT -> { e().invokeStatic("java/lang/Long", "bitCount", "(J)I"); e().insn(I2L); }
            case I64_ADD -> insn(LADD);
            case I64_SUB -> insn(LSUB);
            case I64_MUL -> insn(LMUL);
            case I64_DIV_S -> call(NUM, "i64DivS");
            case I64_DIV_U -> call(NUM, "i64DivU");
            case I64_REM_S -> call(NUM, "i64RemS");
            case I64_REM_U -> call(NUM, "i64RemU");
            case I64_AND -> insn(LAND);
            case I64_OR -> insn(LOR);
            case I64_XOR -> insn(LXOR);
            case I64_SHL -> shift64(LSHL);
            case I64_SHR_S -> shift64(LSHR);
            case I64_SHR_U -> shift64(LUSHR);
            case I64_ROTL -> rotate64("rotateLeft");
            case I64_ROTR -> rotate64("rotateRight");
            // ---- f32 arithmetic
            case F32_ABS -> call(NUM, "f32Abs");
            case F32_NEG -> call(NUM, "f32Neg");
            case F32_CEIL -> call(NUM, "f32Ceil");
            case F32_FLOOR -> call(NUM, "f32Floor");
            case F32_TRUNC -> call(NUM, "f32Trunc");
            case F32_NEAREST -> call(NUM, "f32Nearest");
            case F32_SQRT -> call(NUM, "f32Sqrt");
            case F32_ADD -> insn(FADD);
            case F32_SUB -> insn(FSUB);
            case F32_MUL -> insn(FMUL);
            case F32_DIV -> insn(FDIV);
            case F32_MIN -> call(NUM, "f32Min");
            case F32_MAX -> call(NUM, "f32Max");
            case F32_COPYSIGN -> call(NUM, "f32Copysign");
            // ---- f64 arithmetic
            case F64_ABS -> call(NUM, "f64Abs");
            case F64_NEG -> call(NUM, "f64Neg");
            case F64_CEIL -> call(NUM, "f64Ceil");
            case F64_FLOOR -> call(NUM, "f64Floor");
            case F64_TRUNC -> call(NUM, "f64Trunc");
            case F64_NEAREST -> call(NUM, "f64Nearest");
            case F64_SQRT -> call(NUM, "f64Sqrt");
            case F64_ADD -> insn(DADD);
            case F64_SUB -> insn(DSUB);
            case F64_MUL -> insn(DMUL);
            case F64_DIV -> insn(DDIV);
            case F64_MIN -> call(NUM, "f64Min");
            case F64_MAX -> call(NUM, "f64Max");
            case F64_COPYSIGN -> call(NUM, "f64Copysign");
            // ---- conversions
            case I32_WRAP_I64 -> insn(L2I);
            case I32_TRUNC_F32_S -> call(NUM, "i32TruncF32S");
            case I32_TRUNC_F32_U -> call(NUM, "i32TruncF32U");
            case I32_TRUNC_F64_S -> call(NUM, "i32TruncF64S");
            case I32_TRUNC_F64_U -> call(NUM, "i32TruncF64U");
            case I64_EXTEND_I32_S -> insn(I2L);
            case I64_EXTEND_I32_U -> call("java/lang/Integer", "toUnsignedLong");
            case I64_TRUNC_F32_S -> call(NUM, "i64TruncF32S");
            case I64_TRUNC_F32_U -> call(NUM, "i64TruncF32U");
            case I64_TRUNC_F64_S -> call(NUM, "i64TruncF64S");
            case I64_TRUNC_F64_U -> call(NUM, "i64TruncF64U");
            case F32_CONVERT_I32_S -> insn(I2F);
            case F32_CONVERT_I32_U -> call(NUM, "f32ConvertI32U");
            case F32_CONVERT_I64_S -> insn(L2F);
            case F32_CONVERT_I64_U -> call(NUM, "f32ConvertI64U");
            case F32_DEMOTE_F64 -> insn(D2F);
            case F64_CONVERT_I32_S -> insn(I2D);
            case F64_CONVERT_I32_U -> call(NUM, "f64ConvertI32U");
            case F64_CONVERT_I64_S -> insn(L2D);
            case F64_CONVERT_I64_U -> call(NUM, "f64ConvertI64U");
            case F64_PROMOTE_F32 -> insn(F2D);
            case I32_REINTERPRET_F32 -> call("java/lang/Float", "floatToRawIntBits");
            case I64_REINTERPRET_F64 -> call("java/lang/Double", "doubleToRawLongBits");
            case F32_REINTERPRET_I32 -> call("java/lang/Float", "intBitsToFloat");
            case F64_REINTERPRET_I64 -> call("java/lang/Double", "longBitsToDouble");
            // ---- sign extension
            case I32_EXTEND8_S -> insn(I2B);
            case I32_EXTEND16_S -> insn(I2S);
            case I64_EXTEND8_S -> { e().insn(L2I); e().insn(I2B); e().insn(I2L); }
            case I64_EXTEND16_S -> { e().insn(L2I); e().insn(I2S); e().insn(I2L); }
            case I64_EXTEND32_S -> { e().insn(L2I); e().insn(I2L); }
            // ---- non-trapping float-to-int (0xFC)
            case I32_TRUNC_SAT_F32_S -> insn(F2I);
            case I32_TRUNC_SAT_F32_U -> call(NUM, "i32TruncSatF32U");
            case I32_TRUNC_SAT_F64_S -> insn(D2I);
            case I32_TRUNC_SAT_F64_U -> call(NUM, "i32TruncSatF64U");
            case I64_TRUNC_SAT_F32_S -> insn(F2L);
            case I64_TRUNC_SAT_F32_U -> call(NUM, "i64TruncSatF32U");
            case I64_TRUNC_SAT_F64_S -> insn(D2L);
            case I64_TRUNC_SAT_F64_U -> call(NUM, "i64TruncSatF64U");
            default -> throw new IllegalStateException("not a numeric operator: " + op);
        }
    }

    // each operator's operands and result are validated by the driver (the operator table types them)

    private void insn(int jvmOpcode) {
        e().insn(jvmOpcode);
    }

    /** Calls a static helper whose descriptor is the operator's signature (from the operator table). */
    private void call(String owner, String name) {
        e().invokeStatic(owner, name, descriptor(op));
    }

    /** Each operator's JVM descriptor, made once (numeric operators are the most frequent). */
    private static final String[] DESCRIPTORS = new String[Op.values().length];

    private static String descriptor(Op op) {
        String d = DESCRIPTORS[op.ordinal()];
        if (d == null) {
            StringBuilder b = new StringBuilder("(");
            for (ValType p : op.params()) b.append(desc(p));
            b.append(')').append(desc(op.results()[0]));
            DESCRIPTORS[op.ordinal()] = d = b.toString();
        }
        return d;
    }

    /** A 64-bit shift: the JVM takes the count as an int (and masks it as Wasm does). */
    private void shift64(int jvmOpcode) {
        e().insn(L2I);
        e().insn(jvmOpcode);
    }

    private void rotate64(String name) {
        e().insn(L2I);
        e().invokeStatic("java/lang/Long", name, "(JI)J");
    }
}
