package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.Op;

/**
 * The lowering of one family of operators ({@link Op.Family}): each arm has its operator validated
 * by the rules of the validate package ({@code OperatorValidator}, {@code ControlValidator}), then
 * emits bytecode into the method being written.
 */
abstract class Lowering extends TranslatorPart {
    Lowering(FunctionTranslator t) {
        super(t);
    }

    /**
     * Lowers {@code op}, whose immediates {@code r} has just read: an operator the table types is
     * validated already (by the driver); any other has its rule applied here first.
     */
    abstract void lower(Op op);
}
