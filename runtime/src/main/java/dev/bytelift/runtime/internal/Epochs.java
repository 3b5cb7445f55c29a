package dev.bytelift.runtime.internal;

/** The epoch checks generated code makes at function entry and loop headers (see the compiler's {@code EpochCheck}). */
public final class Epochs {
    private Epochs() {}

    /**
     * The check at function entries and the headers of innermost loops: returns {@code deadline}
     * (the caller's cached copy) while {@code epoch} is before it, otherwise {@link #reached}.
     * Tiny, so C2 inlines it; its branch profile is shared by every such check.
     */
    public static long check(long epoch, long deadline, VMContext ctx) {
        if (epoch < deadline) return deadline;
        return reached(epoch, ctx);
    }

    /**
     * The slow path of a check whose epoch reached the caller's cached deadline (the checks at
     * the headers of loops around other loops compare in line and call this): reloads the store's
     * deadline, which a callback or the host may have moved since the caller cached it, and only if
     * the epoch reached that one too takes the deadline path. Returns the deadline to cache.
     */
    public static long reached(VMContext ctx) {
        return reached(ctx.epoch.value, ctx);
    }

    private static long reached(long epoch, VMContext ctx) {
        long current = ctx.limits.epochDeadline;
        if (epoch < current) return current;
        return RuntimeAccess.get().onEpochDeadline(ctx.store);
    }
}
