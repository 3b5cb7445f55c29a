package dev.bytelift.wasi.internal;

/**
 * A WASI call fails with {@link #errno}. Thrown inside the implementation of a call and turned
 * into its return value where the call returns to WebAssembly; it never reaches the embedder.
 * Cheap: it has no stack trace.
 */
public final class WasiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The WASI error number (see {@link Errno}). */
    public final int errno;

    public WasiError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    @Override
    public String getMessage() {
        return "WASI errno " + errno;
    }
}
