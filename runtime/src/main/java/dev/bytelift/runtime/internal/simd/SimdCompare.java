package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.Swar.H16;
import static dev.bytelift.runtime.internal.simd.Swar.H8;
import static dev.bytelift.runtime.internal.simd.Swar.eq16;
import static dev.bytelift.runtime.internal.simd.Swar.eq8;
import static dev.bytelift.runtime.internal.simd.Swar.lane32;
import static dev.bytelift.runtime.internal.simd.Swar.lts16;
import static dev.bytelift.runtime.internal.simd.Swar.lts8;
import static dev.bytelift.runtime.internal.simd.Swar.ltu16;
import static dev.bytelift.runtime.internal.simd.Swar.ltu8;
import static dev.bytelift.runtime.internal.simd.Swar.mask16;
import static dev.bytelift.runtime.internal.simd.Swar.mask8;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Lane-wise comparisons of every shape. A true lane is all ones, a false lane all zeros. Float
 * comparisons follow IEEE 754 (and Java): every comparison with a NaN is false except {@code ne}.
 *
 * <p>ABI: called by generated code.
 */
public final class SimdCompare {
    private SimdCompare() {}

    // =====================================================================================
    // i8x16 (SWAR: the helpers yield the top bit of each true lane, mask8 widens it)
    // =====================================================================================

