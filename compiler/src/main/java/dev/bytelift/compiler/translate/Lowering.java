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

    /** Validates and lowers {@code op}, whose immediates {@code r} has just read. */
    abstract void lower(Op op);
}
