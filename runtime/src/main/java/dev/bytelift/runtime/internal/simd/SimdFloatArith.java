package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Lane-wise {@code f32x4} / {@code f64x2} arithmetic: add, sub, mul, div, sqrt, abs, neg, the
 * rounding instructions ceil, floor, trunc, nearest, and min, max, pmin, pmax.
 *
 * <p>NaN rules (WebAssembly "arithmetic NaN"s): add/sub/mul/div/sqrt rely on the hardware, which
 * returns a quiet NaN (the canonical one for invalid operations, a quieted operand otherwise).
 * Where Java library code may hand a NaN operand back unchanged (min, max and the rounding
 * instructions, depending on intrinsics), the result's quiet bit is set explicitly. abs and neg
 * are pure sign-bit operations, and pmin/pmax return one operand unchanged, as specified.
 *
 * <p>ABI: called by generated code.
 */
public final class SimdFloatArith {
    private SimdFloatArith() {}

    private static final long SIGNS32 = 0x8000000080000000L;
    private static final int QUIET32 = 0x00400000;
    private static final long QUIET64 = 0x0008000000000000L;

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static int bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    private static long pack(int lane0, int lane1) {
        return (lane0 & 0xFFFFFFFFL) | ((long) lane1 << 32);
    }

    private static long pack(float lane0, float lane1) {
        return pack(bits(lane0), bits(lane1));
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    // =====================================================================================
    // f32x4
    // =====================================================================================

    public static long f32x4_abs(long lo, long hi, Scratch s) {
        s.v128Hi = hi & ~SIGNS32;
        return lo & ~SIGNS32;
    }

    public static long f32x4_neg(long lo, long hi, Scratch s) {
        s.v128Hi = hi ^ SIGNS32;
        return lo ^ SIGNS32;
    }

    private static long add32(long a, long b) {
        return pack(f((int) a) + f((int) b), f((int) (a >>> 32)) + f((int) (b >>> 32)));
    }

    private static long sub32(long a, long b) {
        return pack(f((int) a) - f((int) b), f((int) (a >>> 32)) - f((int) (b >>> 32)));
    }

    private static long mul32(long a, long b) {
        return pack(f((int) a) * f((int) b), f((int) (a >>> 32)) * f((int) (b >>> 32)));
    }

    private static long div32(long a, long b) {
        return pack(f((int) a) / f((int) b), f((int) (a >>> 32)) / f((int) (b >>> 32)));
    }

    public static long f32x4_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = add32(aHi, bHi);
        return add32(aLo, bLo);
    }

