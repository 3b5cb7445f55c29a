package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Shape conversions: integer narrowing (saturating) and extension, float-to-int saturating
 * truncation, int-to-float conversion, {@code f32x4.demote_f64x2_zero} and
 * {@code f64x2.promote_low_f32x4}.
 *
 * <p>Java's float-to-int casts already have the saturating semantics of {@code trunc_sat}
 * (NaN to 0, out-of-range values to the nearest bound), and its int-to-float casts round to
 * nearest-even as WebAssembly requires.
 *
 * <p>ABI: called by generated code. The package-private {@code widen*} helpers are shared with
 * {@link SimdMemory} and {@link SimdIntArith}.
 */
public final class SimdConvert {
    private SimdConvert() {}

    // ---- widening helpers: the low lanes of an int, each extended to twice its width ----

    /** Bytes 0..3 of {@code x}, zero-extended to four 16-bit lanes. */
    static long widen8u(int x) {
        long v = x & 0xFFFFFFFFL;
        return (v & 0xFFL) | ((v & 0xFF00L) << 8) | ((v & 0xFF0000L) << 16) | ((v & 0xFF000000L) << 24);
    }

    /** Bytes 0..3 of {@code x}, sign-extended to four 16-bit lanes. */
    static long widen8s(int x) {
        long u = widen8u(x);
        return u | (((u >>> 7) & 0x0001000100010001L) * 0xFF00L);
    }

    /** The two 16-bit halves of {@code x}, zero-extended to two 32-bit lanes. */
    static long widen16u(int x) {
        long v = x & 0xFFFFFFFFL;
        return (v & 0xFFFFL) | ((v & 0xFFFF0000L) << 16);
    }

    /** The two 16-bit halves of {@code x}, sign-extended to two 32-bit lanes. */
    static long widen16s(int x) {
        return ((short) x & 0xFFFFFFFFL) | ((long) (x >> 16) << 32);
    }

    // ---- extend ----

    public static long i16x8_extend_low_i8x16_s(long lo, long hi, Scratch s) {
        s.v128Hi = widen8s((int) (lo >>> 32));
        return widen8s((int) lo);
    }

    public static long i16x8_extend_high_i8x16_s(long lo, long hi, Scratch s) {
        s.v128Hi = widen8s((int) (hi >>> 32));
        return widen8s((int) hi);
    }

    public static long i16x8_extend_low_i8x16_u(long lo, long hi, Scratch s) {
        s.v128Hi = widen8u((int) (lo >>> 32));
        return widen8u((int) lo);
    }

    public static long i16x8_extend_high_i8x16_u(long lo, long hi, Scratch s) {
        s.v128Hi = widen8u((int) (hi >>> 32));
        return widen8u((int) hi);
    }

    public static long i32x4_extend_low_i16x8_s(long lo, long hi, Scratch s) {
        s.v128Hi = widen16s((int) (lo >>> 32));
        return widen16s((int) lo);
    }

    public static long i32x4_extend_high_i16x8_s(long lo, long hi, Scratch s) {
        s.v128Hi = widen16s((int) (hi >>> 32));
        return widen16s((int) hi);
    }

    public static long i32x4_extend_low_i16x8_u(long lo, long hi, Scratch s) {
        s.v128Hi = widen16u((int) (lo >>> 32));
        return widen16u((int) lo);
    }

    public static long i32x4_extend_high_i16x8_u(long lo, long hi, Scratch s) {
        s.v128Hi = widen16u((int) (hi >>> 32));
        return widen16u((int) hi);
    }

    public static long i64x2_extend_low_i32x4_s(long lo, long hi, Scratch s) {
        s.v128Hi = lo >> 32;
        return (int) lo;
    }

    public static long i64x2_extend_high_i32x4_s(long lo, long hi, Scratch s) {
        s.v128Hi = hi >> 32;
        return (int) hi;
    }

    public static long i64x2_extend_low_i32x4_u(long lo, long hi, Scratch s) {
        s.v128Hi = lo >>> 32;
        return lo & 0xFFFFFFFFL;
    }

    public static long i64x2_extend_high_i32x4_u(long lo, long hi, Scratch s) {
        s.v128Hi = hi >>> 32;
        return hi & 0xFFFFFFFFL;
    }

    // ---- narrow (saturating): lanes of a into the low half, lanes of b into the high half ----

