package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.Swar.H16;
import static dev.bytelift.runtime.internal.simd.Swar.H8;
import static dev.bytelift.runtime.internal.simd.Swar.L16;
import static dev.bytelift.runtime.internal.simd.Swar.L8;
import static dev.bytelift.runtime.internal.simd.Swar.ONES16;
import static dev.bytelift.runtime.internal.simd.Swar.ONES8;
import static dev.bytelift.runtime.internal.simd.Swar.add16;
import static dev.bytelift.runtime.internal.simd.Swar.add8;
import static dev.bytelift.runtime.internal.simd.Swar.lts16;
import static dev.bytelift.runtime.internal.simd.Swar.lts8;
import static dev.bytelift.runtime.internal.simd.Swar.ltu16;
import static dev.bytelift.runtime.internal.simd.Swar.ltu8;
import static dev.bytelift.runtime.internal.simd.Swar.mask16;
import static dev.bytelift.runtime.internal.simd.Swar.mask8;
import static dev.bytelift.runtime.internal.simd.Swar.pack32;
import static dev.bytelift.runtime.internal.simd.Swar.sub16;
import static dev.bytelift.runtime.internal.simd.Swar.sub8;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Lane-wise integer arithmetic: add, sub, mul, neg, abs, min/max, saturating add/sub, rounding
 * average, shifts, popcnt, {@code q15mulr_sat_s}, {@code dot}, {@code extmul} and
 * {@code extadd_pairwise}. All wrap modulo the lane width unless the name says {@code sat};
 * shift counts are taken modulo the lane width.
 *
 * <p>ABI: called by generated code.
 */
public final class SimdIntArith {
    private SimdIntArith() {}

    // =====================================================================================
    // i8x16
    // =====================================================================================

    private static long abs8(long x) {
        long m = mask8(x & H8);
        return sub8(x ^ m, m);
    }

    public static long i8x16_abs(long lo, long hi, Scratch s) {
        s.v128Hi = abs8(hi);
        return abs8(lo);
    }

    public static long i8x16_neg(long lo, long hi, Scratch s) {
        s.v128Hi = sub8(0, hi);
        return sub8(0, lo);
    }

    private static long popcnt8(long x) {
        x = x - ((x >>> 1) & 0x5555555555555555L);
        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
        return (x + (x >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
    }

    public static long i8x16_popcnt(long lo, long hi, Scratch s) {
        s.v128Hi = popcnt8(hi);
        return popcnt8(lo);
    }

    public static long i8x16_shl(long lo, long hi, int shift, Scratch s) {
        int n = shift & 7;
        long m = ONES8 * ((0xFF << n) & 0xFF);
        s.v128Hi = (hi << n) & m;
        return (lo << n) & m;
    }

    public static long i8x16_shr_u(long lo, long hi, int shift, Scratch s) {
        int n = shift & 7;
        long m = ONES8 * (0xFF >>> n);
        s.v128Hi = (hi >>> n) & m;
        return (lo >>> n) & m;
    }

    public static long i8x16_shr_s(long lo, long hi, int shift, Scratch s) {
        int n = shift & 7;
        long m = ONES8 * (0xFF >>> n);
        long k = ONES8 * (0x80 >>> n); // where each lane's sign bit lands
        s.v128Hi = sub8(((hi >>> n) & m) ^ k, k);
        return sub8(((lo >>> n) & m) ^ k, k);
    }

    public static long i8x16_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = add8(aHi, bHi);
        return add8(aLo, bLo);
    }

    public static long i8x16_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = sub8(aHi, bHi);
        return sub8(aLo, bLo);
    }

    private static long addSatS8(long a, long b) {
        long sum = add8(a, b);
        long m = mask8(~(a ^ b) & (a ^ sum) & H8);
        long sat = L8 + ((a & H8) >>> 7); // 0x7F for non-negative a, 0x80 for negative a
        return (sum & ~m) | (sat & m);
    }

    private static long subSatS8(long a, long b) {
        long diff = sub8(a, b);
        long m = mask8((a ^ b) & (a ^ diff) & H8);
        long sat = L8 + ((a & H8) >>> 7);
        return (diff & ~m) | (sat & m);
    }

