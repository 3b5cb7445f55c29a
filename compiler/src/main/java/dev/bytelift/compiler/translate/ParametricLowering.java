package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.NUM;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.SCRATCH;
import static dev.bytelift.runtime.ValType.F32;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;
import static dev.bytelift.runtime.ValType.V128;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * {@code drop} and {@code select}: {@code select} goes through a helper per JVM type (no branch, so no
 * stack-map frame).
 */
final class ParametricLowering extends Lowering {
    ParametricLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case DROP -> e().pop(requireKnown(v.pop()));
            case SELECT -> select(null);
            case SELECT_TYPED -> selectTyped();
            default -> throw new IllegalStateException("not a parametric operator: " + op);
        }
    }

    private static ValType requireKnown(ValType t) {
        return t == null ? I32 : t; // only null in unreachable code, where nothing is emitted
    }

    private void select(ValType typed) {
        v.pop(I32);
        ValType t2 = v.pop(typed);
        ValType t1 = v.pop(typed);
        ValType t;
        if (typed != null) {
            t = typed;
        } else {
            if ((t1 != null && t1.isReference()) || (t2 != null && t2.isReference())) throw v.error("type mismatch");
            if (t1 != null && t2 != null && t1 != t2) throw v.error("type mismatch");
            t = t1 != null ? t1 : t2;
        }
        v.push(t);
        if (!e().live) return;
        switch (t.kind()) {
            case I32 -> e().invokeStatic(NUM, "selectI", "(III)I");
            case I64 -> e().invokeStatic(NUM, "selectJ", "(JJI)J");
            case F32 -> e().invokeStatic(NUM, "selectF", "(FFI)F");
            case F64 -> e().invokeStatic(NUM, "selectD", "(DDI)D");
            case V128 -> {
                pushScratch();
                e().invokeStatic(NUM, "selectV", "(JJJJIL" + SCRATCH + ";)J");
                pushV128Hi();
            }
            default -> e().invokeStatic(NUM, "selectA", "(" + OBJ + OBJ + "I)" + OBJ);
        }
    }

    private void selectTyped() {
        if (r.count() != 1) throw v.error("invalid result arity");
        select(r.valType());
    }
}
