package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.Swar.H16;
import static dev.bytelift.runtime.internal.simd.Swar.H8;
import static dev.bytelift.runtime.internal.simd.Swar.ONES16;
import static dev.bytelift.runtime.internal.simd.Swar.ONES8;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Bitwise {@code v128} instructions and the lane reductions to a scalar: {@code v128.not},
 * {@code and}, {@code andnot}, {@code or}, {@code xor}, {@code bitselect}, {@code any_true}, and
 * the per-shape {@code all_true} and {@code bitmask}.
 *
 * <p>ABI: called by generated code (see the package's ABI: a {@code v128} is two {@code long}s,
 * a {@code v128} result's high half goes to {@link Scratch#v128Hi}).
 */
public final class SimdBitwise {
    private SimdBitwise() {}

    public static long v128_not(long lo, long hi, Scratch s) {
        s.v128Hi = ~hi;
        return ~lo;
    }

    public static long v128_and(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi & bHi;
        return aLo & bLo;
    }

    public static long v128_andnot(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi & ~bHi;
        return aLo & ~bLo;
    }

    public static long v128_or(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi | bHi;
        return aLo | bLo;
    }

    public static long v128_xor(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi ^ bHi;
        return aLo ^ bLo;
    }

    /** Bits of {@code a} where {@code c} is 1, bits of {@code b} where it is 0. */
    public static long v128_bitselect(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, Scratch s) {
        s.v128Hi = bHi ^ ((aHi ^ bHi) & cHi);
        return bLo ^ ((aLo ^ bLo) & cLo);
    }

    public static int v128_any_true(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    // ---- all_true: 1 when no lane is zero ----

    /** Nonzero (H bit of some lane) when some 8-bit lane of {@code x} is zero. */
    private static long zero8(long x) {
        return (x - ONES8) & ~x & H8;
    }

    private static long zero16(long x) {
        return (x - ONES16) & ~x & H16;
    }

    public static int i8x16_all_true(long lo, long hi) {
        return (zero8(lo) | zero8(hi)) == 0 ? 1 : 0;
    }

    public static int i16x8_all_true(long lo, long hi) {
        return (zero16(lo) | zero16(hi)) == 0 ? 1 : 0;
    }

    public static int i32x4_all_true(long lo, long hi) {
        return ((int) lo != 0 & (int) (lo >>> 32) != 0 & (int) hi != 0 & (int) (hi >>> 32) != 0) ? 1 : 0;
    }

    public static int i64x2_all_true(long lo, long hi) {
        return (lo != 0 & hi != 0) ? 1 : 0;
    }

    // ---- bitmask: bit i of the result = top bit of lane i ----

    /** The top bits of the eight byte lanes of {@code x}, lane 0 in bit 0. */
    private static int bits8(long x) {
        return (int) ((((x >>> 7) & ONES8) * 0x0102040810204080L) >>> 56);
    }

    private static int bits16(long x) {
        return (int) (((x >>> 15) & 1) | ((x >>> 30) & 2) | ((x >>> 45) & 4) | ((x >>> 60) & 8));
    }

    public static int i8x16_bitmask(long lo, long hi) {
        return bits8(lo) | (bits8(hi) << 8);
    }

    public static int i16x8_bitmask(long lo, long hi) {
        return bits16(lo) | (bits16(hi) << 4);
    }

    public static int i32x4_bitmask(long lo, long hi) {
        return (int) (((lo >>> 31) & 1) | ((lo >>> 62) & 2) | ((hi >>> 29) & 4) | ((hi >>> 60) & 8));
    }

    public static int i64x2_bitmask(long lo, long hi) {
        return (int) ((lo >>> 63) | ((hi >>> 62) & 2));
    }
}
