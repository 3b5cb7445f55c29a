package dev.bytelift.runtime;

/** The module decodes but fails validation ("invalid" in the spec), e.g. "type mismatch". */
public final class InvalidModuleException extends CompileException {
    /** {@code specMessage} in the spec's words, at byte {@code offset}. */
    public InvalidModuleException(String specMessage, long offset) {
        super(specMessage, offset);
    }
}
