package dev.bytelift.runtime;

/** The module decodes but fails validation ("invalid" in the spec), e.g. "type mismatch". */
public final class InvalidModuleException extends CompileException {
    public InvalidModuleException(String specMessage, long offset) {
        super(specMessage, offset);
    }
}
