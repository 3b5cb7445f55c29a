package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import dev.bytelift.runtime.ValType;

/**
 * {@code br_on_null} and {@code br_on_non_null} (typed function references): a null test on the
 * reference on top, and a branch through {@link ControlLowering#branchTo} (which shuffles the
 * label's values or leaves a region as any branch does).
 */
final class NullBranches extends TranslatorPart {
    private final ControlLowering control;

    NullBranches(FunctionTranslator t, ControlLowering control) {
        super(t);
        this.control = control;
    }

    /** Branches with the values below the reference if it is null; otherwise goes on with it, non-null. */
    void brOnNull(int depth) {
        ValType rt = ctl.brOnNull(depth);
        Block b = fn.target(depth);
        if (e().live) {
            Label nonNull = new Label();
            e().insn(DUP);
            e().jump(IFNONNULL, nonNull);
            e().insn(POP);
            control.branchTo(b);
            v.push(rt.asNonNullable());
            e().target(nonNull, v);
        } else {
            v.push(rt.asNonNullable());
        }
    }

    /** Branches with the reference (non-null) and the values below it unless it is null; otherwise drops it. */
    void brOnNonNull(int depth) {
        ctl.brOnNonNull(depth);
        Block b = fn.target(depth);
        if (e().live) {
            Label isNull = new Label();
            e().insn(DUP);
            e().jump(IFNULL, isNull);
            control.branchTo(b);
            e().target(isNull, v);
            e().insn(POP);
        }
        v.pop();
    }
}
