package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.ThrownException;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.V128;

/**
 * What generated code calls for WebAssembly exceptions (exception handling, WebAssembly 3.0):
 * creating one ({@code throw}), matching a handler's tag, unpacking the values it carries
 * ({@code catch}), and {@code throw_ref}'s null check. An exception is a {@link ThrownException},
 * which is also the {@code exnref} value; its values are boxed as the API passes them.
 */
public final class Exceptions {
    private static final RuntimeAccess ACCESS = RuntimeAccess.get();

    private Exceptions() {}

    /** A new exception of the instance's tag {@code tag}, carrying {@code values} (boxed, of the tag's types). */
    public static ThrownException create(Object[] values, VMContext ctx, int tag) {
        return ACCESS.newThrown(ctx.tags[tag], values);
    }

    /** Whether {@code exn} (a {@link ThrownException}) is of the instance's tag {@code tag}. */
    public static boolean is(Object exn, VMContext ctx, int tag) {
        return ((ThrownException) exn).tag() == ctx.tags[tag];
    }

    /** {@code throw_ref}: the exception to rethrow, or the null-reference trap. */
    public static Throwable rethrow(Object exn) {
        if (exn == null) return Traps.trap(TrapCode.NULL_REFERENCE);
        return (ThrownException) exn;
    }

    /** Boxes a v128 value. */
    public static Object v128(long lo, long hi) {
        return new V128(lo, hi);
    }

    private static Object value(Object exn, int i) {
        return ACCESS.values((ThrownException) exn)[i];
    }

    public static int i32(Object exn, int i) {
        return (Integer) value(exn, i);
    }

    public static long i64(Object exn, int i) {
        return (Long) value(exn, i);
    }

    public static float f32(Object exn, int i) {
        return (Float) value(exn, i);
    }

    public static double f64(Object exn, int i) {
        return (Double) value(exn, i);
    }

    /** The low half of a v128 value; {@link #v128Hi} the high half. */
    public static long v128Lo(Object exn, int i) {
        return ((V128) value(exn, i)).lo();
    }

    public static long v128Hi(Object exn, int i) {
        return ((V128) value(exn, i)).hi();
    }

    public static Object ref(Object exn, int i) {
        return value(exn, i);
    }
}
