package dev.bytelift.runtime;

/** The module's bytes do not decode as the WebAssembly binary format ("malformed" in the spec). */
public final class MalformedModuleException extends CompileException {
    /** {@code specMessage} in the spec's words, at byte {@code offset}. */
    public MalformedModuleException(String specMessage, long offset) {
        super(specMessage, offset);
    }
}
