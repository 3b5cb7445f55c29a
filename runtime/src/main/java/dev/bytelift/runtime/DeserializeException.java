package dev.bytelift.runtime;

/**
 * Serialised module bytes that {@link Engine#deserializeModule(byte[])} cannot load: not a
 * serialised module (wrong magic), truncated, corrupted (the checksum does not match), written by
 * another format or Bytelift build, or for an engine configuration whose generated code differs.
 * The message says which. A {@link ModuleCache} treats it as a miss and compiles.
 */
public class DeserializeException extends WasmException {
    /** An exception with {@code message}. */
    public DeserializeException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public DeserializeException(String message, Throwable cause) {
        super(message, cause);
    }
}
