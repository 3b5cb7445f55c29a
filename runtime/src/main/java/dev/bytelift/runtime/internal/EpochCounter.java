package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An engine's epoch. Generated code reads {@link #value} with a volatile read at every check, so
 * the JIT can never hoist it out of a loop; any thread may increment it.
 */
public final class EpochCounter {
    /** ABI: the current epoch. */
    public volatile long value;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(EpochCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public long increment() {
        return (long) VALUE.getAndAdd(this, 1L) + 1;
    }
}
