package dev.bytelift.compiler.translate;

import static dev.bytelift.runtime.ValType.V128;

import dev.bytelift.compiler.decode.Imm;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * SIMD, table-driven: the operator table types each instruction (its lanes and memarg checked by
 * {@code OperatorValidator#checkImmediates}), and each (but {@code v128.const})
 * calls its own static method of the runtime ({@code SimdTable}), with a v128 as two longs and a
 * v128 result's high half left in the scratch area (docs/v128.md).
 */
final class SimdLowering extends Lowering {
    SimdLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        Imm imm = op.immediates();
        if (imm == Imm.V128) { // v128.const
            e().lconst(r.bits());
            e().lconst(r.bitsHi());
            return;
        }
        if (!e().live) return;
        if (imm == Imm.MEMARG || imm == Imm.MEMARG_LANE) fn.memory.pushMemarg(op);
        if (imm == Imm.MEMARG_LANE || imm == Imm.LANE) e().iconst(r.index());
        if (imm == Imm.SHUFFLE) {
            e().lconst(r.bits());
            e().lconst(r.bitsHi());
        }
        ValType result = op.results().length == 0 ? null : op.results()[0];
        if (result == V128) pushScratch();
        SimdMethods.Target target = SimdMethods.forOp(op);
        e().invokeStatic(target.owner(), target.name(), target.descriptor());
        if (result == V128) pushV128Hi();
    }
}