    public static long i8x16_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(eq8(aHi, bHi));
        return mask8(eq8(aLo, bLo));
    }

    public static long i8x16_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(eq8(aHi, bHi) ^ H8);
        return mask8(eq8(aLo, bLo) ^ H8);
    }

    public static long i8x16_lt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(lts8(aHi, bHi));
        return mask8(lts8(aLo, bLo));
    }

    public static long i8x16_lt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(ltu8(aHi, bHi));
        return mask8(ltu8(aLo, bLo));
    }

    public static long i8x16_gt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(lts8(bHi, aHi));
        return mask8(lts8(bLo, aLo));
    }

    public static long i8x16_gt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(ltu8(bHi, aHi));
        return mask8(ltu8(bLo, aLo));
    }

    public static long i8x16_le_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(lts8(bHi, aHi) ^ H8);
        return mask8(lts8(bLo, aLo) ^ H8);
    }

    public static long i8x16_le_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(ltu8(bHi, aHi) ^ H8);
        return mask8(ltu8(bLo, aLo) ^ H8);
    }

    public static long i8x16_ge_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(lts8(aHi, bHi) ^ H8);
        return mask8(lts8(aLo, bLo) ^ H8);
    }

    public static long i8x16_ge_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask8(ltu8(aHi, bHi) ^ H8);
        return mask8(ltu8(aLo, bLo) ^ H8);
    }

    // =====================================================================================
    // i16x8
    // =====================================================================================

    public static long i16x8_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(eq16(aHi, bHi));
        return mask16(eq16(aLo, bLo));
    }

    public static long i16x8_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(eq16(aHi, bHi) ^ H16);
        return mask16(eq16(aLo, bLo) ^ H16);
    }

    public static long i16x8_lt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(lts16(aHi, bHi));
        return mask16(lts16(aLo, bLo));
    }

    public static long i16x8_lt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(ltu16(aHi, bHi));
        return mask16(ltu16(aLo, bLo));
    }

    public static long i16x8_gt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(lts16(bHi, aHi));
        return mask16(lts16(bLo, aLo));
    }

    public static long i16x8_gt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(ltu16(bHi, aHi));
        return mask16(ltu16(bLo, aLo));
    }

    public static long i16x8_le_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(lts16(bHi, aHi) ^ H16);
        return mask16(lts16(bLo, aLo) ^ H16);
    }

    public static long i16x8_le_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(ltu16(bHi, aHi) ^ H16);
        return mask16(ltu16(bLo, aLo) ^ H16);
    }

    public static long i16x8_ge_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(lts16(aHi, bHi) ^ H16);
        return mask16(lts16(aLo, bLo) ^ H16);
    }

    public static long i16x8_ge_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mask16(ltu16(aHi, bHi) ^ H16);
        return mask16(ltu16(aLo, bLo) ^ H16);
    }

    // =====================================================================================
    // i32x4
    // =====================================================================================

    private static long eq32(long a, long b) {
        return lane32((int) a == (int) b) | (lane32((int) (a >>> 32) == (int) (b >>> 32)) << 32);
    }

    private static long lts32(long a, long b) {
        return lane32((int) a < (int) b) | (lane32((int) (a >>> 32) < (int) (b >>> 32)) << 32);
    }

    private static final long SIGNS32 = 0x8000000080000000L;

    /** Unsigned less-than: signed compare with the sign bits flipped. */
    private static long ltu32(long a, long b) {
        return lts32(a ^ SIGNS32, b ^ SIGNS32);
    }

    public static long i32x4_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = eq32(aHi, bHi);
        return eq32(aLo, bLo);
    }

    public static long i32x4_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ~eq32(aHi, bHi);
        return ~eq32(aLo, bLo);
    }

    public static long i32x4_lt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = lts32(aHi, bHi);
        return lts32(aLo, bLo);
    }

    public static long i32x4_lt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ltu32(aHi, bHi);
        return ltu32(aLo, bLo);
    }

    public static long i32x4_gt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = lts32(bHi, aHi);
        return lts32(bLo, aLo);
    }

    public static long i32x4_gt_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ltu32(bHi, aHi);
        return ltu32(bLo, aLo);
    }

    public static long i32x4_le_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ~lts32(bHi, aHi);
        return ~lts32(bLo, aLo);
    }

    public static long i32x4_le_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ~ltu32(bHi, aHi);
        return ~ltu32(bLo, aLo);
    }

    public static long i32x4_ge_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ~lts32(aHi, bHi);
        return ~lts32(aLo, bLo);
    }

    public static long i32x4_ge_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = ~ltu32(aHi, bHi);
        return ~ltu32(aLo, bLo);
    }

    // =====================================================================================
    // i64x2 (signed only)
    // =====================================================================================

    private static long m64(boolean c) {
        return c ? -1L : 0L;
    }

    public static long i64x2_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi == bHi);
        return m64(aLo == bLo);
    }

    public static long i64x2_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi != bHi);
        return m64(aLo != bLo);
    }

    public static long i64x2_lt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi < bHi);
        return m64(aLo < bLo);
    }

    public static long i64x2_gt_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi > bHi);
        return m64(aLo > bLo);
    }

    public static long i64x2_le_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi <= bHi);
        return m64(aLo <= bLo);
    }

    public static long i64x2_ge_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(aHi >= bHi);
        return m64(aLo >= bLo);
    }

    // =====================================================================================
    // f32x4
    // =====================================================================================

    private static float f0(long x) {
        return Float.intBitsToFloat((int) x);
    }

    private static float f1(long x) {
        return Float.intBitsToFloat((int) (x >>> 32));
    }

    private static long pack(boolean c0, boolean c1) {
        return lane32(c0) | (lane32(c1) << 32);
    }

    public static long f32x4_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) == f0(bHi), f1(aHi) == f1(bHi));
        return pack(f0(aLo) == f0(bLo), f1(aLo) == f1(bLo));
    }

    public static long f32x4_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) != f0(bHi), f1(aHi) != f1(bHi));
        return pack(f0(aLo) != f0(bLo), f1(aLo) != f1(bLo));
    }

    public static long f32x4_lt(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) < f0(bHi), f1(aHi) < f1(bHi));
        return pack(f0(aLo) < f0(bLo), f1(aLo) < f1(bLo));
    }

    public static long f32x4_gt(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) > f0(bHi), f1(aHi) > f1(bHi));
        return pack(f0(aLo) > f0(bLo), f1(aLo) > f1(bLo));
    }

    public static long f32x4_le(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) <= f0(bHi), f1(aHi) <= f1(bHi));
        return pack(f0(aLo) <= f0(bLo), f1(aLo) <= f1(bLo));
    }

    public static long f32x4_ge(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = pack(f0(aHi) >= f0(bHi), f1(aHi) >= f1(bHi));
        return pack(f0(aLo) >= f0(bLo), f1(aLo) >= f1(bLo));
    }

    // =====================================================================================
    // f64x2
    // =====================================================================================

    private static double d(long x) {
        return Double.longBitsToDouble(x);
    }

    public static long f64x2_eq(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) == d(bHi));
        return m64(d(aLo) == d(bLo));
    }

    public static long f64x2_ne(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) != d(bHi));
        return m64(d(aLo) != d(bLo));
    }

    public static long f64x2_lt(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) < d(bHi));
        return m64(d(aLo) < d(bLo));
    }

    public static long f64x2_gt(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) > d(bHi));
        return m64(d(aLo) > d(bLo));
    }

    public static long f64x2_le(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) <= d(bHi));
        return m64(d(aLo) <= d(bLo));
    }

    public static long f64x2_ge(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = m64(d(aHi) >= d(bHi));
        return m64(d(aLo) >= d(bLo));
    }
}
