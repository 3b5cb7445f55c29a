package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.callV;

import org.junit.jupiter.api.Test;

/** Hand-picked boundary cases; {@link SimdIntReferenceTest} covers these ops broadly. */
class SimdIntArithTest {

    @Test
    void wrappingAddSubNegAbs() {
        long[] a = V.i8(127, 0x80, 0xFF, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x80, 0x7F);
        long[] b = V.i8(1, 0xFF, 1, 0xFF, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0x80, 0x80);
        assertV(V.i8(-128, 127, 0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, -1), callV("i8x16.add", a, b));
        assertV(V.i8(126, -127, -2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, -1), callV("i8x16.sub", a, b));
        assertV(V.i8(-127, -128, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -128, -127), callV("i8x16.neg", a));
        assertV(V.i8(127, -128, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -128, 127), callV("i8x16.abs", a));
        assertV(V.i16(-32768, 0, 32767, 1, 1, 2, 0, -32768), callV("i16x8.abs", V.i16(-32768, 0, -32767, -1, 0xFFFF, 2, 0, 0x8000)));
        assertV(V.i32(Integer.MIN_VALUE, 1, 0, Integer.MAX_VALUE), callV("i32x4.abs", V.i32(Integer.MIN_VALUE, -1, 0, -Integer.MAX_VALUE)));
        assertV(V.i64(Long.MIN_VALUE, 1), callV("i64x2.abs", V.i64(Long.MIN_VALUE, -1)));
        assertV(V.i64(Long.MIN_VALUE, -1), callV("i64x2.neg", V.i64(Long.MIN_VALUE, 1)));
        assertV(V.i32(Integer.MIN_VALUE, 0, -2, 1), callV("i32x4.add",
                V.i32(Integer.MAX_VALUE, -1, -1, 0), V.i32(1, 1, -1, 1)));
        assertV(V.i64(Long.MIN_VALUE, 0), callV("i64x2.add", V.i64(Long.MAX_VALUE, -1), V.i64(1, 1)));
        // carries must not cross lanes: 0xFFFF + 1 in lane 0 leaves lane 1 alone
        assertV(V.i16(0, 1, 0, 0, 0, 0, 0, 0), callV("i16x8.add", V.i16(0xFFFF, 1, 0, 0, 0, 0, 0, 0), V.i16(1, 0, 0, 0, 0, 0, 0, 0)));
        assertV(V.i32(-1, 0, 0, 0), callV("i32x4.sub", V.i32(0, 0, 0, 0), V.i32(1, 0, 0, 0)));
    }

    @Test
    void multiplication() {
        assertV(V.i16(0, 1, -32768, 0x8000, 9, -6, 0, 1),
                callV("i16x8.mul", V.i16(0x8000, -1, 0x8000, 0x4000, 3, 2, 0, 0xFFFF), V.i16(2, -1, 1, 2, 3, -3, 7, 0xFFFF)));
        assertV(V.i32(0, 1, Integer.MIN_VALUE, -6), callV("i32x4.mul",
                V.i32(0x10000, -1, 0x40000000, 2), V.i32(0x10000, -1, 2, -3)));
        assertV(V.i64(0, Long.MIN_VALUE), callV("i64x2.mul", V.i64(1L << 32, 1L << 62), V.i64(1L << 32, 2)));
    }

