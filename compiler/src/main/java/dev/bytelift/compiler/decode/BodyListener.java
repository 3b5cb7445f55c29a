package dev.bytelift.compiler.decode;

/**
 * Work done in the skimmer's one pass over each function body, on the operators it decodes, so
 * that a body is decoded once (lazy compilation validates this way: validate/SkimValidation). The
 * skimmer's own checks of an operator (its encoding, block structure) come first: a malformed
 * body is reported in file order as before, whatever the listener does.
 */
public interface BodyListener {
    /**
     * Resolves the type indices of typed references in the bodies; it must not throw (the
     * skimmer is reading, and a malformed encoding later in the module is reported first).
     */
    TypeReader.Resolver resolver();

    /**
     * The body of function {@code funcIndex} starts: its locals, from {@code start}, have been
     * skimmed; {@code r} reads its operators.
     */
    void start(ModuleInfo m, int funcIndex, int start, int end, OperatorReader r);

    /** {@code op}, whose immediates {@code r} holds, has been decoded and checked by the skimmer. */
    void operator(Op op);
}
