package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.Scratch;

/**
 * The relaxed SIMD instructions (WebAssembly 3.0), each with one deterministic result: the one
 * the specification's deterministic profile prescribes, which is also what Wasmtime computes with
 * {@code relaxed_simd_deterministic} (recorded by {@code test-modules/scripts/relaxed-simd-wasmtime.py}).
 * So a relaxed instruction gives the same result on every machine and every run:
 * <ul>
 *   <li>{@code relaxed_swizzle}: as {@code i8x16.swizzle} (0 for an index of 16 or more);
 *   <li>{@code relaxed_trunc}: as the saturating {@code trunc_sat} (NaN is 0);
 *   <li>{@code relaxed_madd} / {@code relaxed_nmadd}: fused, {@code fma(±a, b, c)}, one rounding;
 *   <li>{@code relaxed_laneselect}: as {@code v128.bitselect} (every bit of the mask counts);
 *   <li>{@code relaxed_min} / {@code relaxed_max}: as {@code min} / {@code max} (NaN propagates,
 *       -0 below +0);
 *   <li>{@code relaxed_q15mulr_s}: as {@code i16x8.q15mulr_sat_s};
 *   <li>{@code relaxed_dot_i8x16_i7x16_s}: both operands signed, each pair's sum wrapped to 16
 *       bits; {@code relaxed_dot_i8x16_i7x16_add_s}: the four signed products of each 32-bit lane
 *       summed without intermediate wrapping, plus the accumulator.
 * </ul>
 *
 * <p>ABI: called by generated code, like the other classes of this package.
 */
public final class SimdRelaxed {
    private SimdRelaxed() {}

    public static long i8x16_relaxed_swizzle(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdLanes.i8x16_swizzle(aLo, aHi, bLo, bHi, s);
    }

    public static long i32x4_relaxed_trunc_f32x4_s(long lo, long hi, Scratch s) {
        return SimdConvert.i32x4_trunc_sat_f32x4_s(lo, hi, s);
    }

    public static long i32x4_relaxed_trunc_f32x4_u(long lo, long hi, Scratch s) {
        return SimdConvert.i32x4_trunc_sat_f32x4_u(lo, hi, s);
    }

    public static long i32x4_relaxed_trunc_f64x2_s_zero(long lo, long hi, Scratch s) {
        return SimdConvert.i32x4_trunc_sat_f64x2_s_zero(lo, hi, s);
    }

    public static long i32x4_relaxed_trunc_f64x2_u_zero(long lo, long hi, Scratch s) {
        return SimdConvert.i32x4_trunc_sat_f64x2_u_zero(lo, hi, s);
    }

    // ---- fused multiply-add (Math.fma: one rounding, an intrinsic where the CPU has FMA)

    private static long fma32(long a, long b, long c, boolean negate) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            float x = Float.intBitsToFloat((int) (a >>> i));
            float y = Float.intBitsToFloat((int) (b >>> i));
            float z = Float.intBitsToFloat((int) (c >>> i));
            r |= (Float.floatToRawIntBits(Math.fma(negate ? -x : x, y, z)) & 0xFFFFFFFFL) << i;
        }
        return r;
    }

    private static long fma64(long a, long b, long c, boolean negate) {
        double x = Double.longBitsToDouble(a);
        return Double.doubleToRawLongBits(Math.fma(negate ? -x : x, Double.longBitsToDouble(b), Double.longBitsToDouble(c)));
    }

    public static long f32x4_relaxed_madd(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = fma32(aHi, bHi, cHi, false);
        return fma32(aLo, bLo, cLo, false);
    }

    public static long f32x4_relaxed_nmadd(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = fma32(aHi, bHi, cHi, true);
        return fma32(aLo, bLo, cLo, true);
    }

    public static long f64x2_relaxed_madd(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = fma64(aHi, bHi, cHi, false);
        return fma64(aLo, bLo, cLo, false);
    }

    public static long f64x2_relaxed_nmadd(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = fma64(aHi, bHi, cHi, true);
        return fma64(aLo, bLo, cLo, true);
    }

    // ---- lane select: a bitwise select whatever the lane width

    public static long i8x16_relaxed_laneselect(long aLo, long aHi, long bLo, long bHi, long mLo, long mHi, Scratch s) {
        return SimdBitwise.v128_bitselect(aLo, aHi, bLo, bHi, mLo, mHi, s);
    }

    public static long i16x8_relaxed_laneselect(long aLo, long aHi, long bLo, long bHi, long mLo, long mHi, Scratch s) {
        return SimdBitwise.v128_bitselect(aLo, aHi, bLo, bHi, mLo, mHi, s);
    }

    public static long i32x4_relaxed_laneselect(long aLo, long aHi, long bLo, long bHi, long mLo, long mHi, Scratch s) {
        return SimdBitwise.v128_bitselect(aLo, aHi, bLo, bHi, mLo, mHi, s);
    }

    public static long i64x2_relaxed_laneselect(long aLo, long aHi, long bLo, long bHi, long mLo, long mHi, Scratch s) {
        return SimdBitwise.v128_bitselect(aLo, aHi, bLo, bHi, mLo, mHi, s);
    }

    // ---- min and max

    public static long f32x4_relaxed_min(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdFloatArith.f32x4_min(aLo, aHi, bLo, bHi, s);
    }

    public static long f32x4_relaxed_max(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdFloatArith.f32x4_max(aLo, aHi, bLo, bHi, s);
    }

    public static long f64x2_relaxed_min(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdFloatArith.f64x2_min(aLo, aHi, bLo, bHi, s);
    }

    public static long f64x2_relaxed_max(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdFloatArith.f64x2_max(aLo, aHi, bLo, bHi, s);
    }

    public static long i16x8_relaxed_q15mulr_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        return SimdIntArith.i16x8_q15mulr_sat_s(aLo, aHi, bLo, bHi, s);
    }

    // ---- dot products of signed bytes

    /** Each 16-bit lane: a[2i]*b[2i] + a[2i+1]*b[2i+1] of signed bytes, wrapped to 16 bits. */
    private static long dot8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int sum = (byte) (a >>> i) * (byte) (b >>> i) + (byte) (a >>> (i + 8)) * (byte) (b >>> (i + 8));
            r |= (sum & 0xFFFFL) << i;
        }
        return r;
    }

    public static long i16x8_relaxed_dot_i8x16_i7x16_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = dot8(aHi, bHi);
        return dot8(aLo, bLo);
    }

    /** Each 32-bit lane: the sum of its four signed byte products, plus the lane of {@code c}. */
    private static long dot8add(long a, long b, long c) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int sum = (int) (c >>> i);
            for (int j = i; j < i + 32; j += 8) sum += (byte) (a >>> j) * (byte) (b >>> j);
            r |= (sum & 0xFFFFFFFFL) << i;
        }
        return r;
    }

    public static long i32x4_relaxed_dot_i8x16_i7x16_add_s(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = dot8add(aHi, bHi, cHi);
        return dot8add(aLo, bLo, cLo);
    }
}
