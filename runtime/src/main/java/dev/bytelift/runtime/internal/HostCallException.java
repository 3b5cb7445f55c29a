package dev.bytelift.runtime.internal;

/**
 * Carries an exception thrown by a host function through the WebAssembly frames above it, so
 * that the entry point can tell it from a failure of the guest and rethrow the original.
 */
public final class HostCallException extends RuntimeException {
    public HostCallException(Throwable cause) {
        super(cause);
    }
}
