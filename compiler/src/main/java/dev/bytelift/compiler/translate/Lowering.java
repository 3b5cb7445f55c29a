package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.Op;

/**
 * The lowering of one family of operators ({@link Op.Family}): each arm validates its operator
 * with the function's validator and emits bytecode into the method being written.
 */
abstract class Lowering extends TranslatorPart {
    Lowering(FunctionTranslator t) {
        super(t);
    }

    /**
     * Validates what an operator the operator table types ({@link Op#hasSignature}) needs besides
     * its operand types: its indices, alignment, lanes. The driver calls it before the validator
     * pops the operands and pushes the results, as the spec's algorithm checks them in that order.
     */
    void checkImmediates(Op op) {}

    /**
     * The operand types of an operator the operator table types, as validated: its signature's,
     * unless its immediates change them (a 64-bit memory's addresses).
     */
    dev.bytelift.runtime.ValType[] params(Op op) {
        return op.params();
    }

    /** The result types of an operator the operator table types, as {@link #params}. */
    dev.bytelift.runtime.ValType[] results(Op op) {
        return op.results();
    }

    /**
     * Lowers {@code op}, whose immediates {@code r} has just read: an operator the table types is
     * validated already; any other is validated here.
     */
    abstract void lower(Op op);
}
