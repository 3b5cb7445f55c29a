package dev.bytelift.runtime.internal;

/** The epoch check generated code calls at function entry and loop headers (see the compiler's {@code EpochCheck}). */
public final class Epochs {
    private Epochs() {}

    /**
     * Returns {@code deadline} (the caller's cached copy) while {@code epoch} is before it;
     * otherwise reloads the store's deadline, which a callback or the host may have moved since
     * the caller cached it, and only if that one is reached too takes the deadline path. Returns
     * the deadline to cache.
     */
    public static long check(long epoch, long deadline, VMContext ctx) {
        if (epoch < deadline) return deadline;
        return reached(epoch, ctx);
    }

    private static long reached(long epoch, VMContext ctx) {
        long current = ctx.limits.epochDeadline;
        if (epoch < current) return current;
        return RuntimeAccess.get().onEpochDeadline(ctx.store);
    }
}
