package dev.bytelift.runtime;

/**
 * Instantiation failed while resolving imports: {@code "unknown import"} or
 * {@code "incompatible import type"} in the spec's words.
 */
public final class LinkException extends WasmException {
    private final String specMessage;

    /** {@code specMessage} in the spec's words, {@code detail} naming the import. */
    public LinkException(String specMessage, String detail) {
        super(specMessage + ": " + detail);
        this.specMessage = specMessage;
    }

    /** The message in the spec's words. */
    public String specMessage() {
        return specMessage;
    }
}
