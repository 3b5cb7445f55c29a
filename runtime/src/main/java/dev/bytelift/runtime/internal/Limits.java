package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.TrapCode;

/** Checks generated code calls at function entry. */
public final class Limits {
    private Limits() {}

    /**
     * Traps with {@code call stack exhausted} when {@code depth} exceeds {@code max} (the check of
     * code compiled before the limit counted bytes: ahead-of-time jars of earlier versions).
     */
    public static void checkDepth(int depth, int max) {
        if (depth > max) throw Traps.trap(TrapCode.STACK_OVERFLOW);
    }

    /**
     * Traps with {@code call stack exhausted} when a function's frame of {@code frame} words on
     * top of {@code depth} words of WebAssembly frames would pass the limit of {@code max} words
     * (8 bytes each).
     */
    public static void checkStack(int depth, int frame, int max) {
        if (depth > max - frame) throw Traps.trap(TrapCode.STACK_OVERFLOW);
    }
}
