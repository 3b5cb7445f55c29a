package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.TrapCode;

/** The null checks of typed function references ({@code call_ref}, {@code ref.as_non_null}). */
public final class RefOps {
    private RefOps() {}

    /**
     * The function {@code call_ref} calls: its type is the one the instruction names (the
     * validator proved it), so only null is checked.
     */
    public static Func funcForCallRef(Object ref) {
        if (ref == null) throw Traps.trap(TrapCode.NULL_FUNCTION_REFERENCE);
        return (Func) ref;
    }

    /** {@code ref.as_non_null}. */
    public static Object asNonNull(Object ref) {
        if (ref == null) throw Traps.trap(TrapCode.NULL_REFERENCE);
        return ref;
    }
}
