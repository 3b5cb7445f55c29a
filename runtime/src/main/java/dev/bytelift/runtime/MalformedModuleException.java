package dev.bytelift.runtime;

/** The module's bytes do not decode as the WebAssembly binary format ("malformed" in the spec). */
public class MalformedModuleException extends CompileException {
    /** {@code specMessage} in the spec's words, at byte {@code offset}. */
    public MalformedModuleException(String specMessage, long offset) {
        super(specMessage, offset);
    }

    /** {@code specMessage} at {@code offset}, with {@code message} as the whole message (see subclasses). */
    protected MalformedModuleException(String specMessage, long offset, String message) {
        super(specMessage, offset, message);
    }
}
