package dev.bytelift.runtime.spi;

/**
 * A generated host-to-WebAssembly trampoline of the generic (boxed) form, used by
 * {@link dev.bytelift.runtime.Func#call}: arguments and results are boxed as that method
 * documents; argument types are checked by the caller.
 */
public interface GenericEntry {
    /** Calls the function; traps and host exceptions leave as the embedder should see them. */
    Object[] call(Object[] args);
}
