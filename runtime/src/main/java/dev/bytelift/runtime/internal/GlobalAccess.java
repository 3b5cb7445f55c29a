package dev.bytelift.runtime.internal;

/** {@code global.get} / {@code global.set} for each value representation. */
public final class GlobalAccess {
    private GlobalAccess() {}

    public static int getI32(VMGlobal g) { return (int) g.value; }
    public static long getI64(VMGlobal g) { return g.value; }
    public static float getF32(VMGlobal g) { return Float.intBitsToFloat((int) g.value); }
    public static double getF64(VMGlobal g) { return Double.longBitsToDouble(g.value); }
    public static Object getRef(VMGlobal g) { return g.ref; }

    public static long getV128(VMGlobal g, Scratch s) {
        s.v128Hi = g.valueHi;
        return g.value;
    }

    public static void setI32(int v, VMGlobal g) { g.value = v & 0xFFFFFFFFL; }
    public static void setI64(long v, VMGlobal g) { g.value = v; }
    public static void setF32(float v, VMGlobal g) { g.value = Float.floatToRawIntBits(v) & 0xFFFFFFFFL; }
    public static void setF64(double v, VMGlobal g) { g.value = Double.doubleToRawLongBits(v); }
    public static void setRef(Object v, VMGlobal g) { g.ref = v; }

    public static void setV128(long lo, long hi, VMGlobal g) {
        g.value = lo;
        g.valueHi = hi;
    }
}
