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
            case DROP -> e().pop(requireKnown(ops.drop()));
            case SELECT -> select(ops.select(null));
            case SELECT_TYPED -> select(ops.selectTyped());
            default -> throw new IllegalStateException("not a parametric operator: " + op);
        }
    }

    private static ValType requireKnown(ValType t) {
        return t == null ? I32 : t; // only null in unreachable code, where nothing is emitted
    }

    /** Selects between two values of the validated type {@code t} (null only in unreachable code). */
    private void select(ValType t) {
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
}
