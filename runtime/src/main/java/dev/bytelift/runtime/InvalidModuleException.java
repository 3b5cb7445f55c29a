package dev.bytelift.runtime;

/** The module decodes but fails validation ("invalid" in the spec), e.g. "type mismatch". */
public final class InvalidModuleException extends CompileException {
    /** {@code specMessage} in the spec's words, at byte {@code offset}. */
    public InvalidModuleException(String specMessage, long offset) {
        super(specMessage, offset);
    }

    /**
     * {@code specMessage} at byte {@code offset}, with {@code message} as the whole message: for a
     * module compiled from text, {@code app.wat:5:7: type mismatch} names where in the text the
     * failing instruction is.
     */
    public InvalidModuleException(String specMessage, long offset, String message) {
        super(specMessage, offset, message);
    }
}
