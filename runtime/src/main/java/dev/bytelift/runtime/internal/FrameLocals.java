package dev.bytelift.runtime.internal;

/**
 * The locals of a function too large for one JVM method, which generated code keeps in arrays
 * shared by all the methods it is split into: numbers as raw bits in a {@code long[]} (a v128 in
 * two entries), references in an {@code Object[]}. Parameter order follows the operand stack.
 */
public final class FrameLocals {
    private FrameLocals() {}

    public static int getI32(long[] l, int i) { return (int) l[i]; }
    public static long getI64(long[] l, int i) { return l[i]; }
    public static float getF32(long[] l, int i) { return Float.intBitsToFloat((int) l[i]); }
    public static double getF64(long[] l, int i) { return Double.longBitsToDouble(l[i]); }

    public static void setI32(int v, long[] l, int i) { l[i] = v; }
    public static void setI64(long v, long[] l, int i) { l[i] = v; }
    public static void setF32(float v, long[] l, int i) { l[i] = Float.floatToRawIntBits(v); }
    public static void setF64(double v, long[] l, int i) { l[i] = Double.doubleToRawLongBits(v); }

    public static void setV128(long lo, long hi, long[] l, int i) {
        l[i] = lo;
        l[i + 1] = hi;
    }
}
