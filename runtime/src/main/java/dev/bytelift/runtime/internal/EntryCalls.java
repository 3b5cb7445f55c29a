package dev.bytelift.runtime.internal;

/**
 * What the generated host-to-WebAssembly (entry) trampolines compute from the
 * {@link dev.bytelift.runtime.VMRuntimeLimits} they save; failures go to {@link Traps#translate}.
 */
public final class EntryCalls {
    private EntryCalls() {}

    /**
     * The call depth of the function the host enters: 1 from outside WebAssembly; from a host
     * function called by WebAssembly ({@code exitFp} is the calling frame's depth), the depth after
     * the host function's own frame, so that host↔WebAssembly recursion counts towards the stack
     * limit. A host function called directly from the host runs at depth 1.
     */
    public static int depth(int exitFp, boolean host) {
        return host || exitFp == 0 ? 1 : exitFp + 2;
    }

    /** The value of {@code lastWasmEntrySp} while the entered function runs: -1 for a host function. */
    public static int entrySp(int depth, boolean host) {
        return host ? -1 : depth;
    }
}
