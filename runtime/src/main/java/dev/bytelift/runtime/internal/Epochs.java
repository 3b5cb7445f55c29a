package dev.bytelift.runtime.internal;

/**
 * What generated epoch checks use (see the compiler's {@code EpochCheck}): they compare the
 * engine's epoch with the store's deadline at function entry, and at a loop header when the
 * loop's budget is used up.
 */
public final class Epochs {
    private Epochs() {}

    /**
     * The bytes of loop code a function may run between two epoch checks. Compiled code runs this
     * in about ten microseconds, so a deadline is still noticed promptly (issue 19:
     * from {@code incrementEpoch()} to the trap under 2 ms at the 99th percentile), and a tight
     * loop reads the epoch once per thousands of iterations.
     */
    public static final int BUDGET = 1 << 16;

    /**
     * The deadline path, when a check found the epoch at or past the deadline: the store's
     * callback may move the deadline on (and this returns), else a trap or the callback's
     * exception is thrown.
     */
    public static void reached(VMContext ctx) {
        RuntimeAccess.get().onEpochDeadline(ctx.store);
    }

    /**
     * After a host function called by WebAssembly returned (the exit trampolines): the time it took
     * is not counted by any budget, so the deadline is compared here, as the caller's next loop
     * header would in Wasmtime.
     */
    public static void afterHostCall(VMRuntimeLimits limits) {
        EpochCounter epoch = limits.epoch;
        if (epoch != null && epoch.value >= limits.epochDeadline) RuntimeAccess.get().onEpochDeadline(limits.store);
    }
}