    private static long addSatU8(long a, long b) {
        long sum = add8(a, b);
        return sum | mask8(((a & b) | ((a | b) & ~sum)) & H8);
    }

    private static long subSatU8(long a, long b) {
        long diff = sub8(a, b);
        return diff & ~mask8(((~a & b) | (~(a ^ b) & diff)) & H8);
    }

    public static long i8x16_add_sat_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = addSatS8(aHi, bHi);
        return addSatS8(aLo, bLo);
    }

    public static long i8x16_add_sat_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = addSatU8(aHi, bHi);
        return addSatU8(aLo, bLo);
    }

    public static long i8x16_sub_sat_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = subSatS8(aHi, bHi);
        return subSatS8(aLo, bLo);
    }

    public static long i8x16_sub_sat_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = subSatU8(aHi, bHi);
        return subSatU8(aLo, bLo);
    }

    /** Lanes of {@code x} where {@code m} is all-ones, else lanes of {@code y}. */
    private static long select(long m, long x, long y) {
        return y ^ ((x ^ y) & m);
    }

    public static long i8x16_min_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask8(lts8(aHi, bHi)), aHi, bHi);
        return select(mask8(lts8(aLo, bLo)), aLo, bLo);
    }

    public static long i8x16_min_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask8(ltu8(aHi, bHi)), aHi, bHi);
        return select(mask8(ltu8(aLo, bLo)), aLo, bLo);
    }

    public static long i8x16_max_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask8(lts8(aHi, bHi)), bHi, aHi);
        return select(mask8(lts8(aLo, bLo)), bLo, aLo);
    }

    public static long i8x16_max_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask8(ltu8(aHi, bHi)), bHi, aHi);
        return select(mask8(ltu8(aLo, bLo)), bLo, aLo);
    }

    /** (a + b + 1) >>> 1 per unsigned lane, as (a | b) - ((a ^ b) >>> 1), which never borrows. */
    public static long i8x16_avgr_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (aHi | bHi) - (((aHi ^ bHi) >>> 1) & L8);
        return (aLo | bLo) - (((aLo ^ bLo) >>> 1) & L8);
    }

    // =====================================================================================
    // i16x8
    // =====================================================================================

    private static long abs16(long x) {
        long m = mask16(x & H16);
        return sub16(x ^ m, m);
    }

    public static long i16x8_abs(long lo, long hi, Scratch s) {
        s.v128Hi = abs16(hi);
        return abs16(lo);
    }

    public static long i16x8_neg(long lo, long hi, Scratch s) {
        s.v128Hi = sub16(0, hi);
        return sub16(0, lo);
    }

    public static long i16x8_shl(long lo, long hi, int shift, Scratch s) {
        int n = shift & 15;
        long m = ONES16 * ((0xFFFF << n) & 0xFFFF);
        s.v128Hi = (hi << n) & m;
        return (lo << n) & m;
    }

    public static long i16x8_shr_u(long lo, long hi, int shift, Scratch s) {
        int n = shift & 15;
        long m = ONES16 * (0xFFFF >>> n);
        s.v128Hi = (hi >>> n) & m;
        return (lo >>> n) & m;
    }

    public static long i16x8_shr_s(long lo, long hi, int shift, Scratch s) {
        int n = shift & 15;
        long m = ONES16 * (0xFFFF >>> n);
        long k = ONES16 * (0x8000 >>> n);
        s.v128Hi = sub16(((hi >>> n) & m) ^ k, k);
        return sub16(((lo >>> n) & m) ^ k, k);
    }

    public static long i16x8_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = add16(aHi, bHi);
        return add16(aLo, bLo);
    }

    public static long i16x8_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = sub16(aHi, bHi);
        return sub16(aLo, bLo);
    }

    private static long addSatS16(long a, long b) {
        long sum = add16(a, b);
        long m = mask16(~(a ^ b) & (a ^ sum) & H16);
        long sat = L16 + ((a & H16) >>> 15);
        return (sum & ~m) | (sat & m);
    }

    private static long subSatS16(long a, long b) {
        long diff = sub16(a, b);
        long m = mask16((a ^ b) & (a ^ diff) & H16);
        long sat = L16 + ((a & H16) >>> 15);
        return (diff & ~m) | (sat & m);
    }

    private static long addSatU16(long a, long b) {
        long sum = add16(a, b);
        return sum | mask16(((a & b) | ((a | b) & ~sum)) & H16);
    }

    private static long subSatU16(long a, long b) {
        long diff = sub16(a, b);
        return diff & ~mask16(((~a & b) | (~(a ^ b) & diff)) & H16);
    }

    public static long i16x8_add_sat_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = addSatS16(aHi, bHi);
        return addSatS16(aLo, bLo);
    }

    public static long i16x8_add_sat_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = addSatU16(aHi, bHi);
        return addSatU16(aLo, bLo);
    }

    public static long i16x8_sub_sat_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = subSatS16(aHi, bHi);
        return subSatS16(aLo, bLo);
    }

    public static long i16x8_sub_sat_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = subSatU16(aHi, bHi);
        return subSatU16(aLo, bLo);
    }

    /** Four 16-bit products, each modulo 2^16 (the low 16 bits depend only on the low 16 bits). */
    static long mul16(long a, long b) {
        return ((a * b) & 0xFFFFL)
                | ((((a >>> 16) * (b >>> 16)) & 0xFFFFL) << 16)
                | ((((a >>> 32) * (b >>> 32)) & 0xFFFFL) << 32)
                | (((a >>> 48) * (b >>> 48)) << 48);
    }

    public static long i16x8_mul(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul16(aHi, bHi);
        return mul16(aLo, bLo);
    }

    public static long i16x8_min_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask16(lts16(aHi, bHi)), aHi, bHi);
        return select(mask16(lts16(aLo, bLo)), aLo, bLo);
    }

    public static long i16x8_min_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask16(ltu16(aHi, bHi)), aHi, bHi);
        return select(mask16(ltu16(aLo, bLo)), aLo, bLo);
    }

    public static long i16x8_max_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask16(lts16(aHi, bHi)), bHi, aHi);
        return select(mask16(lts16(aLo, bLo)), bLo, aLo);
    }

    public static long i16x8_max_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = select(mask16(ltu16(aHi, bHi)), bHi, aHi);
        return select(mask16(ltu16(aLo, bLo)), bLo, aLo);
    }

    public static long i16x8_avgr_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (aHi | bHi) - (((aHi ^ bHi) >>> 1) & L16);
        return (aLo | bLo) - (((aLo ^ bLo) >>> 1) & L16);
    }

    private static long q15(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int p = ((short) (a >>> i) * (short) (b >>> i) + 0x4000) >> 15;
            r |= (Math.min(p, Short.MAX_VALUE) & 0xFFFFL) << i; // only -32768 * -32768 overflows
        }
        return r;
    }

    public static long i16x8_q15mulr_sat_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = q15(aHi, bHi);
        return q15(aLo, bLo);
    }

    private static final long LOW_BYTES16 = 0x00FF00FF00FF00FFL;
    private static final long SIGN_BYTES16 = 0x0080008000800080L;

    /** The 8-bit lanes {@code x & 0xFF} of each 16-bit lane, sign-extended to 16 bits. */
    private static long sext8in16(long lowBytes) {
        return sub16(lowBytes ^ SIGN_BYTES16, SIGN_BYTES16);
    }

    private static long extaddS8(long x) {
        return add16(sext8in16(x & LOW_BYTES16), sext8in16((x >>> 8) & LOW_BYTES16));
    }

    private static long extaddU8(long x) {
        return (x & LOW_BYTES16) + ((x >>> 8) & LOW_BYTES16);
    }

    public static long i16x8_extadd_pairwise_i8x16_s(long lo, long hi, Scratch s) {
        s.v128Hi = extaddS8(hi);
        return extaddS8(lo);
    }

    public static long i16x8_extadd_pairwise_i8x16_u(long lo, long hi, Scratch s) {
        s.v128Hi = extaddU8(hi);
        return extaddU8(lo);
    }

    public static long i16x8_extmul_low_i8x16_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul16(SimdConvert.widen8s((int) (aLo >>> 32)), SimdConvert.widen8s((int) (bLo >>> 32)));
        return mul16(SimdConvert.widen8s((int) aLo), SimdConvert.widen8s((int) bLo));
    }

    public static long i16x8_extmul_high_i8x16_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul16(SimdConvert.widen8s((int) (aHi >>> 32)), SimdConvert.widen8s((int) (bHi >>> 32)));
        return mul16(SimdConvert.widen8s((int) aHi), SimdConvert.widen8s((int) bHi));
    }

    public static long i16x8_extmul_low_i8x16_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul16(SimdConvert.widen8u((int) (aLo >>> 32)), SimdConvert.widen8u((int) (bLo >>> 32)));
        return mul16(SimdConvert.widen8u((int) aLo), SimdConvert.widen8u((int) bLo));
    }

    public static long i16x8_extmul_high_i8x16_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul16(SimdConvert.widen8u((int) (aHi >>> 32)), SimdConvert.widen8u((int) (bHi >>> 32)));
        return mul16(SimdConvert.widen8u((int) aHi), SimdConvert.widen8u((int) bHi));
    }

    // =====================================================================================
    // i32x4
    // =====================================================================================

    public static long i32x4_abs(long lo, long hi, Scratch s) {
        s.v128Hi = pack32(Math.abs((int) hi), Math.abs((int) (hi >>> 32)));
        return pack32(Math.abs((int) lo), Math.abs((int) (lo >>> 32)));
    }

    public static long i32x4_neg(long lo, long hi, Scratch s) {
        s.v128Hi = pack32(-(int) hi, -(int) (hi >>> 32));
        return pack32(-(int) lo, -(int) (lo >>> 32));
    }

    public static long i32x4_shl(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = pack32((int) hi << shift, (int) (hi >>> 32) << shift);
        return pack32((int) lo << shift, (int) (lo >>> 32) << shift);
    }

    public static long i32x4_shr_s(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = pack32((int) hi >> shift, (int) (hi >>> 32) >> shift);
        return pack32((int) lo >> shift, (int) (lo >>> 32) >> shift);
    }

    public static long i32x4_shr_u(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = pack32((int) hi >>> shift, (int) (hi >>> 32) >>> shift);
        return pack32((int) lo >>> shift, (int) (lo >>> 32) >>> shift);
    }

    private static long add32(long a, long b) {
        return ((a + b) & 0xFFFFFFFFL) | (((a >>> 32) + (b >>> 32)) << 32);
    }

    private static long sub32(long a, long b) {
        return ((a - b) & 0xFFFFFFFFL) | (((a >>> 32) - (b >>> 32)) << 32);
    }

    public static long i32x4_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = add32(aHi, bHi);
        return add32(aLo, bLo);
    }

    public static long i32x4_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = sub32(aHi, bHi);
        return sub32(aLo, bLo);
    }

    private static long mul32(long a, long b) {
        return ((a * b) & 0xFFFFFFFFL) | (((a >>> 32) * (b >>> 32)) << 32);
    }

    public static long i32x4_mul(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = mul32(aHi, bHi);
        return mul32(aLo, bLo);
    }

    private static long minS32(long a, long b) {
        return pack32(Math.min((int) a, (int) b), Math.min((int) (a >>> 32), (int) (b >>> 32)));
    }

    private static long maxS32(long a, long b) {
        return pack32(Math.max((int) a, (int) b), Math.max((int) (a >>> 32), (int) (b >>> 32)));
    }

    private static final long SIGNS32 = 0x8000000080000000L;

    public static long i32x4_min_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = minS32(aHi, bHi);
        return minS32(aLo, bLo);
    }

    public static long i32x4_max_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = maxS32(aHi, bHi);
        return maxS32(aLo, bLo);
    }

    /** Unsigned order = signed order with the sign bits flipped. */
    public static long i32x4_min_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = minS32(aHi ^ SIGNS32, bHi ^ SIGNS32) ^ SIGNS32;
        return minS32(aLo ^ SIGNS32, bLo ^ SIGNS32) ^ SIGNS32;
    }

    public static long i32x4_max_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = maxS32(aHi ^ SIGNS32, bHi ^ SIGNS32) ^ SIGNS32;
        return maxS32(aLo ^ SIGNS32, bLo ^ SIGNS32) ^ SIGNS32;
    }

    private static long dot(long a, long b) {
        int l0 = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
        int l1 = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
        return pack32(l0, l1);
    }

    public static long i32x4_dot_i16x8_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = dot(aHi, bHi);
        return dot(aLo, bLo);
    }

    private static long extaddS16(long x) {
        return pack32((short) x + (short) (x >>> 16), (short) (x >>> 32) + (short) (x >>> 48));
    }

    private static long extaddU16(long x) {
        return (x & 0x0000FFFF0000FFFFL) + ((x >>> 16) & 0x0000FFFF0000FFFFL);
    }

    public static long i32x4_extadd_pairwise_i16x8_s(long lo, long hi, Scratch s) {
        s.v128Hi = extaddS16(hi);
        return extaddS16(lo);
    }

    public static long i32x4_extadd_pairwise_i16x8_u(long lo, long hi, Scratch s) {
        s.v128Hi = extaddU16(hi);
        return extaddU16(lo);
    }

    /** Products of the two signed 16-bit lanes of {@code a} and {@code b} (low 32 bits of each). */
    private static long extmulS16(int a, int b) {
        return pack32((short) a * (short) b, (a >> 16) * (b >> 16));
    }

    private static long extmulU16(int a, int b) {
        return pack32((a & 0xFFFF) * (b & 0xFFFF), (a >>> 16) * (b >>> 16));
    }

    public static long i32x4_extmul_low_i16x8_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = extmulS16((int) (aLo >>> 32), (int) (bLo >>> 32));
        return extmulS16((int) aLo, (int) bLo);
    }

    public static long i32x4_extmul_high_i16x8_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = extmulS16((int) (aHi >>> 32), (int) (bHi >>> 32));
        return extmulS16((int) aHi, (int) bHi);
    }

    public static long i32x4_extmul_low_i16x8_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = extmulU16((int) (aLo >>> 32), (int) (bLo >>> 32));
        return extmulU16((int) aLo, (int) bLo);
    }

    public static long i32x4_extmul_high_i16x8_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = extmulU16((int) (aHi >>> 32), (int) (bHi >>> 32));
        return extmulU16((int) aHi, (int) bHi);
    }

    // =====================================================================================
    // i64x2
    // =====================================================================================

    public static long i64x2_abs(long lo, long hi, Scratch s) {
        s.v128Hi = Math.abs(hi);
        return Math.abs(lo);
    }

    public static long i64x2_neg(long lo, long hi, Scratch s) {
        s.v128Hi = -hi;
        return -lo;
    }

    public static long i64x2_shl(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = hi << shift;
        return lo << shift;
    }

    public static long i64x2_shr_s(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = hi >> shift;
        return lo >> shift;
    }

    public static long i64x2_shr_u(long lo, long hi, int shift, Scratch s) {
        s.v128Hi = hi >>> shift;
        return lo >>> shift;
    }

    public static long i64x2_add(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi + bHi;
        return aLo + bLo;
    }

    public static long i64x2_sub(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi - bHi;
        return aLo - bLo;
    }

    public static long i64x2_mul(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = aHi * bHi;
        return aLo * bLo;
    }

    public static long i64x2_extmul_low_i32x4_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (long) (int) (aLo >>> 32) * (int) (bLo >>> 32);
        return (long) (int) aLo * (int) bLo;
    }

    public static long i64x2_extmul_high_i32x4_s(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (long) (int) (aHi >>> 32) * (int) (bHi >>> 32);
        return (long) (int) aHi * (int) bHi;
    }

    public static long i64x2_extmul_low_i32x4_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (aLo >>> 32) * (bLo >>> 32);
        return (aLo & 0xFFFFFFFFL) * (bLo & 0xFFFFFFFFL);
    }

    public static long i64x2_extmul_high_i32x4_u(long aLo, long aHi, long bLo, long bHi, Scratch s) {
        s.v128Hi = (aHi >>> 32) * (bHi >>> 32);
        return (aHi & 0xFFFFFFFFL) * (bHi & 0xFFFFFFFFL);
    }
}
