package dev.bytelift.runtime;

/** The base of every exception Bytelift raises for something a module or a guest did. */
public class WasmException extends RuntimeException {
    /** An exception with {@code message}. */
    public WasmException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
