package dev.bytelift.runtime;

/**
 * A module that cannot be compiled: either malformed (the bytes do not decode) or invalid (they
 * decode but fail validation). The message is the spec's wording; {@link #offset()} is the byte
 * offset in the module where the problem was found.
 */
public abstract class CompileException extends WasmException {
    private final long offset;
    private final String specMessage;

    /** {@code specMessage} in the spec's words, found at byte {@code offset} of the module. */
    protected CompileException(String specMessage, long offset) {
        super(specMessage + " (at offset 0x" + Long.toHexString(offset) + ")");
        this.offset = offset;
        this.specMessage = specMessage;
    }

    /**
     * {@code specMessage} in the spec's words, found at {@code offset}, with {@code message} as the
     * whole exception message (for errors located otherwise than by a binary offset, such as a line
     * and column of a text module).
     */
    protected CompileException(String specMessage, long offset, String message) {
        super(message);
        this.offset = offset;
        this.specMessage = specMessage;
    }

    /** The byte offset in the module binary where the problem was found. */
    public long offset() {
        return offset;
    }

    /** The message in the spec's words, without the offset (for example {@code "type mismatch"}). */
    public String specMessage() {
        return specMessage;
    }
}