    @Test
    void saturation() {
        long[] a = V.i8(127, -128, 100, -100, 0x7F, 0x80, 0xFF, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        long[] b = V.i8(1, -1, 100, -100, 0x7F, 0x80, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertV(V.i8(127, -128, 127, -128, 127, -128, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), callV("i8x16.add_sat_s", a, b));
        assertV(V.i8(128, 255, 200, 255, 254, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9), callV("i8x16.add_sat_u", a, b));
        assertV(V.i8(126, -127, 0, 0, 0, 0, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7), callV("i8x16.sub_sat_s", a, b));
        assertV(V.i8(126, 0, 0, 0, 0, 0, 254, 0, 0, 1, 2, 3, 4, 5, 6, 7), callV("i8x16.sub_sat_u", a, b));
        long[] c = V.i16(32767, -32768, 0x8000, 0xFFFF, 1, 0, -1, 100);
        long[] d = V.i16(1, -1, 0x7FFF, 1, -32768, 32767, -32768, -200);
        assertV(V.i16(32767, -32768, -1, 0, -32767, 32767, -32768, -100), callV("i16x8.add_sat_s", c, d));
        assertV(V.i16(32768, 65535, 65535, 65535, 32769, 32767, 65535, 65436), callV("i16x8.add_sat_u", c, d));
        assertV(V.i16(32766, -32767, -32768, -2, 32767, -32767, 32767, 300), callV("i16x8.sub_sat_s", c, d));
        assertV(V.i16(32766, 0, 1, 65534, 0, 0, 32767, 0), callV("i16x8.sub_sat_u", c, d));
    }

    @Test
    void shiftsUseTheCountModuloTheLaneWidth() {
        long[] a = V.i8(0x81, 0x40, 0xFF, 1, 0x80, 0x7F, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0xF0);
        assertV(callV("i8x16.shl", a, 1), callV("i8x16.shl", a, 9));
        assertV(V.i8(0x02, 0x80, 0xFE, 2, 0, 0xFE, 4, 6, 8, 10, 12, 14, 16, 18, 20, 0xE0), callV("i8x16.shl", a, 1));
        assertV(V.i8(0xC0, 0x20, 0xFF, 0, 0xC0, 0x3F, 1, 1, 2, 2, 3, 3, 4, 4, 5, 0xF8), callV("i8x16.shr_s", a, -7));
        assertV(V.i8(0x40, 0x20, 0x7F, 0, 0x40, 0x3F, 1, 1, 2, 2, 3, 3, 4, 4, 5, 0x78), callV("i8x16.shr_u", a, 0x101));
        assertV(a, callV("i8x16.shr_s", a, 8));
        assertV(V.i8(0xFF, 0, 0xFF, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF), callV("i8x16.shr_s", a, 7));
        long[] h = V.i16(0x8001, 0x7FFF, 0xFFFF, 1, 2, 3, 4, 0x4000);
        assertV(V.i16(0xC000, 0x3FFF, 0xFFFF, 0, 1, 1, 2, 0x2000), callV("i16x8.shr_s", h, 17));
        assertV(V.i16(0x4000, 0x3FFF, 0x7FFF, 0, 1, 1, 2, 0x2000), callV("i16x8.shr_u", h, -15));
        assertV(V.i16(0x8000, 0x8000, 0x8000, 0x8000, 0, 0x8000, 0, 0), callV("i16x8.shl", h, 15));
        long[] w = V.i32(Integer.MIN_VALUE, 1, -1, 0x40000000);
        assertV(V.i32(0xC0000000, 0, -1, 0x20000000), callV("i32x4.shr_s", w, 33));
        assertV(V.i32(0x40000000, 0, 0x7FFFFFFF, 0x20000000), callV("i32x4.shr_u", w, -31));
        assertV(w, callV("i32x4.shl", w, 32));
        long[] q = V.i64(Long.MIN_VALUE, 3);
        assertV(q, callV("i64x2.shl", q, 64));
        assertV(V.i64(-1, 0), callV("i64x2.shr_s", q, 63));
        assertV(V.i64(1, 0), callV("i64x2.shr_u", q, -1));
        assertV(V.i64(0, 6), callV("i64x2.shl", q, 65));
    }

    @Test
    void minMaxAvgr() {
        long[] a = V.i8(0x80, 0x7F, 0xFF, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        long[] b = V.i8(0x7F, 0x80, 0, 0xFF, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13);
        assertV(V.i8(0x80, 0x80, 0xFF, 0xFF, 1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), callV("i8x16.min_s", a, b));
        assertV(V.i8(0x7F, 0x7F, 0, 0, 1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), callV("i8x16.min_u", a, b));
        assertV(V.i8(0x7F, 0x7F, 0, 0, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13), callV("i8x16.max_s", a, b));
        assertV(V.i8(0x80, 0x80, 0xFF, 0xFF, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13), callV("i8x16.max_u", a, b));
        assertV(V.i8(128, 128, 128, 128, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13), callV("i8x16.avgr_u", a, b));
        assertV(V.i16(65535, 32768, 1, 0, 0, 0, 0, 0),
                callV("i16x8.avgr_u", V.i16(65535, 65535, 1, 0, 0, 0, 0, 0), V.i16(65535, 0, 0, 0, 0, 0, 0, 0)));
        assertV(V.i32(Integer.MIN_VALUE, -1, 0, 5), callV("i32x4.min_s",
                V.i32(Integer.MIN_VALUE, -1, 0, 5), V.i32(Integer.MAX_VALUE, 0, 0, 6)));
        assertV(V.i32(Integer.MAX_VALUE, 0, 0, 5), callV("i32x4.min_u",
                V.i32(Integer.MIN_VALUE, -1, 0, 5), V.i32(Integer.MAX_VALUE, 0, 0, 6)));
        assertV(V.i32(Integer.MIN_VALUE, -1, 0, 6), callV("i32x4.max_u",
                V.i32(Integer.MIN_VALUE, -1, 0, 5), V.i32(Integer.MAX_VALUE, 0, 0, 6)));
    }

    @Test
    void q15DotExtmulExtaddPopcnt() {
        assertV(V.i16(32767, -32767, 16384, 0, 1, 0, 1, 32765),
                callV("i16x8.q15mulr_sat_s",
                        V.i16(-32768, -32768, 16384, 0, 1, -1, 0x4000, 32767),
                        V.i16(-32768, 32767, 32767, 9, 16384, 16384, 1, 32766)));
        // dot: the only overflow, (-32768)^2 * 2, wraps to 0x80000000
        assertV(V.i32(Integer.MIN_VALUE, 3 * 4 + 5 * 6, -2 * 32767, 0),
                callV("i32x4.dot_i16x8_s", V.i16(-32768, -32768, 3, 5, -1, -1, 0, 0),
                        V.i16(-32768, -32768, 4, 6, 32767, 32767, 7, 8)));
        assertV(V.i16(0xFE01, 0x4000, 0xFE01, 0, 0, 0, 0, 0),
                callV("i16x8.extmul_low_i8x16_u", V.i8(0xFF, 0x80, 0xFF, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9),
                        V.i8(0xFF, 0x80, 0xFF, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9)));
        assertV(V.i16(81, 81, 81, 81, 81, 81, 81, -128 * 127),
                callV("i16x8.extmul_high_i8x16_s", V.i8(0xFF, 0x80, 0xFF, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 0x80),
                        V.i8(0xFF, 0x80, 0xFF, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 127)));
        assertV(V.i32(0x40000000, 1, 0, 0),
                callV("i32x4.extmul_low_i16x8_s", V.i16(-32768, 0xFFFF, 0, 0, 1, 1, 1, 1), V.i16(-32768, 0xFFFF, 0, 0, 1, 1, 1, 1)));
        assertV(V.i32(0, 0, (int) 0xFFFE0001L, 0x40000000),
                callV("i32x4.extmul_high_i16x8_u", V.i16(0, 0, 0, 0, 0, 0, 0xFFFF, 0x8000), V.i16(0, 0, 0, 0, 0, 0, 0xFFFF, 0x8000)));
        assertV(V.i64(0xFFFFFFFE00000001L, 0x4000000000000000L),
                callV("i64x2.extmul_low_i32x4_u", V.i32(-1, Integer.MIN_VALUE, 0, 0), V.i32(-1, Integer.MIN_VALUE, 0, 0)));
        assertV(V.i64(1, 0x4000000000000000L),
                callV("i64x2.extmul_high_i32x4_s", V.i32(0, 0, -1, Integer.MIN_VALUE), V.i32(0, 0, -1, Integer.MIN_VALUE)));
        assertV(V.i16(-256, 254, -2, 0, 0, 0, 0, 0),
                callV("i16x8.extadd_pairwise_i8x16_s", V.i8(0x80, 0x80, 0x7F, 0x7F, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertV(V.i16(256, 254, 510, 0, 0, 0, 0, 0), callV("i16x8.extadd_pairwise_i8x16_u",
                V.i8(0x80, 0x80, 0x7F, 0x7F, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertV(V.i32(-65536, 65534, 0, 1), callV("i32x4.extadd_pairwise_i16x8_s",
                V.i16(0x8000, 0x8000, 0x7FFF, 0x7FFF, 0, 0, 1, 0)));
        assertV(V.i32(65536, 65534, 131070, 1), callV("i32x4.extadd_pairwise_i16x8_u",
                V.i16(0x8000, 0x8000, 0x7FFF, 0x7FFF, 0xFFFF, 0xFFFF, 1, 0)));
        assertV(V.i8(0, 1, 8, 7, 1, 4, 2, 3, 0, 1, 8, 7, 1, 4, 2, 3), callV("i8x16.popcnt",
                V.i8(0, 0x80, 0xFF, 0x7F, 0x10, 0x0F, 0x11, 0x70, 0, 0x80, 0xFF, 0x7F, 0x10, 0x0F, 0x11, 0x70)));
    }
}
