package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FUNC;
import static dev.bytelift.compiler.translate.RuntimeNames.NUM;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.REFS;
import static dev.bytelift.runtime.ValType.I32;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

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
            case REF_NULL -> { v.push(r.valType()); e().insn(ACONST_NULL); }
            case REF_IS_NULL -> { requireRef(v.pop()); v.push(I32); e().invokeStatic(NUM, "refIsNull", "(" + OBJ + ")I"); }
            case REF_FUNC -> refFunc(r.index());
            case REF_AS_NON_NULL -> {
                v.push(v.popRef().asNonNullable());
                e().invokeStatic(REFS, "asNonNull", "(" + OBJ + ")" + OBJ);
            }
            default -> throw new IllegalStateException("not a reference operator: " + op);
        }
    }

    private void requireRef(ValType t) {
        if (t != null && !t.isReference()) throw v.error("type mismatch");
    }

    private void refFunc(int f) {
        if (Integer.compareUnsigned(f, m.funcCount()) >= 0) throw v.error("unknown function " + Integer.toUnsignedString(f));
        if (!m.declaredFuncRefs.contains(f)) throw v.error("undeclared function reference");
        v.push(m.refFuncType(f));
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "funcs", "[L" + FUNC + ";");
        e().iconst(f);
        e().insn(AALOAD);
    }
}
