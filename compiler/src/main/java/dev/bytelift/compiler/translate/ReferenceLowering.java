package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FUNC;
import static dev.bytelift.compiler.translate.RuntimeNames.NUM;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.REFS;

import dev.bytelift.compiler.decode.Op;

/**
 * {@code ref.null}, {@code ref.is_null} and {@code ref.func} (the instance's {@code Func} objects).
 */
final class ReferenceLowering extends Lowering {
    ReferenceLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case REF_NULL -> { ops.refNull(); e().insn(ACONST_NULL); }
            case REF_IS_NULL -> { ops.refIsNull(); e().invokeStatic(NUM, "refIsNull", "(" + OBJ + ")I"); }
            case REF_FUNC -> refFunc(r.index());
            case REF_AS_NON_NULL -> {
                ops.refAsNonNull();
                e().invokeStatic(REFS, "asNonNull", "(" + OBJ + ")" + OBJ);
            }
            default -> throw new IllegalStateException("not a reference operator: " + op);
        }
    }

    private void refFunc(int f) {
        ops.refFunc(f);
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "funcs", "[L" + FUNC + ";");
        e().iconst(f);
        e().insn(AALOAD);
    }
}
