package dev.bytelift.runtime;

/**
 * Serialised module bytes that {@link Engine#deserializeModule(byte[])} cannot load: not a
 * serialised module (wrong magic), truncated, corrupted (the checksum does not match), written by
 * another format or Bytelift build, or for an engine configuration whose generated code differs.
 * The message says which. A {@link ModuleCache} treats it as a miss and compiles.
 */
public class DeserializeException extends WasmException {
    /** What was wrong with the bytes. */
    public enum Reason {
        /** Not a serialised module (wrong magic; a WebAssembly binary, for instance). */
        NOT_SERIALIZED,
        /** Shorter than its header says. */
        TRUNCATED,
        /** The checksum or the structure does not match: damaged on disk or in transit. */
        CORRUPTED,
        /** Another format version or another build of Bytelift. */
        OTHER_VERSION,
        /** Another engine configuration, one that changes the generated code. */
        OTHER_CONFIGURATION,
        /** The engine gave the module's function types other ids than its code has built in. */
        TYPE_ID_CONFLICT
    }

    private final Reason reason;

    /** An exception for {@code reason}, with {@code message}. */
    public DeserializeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** An exception for {@code reason}, with {@code message}, caused by {@code cause}. */
    public DeserializeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What was wrong with the bytes. */
    public Reason reason() {
        return reason;
    }
}
