package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Global;

/** {@code global.get} / {@code global.set} for each value representation. */
public final class GlobalAccess {
    private GlobalAccess() {}

    public static int getI32(Global g) { return (int) g.value; }
    public static long getI64(Global g) { return g.value; }
    public static float getF32(Global g) { return Float.intBitsToFloat((int) g.value); }
    public static double getF64(Global g) { return Double.longBitsToDouble(g.value); }
    public static Object getRef(Global g) { return g.ref; }

    public static long getV128(Global g, Scratch s) {
        s.v128Hi = g.valueHi;
        return g.value;
    }

    public static void setI32(int v, Global g) { g.value = v & 0xFFFFFFFFL; }
    public static void setI64(long v, Global g) { g.value = v; }
    public static void setF32(float v, Global g) { g.value = Float.floatToRawIntBits(v) & 0xFFFFFFFFL; }
    public static void setF64(double v, Global g) { g.value = Double.doubleToRawLongBits(v); }
    public static void setRef(Object v, Global g) { g.ref = v; }

    public static void setV128(long lo, long hi, Global g) {
        g.value = lo;
        g.valueHi = hi;
    }
}