    public static long f32x4_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = sub32(aHi, bHi);
        return sub32(aLo, bLo);
    }

    public static long f32x4_mul(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul32(aHi, bHi);
        return mul32(aLo, bLo);
    }

    public static long f32x4_div(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = div32(aHi, bHi);
        return div32(aLo, bLo);
    }

    /** Correctly rounded: the double square root of a float rounds to the float square root. */
    private static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    public static long f32x4_sqrt(long lo, long hi, Scratch s) {
        s.v128Hi = pack(sqrt(f((int) hi)), sqrt(f((int) (hi >>> 32))));
        return pack(sqrt(f((int) lo)), sqrt(f((int) (lo >>> 32))));
    }

    // ---- rounding: computed in double (exact for float inputs), NaN quieted explicitly ----

    private static final int CEIL = 0, FLOOR = 1, TRUNC = 2, NEAREST = 3;

    private static double round(double x, int mode) {
        switch (mode) {
            case CEIL: return Math.ceil(x);
            case FLOOR: return Math.floor(x);
            case TRUNC: return x < 0 ? Math.ceil(x) : Math.floor(x);
            default: return Math.rint(x);
        }
    }

    private static int round32(int x, int mode) {
        float v = f(x);
        return v != v ? x | QUIET32 : bits((float) round(v, mode));
    }

    private static long round32x2(long x, int mode) {
        return pack(round32((int) x, mode), round32((int) (x >>> 32), mode));
    }

    public static long f32x4_ceil(long lo, long hi, Scratch s) {
        s.v128Hi = round32x2(hi, CEIL);
        return round32x2(lo, CEIL);
    }

    public static long f32x4_floor(long lo, long hi, Scratch s) {
        s.v128Hi = round32x2(hi, FLOOR);
        return round32x2(lo, FLOOR);
    }

    public static long f32x4_trunc(long lo, long hi, Scratch s) {
        s.v128Hi = round32x2(hi, TRUNC);
        return round32x2(lo, TRUNC);
    }

    public static long f32x4_nearest(long lo, long hi, Scratch s) {
        s.v128Hi = round32x2(hi, NEAREST);
        return round32x2(lo, NEAREST);
    }

    // ---- min / max: NaN if either is NaN (quieted), -0.0 < +0.0 ----

    // Math.min/max already give NaN for a NaN operand and order -0.0 below +0.0 (and are
    // intrinsics); only the quiet bit of a NaN result has to be added.

    private static int quiet(float r) {
        int bits = bits(r);
        return r != r ? bits | QUIET32 : bits;
    }

    private static int min32(int x, int y) {
        return quiet(Math.min(f(x), f(y)));
    }

    private static int max32(int x, int y) {
        return quiet(Math.max(f(x), f(y)));
    }

    public static long f32x4_min(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(min32((int) aHi, (int) bHi), min32((int) (aHi >>> 32), (int) (bHi >>> 32)));
        return pack(min32((int) aLo, (int) bLo), min32((int) (aLo >>> 32), (int) (bLo >>> 32)));
    }

    public static long f32x4_max(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(max32((int) aHi, (int) bHi), max32((int) (aHi >>> 32), (int) (bHi >>> 32)));
        return pack(max32((int) aLo, (int) bLo), max32((int) (aLo >>> 32), (int) (bLo >>> 32)));
    }

    // ---- pmin / pmax: b < a ? b : a  and  a < b ? b : a, operands returned unchanged ----

    private static long pmin32(long a, long b) {
        int a0 = (int) a, b0 = (int) b, a1 = (int) (a >>> 32), b1 = (int) (b >>> 32);
        return pack(f(b0) < f(a0) ? b0 : a0, f(b1) < f(a1) ? b1 : a1);
    }

    private static long pmax32(long a, long b) {
        int a0 = (int) a, b0 = (int) b, a1 = (int) (a >>> 32), b1 = (int) (b >>> 32);
        return pack(f(a0) < f(b0) ? b0 : a0, f(a1) < f(b1) ? b1 : a1);
    }

    public static long f32x4_pmin(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pmin32(aHi, bHi);
        return pmin32(aLo, bLo);
    }

    public static long f32x4_pmax(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pmax32(aHi, bHi);
        return pmax32(aLo, bLo);
    }

    // =====================================================================================
    // f64x2
    // =====================================================================================

    public static long f64x2_abs(long lo, long hi, Scratch s) {
        s.v128Hi = hi & Long.MAX_VALUE;
        return lo & Long.MAX_VALUE;
    }

    public static long f64x2_neg(long lo, long hi, Scratch s) {
        s.v128Hi = hi ^ Long.MIN_VALUE;
        return lo ^ Long.MIN_VALUE;
    }

    public static long f64x2_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = bits(d(aHi) + d(bHi));
        return bits(d(aLo) + d(bLo));
    }

    public static long f64x2_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = bits(d(aHi) - d(bHi));
        return bits(d(aLo) - d(bLo));
    }

    public static long f64x2_mul(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = bits(d(aHi) * d(bHi));
        return bits(d(aLo) * d(bLo));
    }

    public static long f64x2_div(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = bits(d(aHi) / d(bHi));
        return bits(d(aLo) / d(bLo));
    }

    public static long f64x2_sqrt(long lo, long hi, Scratch s) {
        s.v128Hi = bits(Math.sqrt(d(hi)));
        return bits(Math.sqrt(d(lo)));
    }

    private static long round64(long x, int mode) {
        double v = d(x);
        return v != v ? x | QUIET64 : bits(round(v, mode));
    }

    public static long f64x2_ceil(long lo, long hi, Scratch s) {
        s.v128Hi = round64(hi, CEIL);
        return round64(lo, CEIL);
    }

    public static long f64x2_floor(long lo, long hi, Scratch s) {
        s.v128Hi = round64(hi, FLOOR);
        return round64(lo, FLOOR);
    }

    public static long f64x2_trunc(long lo, long hi, Scratch s) {
        s.v128Hi = round64(hi, TRUNC);
        return round64(lo, TRUNC);
    }

    public static long f64x2_nearest(long lo, long hi, Scratch s) {
        s.v128Hi = round64(hi, NEAREST);
        return round64(lo, NEAREST);
    }

    private static long quiet(double r) {
        long bits = bits(r);
        return r != r ? bits | QUIET64 : bits;
    }

    private static long min64(long x, long y) {
        return quiet(Math.min(d(x), d(y)));
    }

    private static long max64(long x, long y) {
        return quiet(Math.max(d(x), d(y)));
    }

    public static long f64x2_min(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = min64(aHi, bHi);
        return min64(aLo, bLo);
    }

    public static long f64x2_max(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = max64(aHi, bHi);
        return max64(aLo, bLo);
    }

    public static long f64x2_pmin(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = d(bHi) < d(aHi) ? bHi : aHi;
        return d(bLo) < d(aLo) ? bLo : aLo;
    }

    public static long f64x2_pmax(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = d(aHi) < d(bHi) ? bHi : aHi;
        return d(aLo) < d(bLo) ? bLo : aLo;
    }
}
