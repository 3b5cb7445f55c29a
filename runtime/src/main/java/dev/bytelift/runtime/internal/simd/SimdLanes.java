package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Lane access and rearrangement: {@code splat}, {@code extract_lane}, {@code replace_lane} for
 * every shape, {@code i8x16.shuffle} and {@code i8x16.swizzle}.
 *
 * <p>Lane indices are immediates the validator has checked ({@code lane < lane count}), so after
 * inlining the choice between the two halves folds away. Java masks shift distances (by 63 for a
 * {@code long}), which the extraction code relies on: {@code x >>> (lane << 3)} shifts by
 * {@code 8 * (lane % 8)}.
 *
 * <p>ABI: called by generated code.
 */
public final class SimdLanes {
    private SimdLanes() {}

    // ---- splat ----

    public static long i8x16_splat(int x, Scratch s) {
        long v = (x & 0xFFL) * 0x0101010101010101L;
        s.v128Hi = v;
        return v;
    }

    public static long i16x8_splat(int x, Scratch s) {
        long v = (x & 0xFFFFL) * 0x0001000100010001L;
        s.v128Hi = v;
        return v;
    }

    public static long i32x4_splat(int x, Scratch s) {
        long v = (x & 0xFFFFFFFFL) | ((long) x << 32);
        s.v128Hi = v;
        return v;
    }

    public static long i64x2_splat(long x, Scratch s) {
        s.v128Hi = x;
        return x;
    }

    public static long f32x4_splat(float x, Scratch s) {
        int b = Float.floatToRawIntBits(x);
        long v = (b & 0xFFFFFFFFL) | ((long) b << 32);
        s.v128Hi = v;
        return v;
    }

    public static long f64x2_splat(double x, Scratch s) {
        long v = Double.doubleToRawLongBits(x);
        s.v128Hi = v;
        return v;
    }

    // ---- extract_lane ----

    public static int i8x16_extract_lane_s(long lo, long hi, int lane) {
        return (byte) ((lane < 8 ? lo : hi) >>> (lane << 3));
    }

    public static int i8x16_extract_lane_u(long lo, long hi, int lane) {
        return (int) ((lane < 8 ? lo : hi) >>> (lane << 3)) & 0xFF;
    }

    public static int i16x8_extract_lane_s(long lo, long hi, int lane) {
        return (short) ((lane < 4 ? lo : hi) >>> (lane << 4));
    }

    public static int i16x8_extract_lane_u(long lo, long hi, int lane) {
        return (int) ((lane < 4 ? lo : hi) >>> (lane << 4)) & 0xFFFF;
    }

    public static int i32x4_extract_lane(long lo, long hi, int lane) {
        return (int) ((lane < 2 ? lo : hi) >>> (lane << 5));
    }

    public static long i64x2_extract_lane(long lo, long hi, int lane) {
        return lane == 0 ? lo : hi;
    }

    public static float f32x4_extract_lane(long lo, long hi, int lane) {
        return Float.intBitsToFloat((int) ((lane < 2 ? lo : hi) >>> (lane << 5)));
    }

    public static double f64x2_extract_lane(long lo, long hi, int lane) {
        return Double.longBitsToDouble(lane == 0 ? lo : hi);
    }

    // ---- replace_lane ----

    /** Replaces the lane {@code mask << shift} of the low ({@code inLo}) or high half with {@code v}. */
    private static long replace(long lo, long hi, long v, long mask, int shift, boolean inLo, Scratch s) {
        long m = mask << shift;
        long bits = (v & mask) << shift;
        if (inLo) {
            s.v128Hi = hi;
            return (lo & ~m) | bits;
        }
        s.v128Hi = (hi & ~m) | bits;
        return lo;
    }

    public static long i8x16_replace_lane(long lo, long hi, int x, int lane, Scratch s) {
        return replace(lo, hi, x, 0xFFL, (lane & 7) << 3, lane < 8, s);
    }

    public static long i16x8_replace_lane(long lo, long hi, int x, int lane, Scratch s) {
        return replace(lo, hi, x, 0xFFFFL, (lane & 3) << 4, lane < 4, s);
    }

    public static long i32x4_replace_lane(long lo, long hi, int x, int lane, Scratch s) {
        return replace(lo, hi, x, 0xFFFFFFFFL, (lane & 1) << 5, lane < 2, s);
    }

    public static long i64x2_replace_lane(long lo, long hi, long x, int lane, Scratch s) {
        if (lane == 0) {
            s.v128Hi = hi;
            return x;
        }
        s.v128Hi = x;
        return lo;
    }

    public static long f32x4_replace_lane(long lo, long hi, float x, int lane, Scratch s) {
        return replace(lo, hi, Float.floatToRawIntBits(x), 0xFFFFFFFFL, (lane & 1) << 5, lane < 2, s);
    }

    public static long f64x2_replace_lane(long lo, long hi, double x, int lane, Scratch s) {
        return i64x2_replace_lane(lo, hi, Double.doubleToRawLongBits(x), lane, s);
    }

    // ---- shuffle / swizzle ----

    /** Byte {@code i} (0..15) of the v128 {@code (lo, hi)}, as 0..255. */
    private static long byteAt(long lo, long hi, int i) {
        return ((i < 8 ? lo : hi) >>> (i << 3)) & 0xFF;
    }

    /**
     * Result byte i = byte {@code mask[i]} of the 32-byte concatenation a ++ b. The mask bytes are
     * validated immediates ({@code < 32}); only their low 5 bits are used.
     */
    public static long i8x16_shuffle(long aLo, long aHi, long bLo, long bHi, long maskLo, long maskHi, Scratch s) {
        s.v128Hi = shuffleHalf(aLo, aHi, bLo, bHi, maskHi);
        return shuffleHalf(aLo, aHi, bLo, bHi, maskLo);
    }

    private static long shuffleHalf(long aLo, long aHi, long bLo, long bHi, long mask) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int idx = (int) (mask >>> i) & 31;
            long src = idx < 16 ? (idx < 8 ? aLo : aHi) : (idx < 24 ? bLo : bHi);
            r |= ((src >>> (idx << 3)) & 0xFF) << i;
        }
        return r;
    }

    /** Result byte i = byte {@code b[i]} of {@code a}, or 0 when {@code b[i] >= 16} (unsigned). */
    public static long i8x16_swizzle(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = swizzleHalf(aLo, aHi, bHi);
        return swizzleHalf(aLo, aHi, bLo);
    }

    private static long swizzleHalf(long aLo, long aHi, long idx) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int k = (int) (idx >>> i) & 0xFF;
            long inRange = (k - 16) >> 31; // all ones when k < 16, without a data-dependent branch
            r |= (byteAt(aLo, aHi, k) & inRange) << i;
        }
        return r;
    }
}
