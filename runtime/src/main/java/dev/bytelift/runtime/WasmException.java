package dev.bytelift.runtime;

/** The base of every exception Bytelift raises for something a module or a guest did. */
public class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }

    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
