package dev.bytelift.runtime.internal;

/** The epoch check generated code calls at function entry and loop headers. */
public final class Epochs {
    private Epochs() {}

    /** Returns {@code deadline} while {@code epoch} is before it; otherwise the deadline path. */
    public static long check(long epoch, long deadline, VMContext ctx) {
        if (epoch < deadline) return deadline;
        return ctx.store.onEpochDeadline();
    }
}
