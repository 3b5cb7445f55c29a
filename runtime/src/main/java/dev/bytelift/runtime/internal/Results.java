package dev.bytelift.runtime.internal;

/**
 * Moves the second and later results of multi-value calls (and the high half of a v128 first
 * result) through the store's {@link Scratch}; see {@link Abi}. Parameter order follows the
 * operand stack: the value, then what the call site pushes.
 */
public final class Results {
    private Results() {}

    public static void putI32(int v, VMContext c, int slot) { c.scratch.results[slot] = v; }
    public static void putI64(long v, VMContext c, int slot) { c.scratch.results[slot] = v; }
    public static void putF32(float v, VMContext c, int slot) { c.scratch.results[slot] = Float.floatToRawIntBits(v); }
    public static void putF64(double v, VMContext c, int slot) { c.scratch.results[slot] = Double.doubleToRawLongBits(v); }
    public static void putRef(Object v, VMContext c, int slot) { c.scratch.refResults[slot] = v; }

    public static void putV128(long lo, long hi, VMContext c, int slot) {
        long[] r = c.scratch.results;
        r[slot] = lo;
        r[slot + 1] = hi;
    }

    public static int getI32(VMContext c, int slot) { return (int) c.scratch.results[slot]; }
    public static long getI64(VMContext c, int slot) { return c.scratch.results[slot]; }
    public static float getF32(VMContext c, int slot) { return Float.intBitsToFloat((int) c.scratch.results[slot]); }
    public static double getF64(VMContext c, int slot) { return Double.longBitsToDouble(c.scratch.results[slot]); }

    public static Object getRef(VMContext c, int slot) {
        Object[] r = c.scratch.refResults;
        Object v = r[slot];
        r[slot] = null; // do not keep the object alive from the scratch space
        return v;
    }

    public static long getV128Lo(VMContext c, int slot) { return c.scratch.results[slot]; }
    public static long getV128Hi(VMContext c, int slot) { return c.scratch.results[slot + 1]; }

    /** Returns a v128 first result: the low half, with the high half left in the scratch space. */
    public static long returnV128(long lo, long hi, VMContext c) {
        c.scratch.v128Hi = hi;
        return lo;
    }

    /** The high half of the v128 a call or helper just returned. */
    public static long v128Hi(VMContext c) {
        return c.scratch.v128Hi;
    }
}
