package dev.bytelift.wasi;

import dev.bytelift.runtime.WasmException;

/**
 * The guest called {@code proc_exit}: the program is over. Thrown from the host function, it
 * unwinds every WebAssembly frame (no further guest code runs) and reaches the embedder, for
 * example from {@code Func.call}; {@link Wasi#start} turns it into the returned exit code.
 */
public final class WasiExitException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("exit with status " + Integer.toUnsignedString(exitCode));
        this.exitCode = exitCode;
    }

    /** The status passed to {@code proc_exit} (a WASI {@code u32}, as an {@code int}). */
    public int exitCode() {
        return exitCode;
    }

    /** No stack trace: an exit is not an error, and the stack may be deep. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