    /** Four signed 16-bit lanes of {@code x}, saturated to signed 8 bits, as four bytes. */
    private static long narrow16to8s(long x) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (short) (x >>> (i << 4));
            r |= (long) (Math.max(-128, Math.min(127, v)) & 0xFF) << (i << 3);
        }
        return r;
    }

    /** Four signed 16-bit lanes of {@code x}, saturated to unsigned 8 bits, as four bytes. */
    private static long narrow16to8u(long x) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (short) (x >>> (i << 4));
            r |= (long) Math.max(0, Math.min(255, v)) << (i << 3);
        }
        return r;
    }

    public static long i8x16_narrow_i16x8_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = narrow16to8s(bLo) | (narrow16to8s(bHi) << 32);
        return narrow16to8s(aLo) | (narrow16to8s(aHi) << 32);
    }

    public static long i8x16_narrow_i16x8_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = narrow16to8u(bLo) | (narrow16to8u(bHi) << 32);
        return narrow16to8u(aLo) | (narrow16to8u(aHi) << 32);
    }

    /** Two signed 32-bit lanes of {@code x}, saturated to signed 16 bits, as two 16-bit fields. */
    private static long narrow32to16s(long x) {
        int v0 = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, (int) x));
        int v1 = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, (int) (x >>> 32)));
        return (v0 & 0xFFFFL) | ((v1 & 0xFFFFL) << 16);
    }

    private static long narrow32to16u(long x) {
        int v0 = Math.max(0, Math.min(0xFFFF, (int) x));
        int v1 = Math.max(0, Math.min(0xFFFF, (int) (x >>> 32)));
        return v0 | ((long) v1 << 16);
    }

    public static long i16x8_narrow_i32x4_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = narrow32to16s(bLo) | (narrow32to16s(bHi) << 32);
        return narrow32to16s(aLo) | (narrow32to16s(aHi) << 32);
    }

    public static long i16x8_narrow_i32x4_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = narrow32to16u(bLo) | (narrow32to16u(bHi) << 32);
        return narrow32to16u(aLo) | (narrow32to16u(aHi) << 32);
    }

    // ---- float -> int, saturating ----

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static long pack(int lane0, int lane1) {
        return (lane0 & 0xFFFFFFFFL) | ((long) lane1 << 32);
    }

    /** Unsigned saturating truncation to 32 bits: NaN and negatives to 0, large values to 2^32-1. */
    private static int truncSatU32(double v) {
        long t = (long) v; // NaN -> 0; |v| < 2^63 is exact after truncation
        return (int) Math.max(0L, Math.min(0xFFFFFFFFL, t));
    }

    public static long i32x4_trunc_sat_f32x4_s(long lo, long hi, Scratch s) {
        s.v128Hi = pack((int) f((int) hi), (int) f((int) (hi >>> 32)));
        return pack((int) f((int) lo), (int) f((int) (lo >>> 32)));
    }

    public static long i32x4_trunc_sat_f32x4_u(long lo, long hi, Scratch s) {
        s.v128Hi = pack(truncSatU32(f((int) hi)), truncSatU32(f((int) (hi >>> 32))));
        return pack(truncSatU32(f((int) lo)), truncSatU32(f((int) (lo >>> 32))));
    }

    public static long i32x4_trunc_sat_f64x2_s_zero(long lo, long hi, Scratch s) {
        s.v128Hi = 0;
        return pack((int) Double.longBitsToDouble(lo), (int) Double.longBitsToDouble(hi));
    }

    public static long i32x4_trunc_sat_f64x2_u_zero(long lo, long hi, Scratch s) {
        s.v128Hi = 0;
        return pack(truncSatU32(Double.longBitsToDouble(lo)), truncSatU32(Double.longBitsToDouble(hi)));
    }

    // ---- int -> float ----

    private static long packF(float lane0, float lane1) {
        return pack(Float.floatToRawIntBits(lane0), Float.floatToRawIntBits(lane1));
    }

    public static long f32x4_convert_i32x4_s(long lo, long hi, Scratch s) {
        s.v128Hi = packF((float) (int) hi, (float) (int) (hi >>> 32));
        return packF((float) (int) lo, (float) (int) (lo >>> 32));
    }

    /** long -> float conversion rounds once, to nearest-even, so this is exact WebAssembly. */
    public static long f32x4_convert_i32x4_u(long lo, long hi, Scratch s) {
        s.v128Hi = packF((float) (hi & 0xFFFFFFFFL), (float) (hi >>> 32));
        return packF((float) (lo & 0xFFFFFFFFL), (float) (lo >>> 32));
    }

    public static long f64x2_convert_low_i32x4_s(long lo, long hi, Scratch s) {
        s.v128Hi = Double.doubleToRawLongBits((int) (lo >>> 32));
        return Double.doubleToRawLongBits((int) lo);
    }

    public static long f64x2_convert_low_i32x4_u(long lo, long hi, Scratch s) {
        s.v128Hi = Double.doubleToRawLongBits(lo >>> 32);
        return Double.doubleToRawLongBits(lo & 0xFFFFFFFFL);
    }

    // ---- float <-> float ----

    /**
     * f64 lanes rounded to f32 into lanes 0 and 1; lanes 2 and 3 are zero. The hardware
     * conversion keeps a NaN's sign and top payload bits and sets the quiet bit.
     */
    public static long f32x4_demote_f64x2_zero(long lo, long hi, Scratch s) {
        s.v128Hi = 0;
        return packF((float) Double.longBitsToDouble(lo), (float) Double.longBitsToDouble(hi));
    }

    /** f32 lanes 0 and 1 widened (exactly) to f64. */
    public static long f64x2_promote_low_f32x4(long lo, long hi, Scratch s) {
        s.v128Hi = Double.doubleToRawLongBits(f((int) (lo >>> 32)));
        return Double.doubleToRawLongBits(f((int) lo));
    }
}
