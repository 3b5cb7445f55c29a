package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.TrapCode;

/** Checks generated code calls at function entry. */
public final class Limits {
    private Limits() {}

    /** Traps with {@code call stack exhausted} when {@code depth} exceeds {@code max}. */
    public static void checkDepth(int depth, int max) {
        if (depth > max) throw Traps.trap(TrapCode.STACK_OVERFLOW);
    }
}
