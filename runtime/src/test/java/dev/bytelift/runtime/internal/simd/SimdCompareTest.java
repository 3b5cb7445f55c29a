package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.callV;

import org.junit.jupiter.api.Test;

class SimdCompareTest {
    private static final int T = -1;

    @Test
    void signedAndUnsignedDifferAtTheSignBit() {
        long[] a = V.i8(0x80, 0x7F, 0xFF, 0, 1, 0x80, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 5);
        long[] b = V.i8(0x7F, 0x80, 0, 0xFF, 1, 0x80, 0x80, 0xFE, 0, 0, 0, 0, 0, 0, 0, 4);
        assertV(V.i8(T, 0, T, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), callV("i8x16.lt_s", a, b));
        assertV(V.i8(0, T, 0, T, 0, 0, T, 0, 0, 0, 0, 0, 0, 0, 0, 0), callV("i8x16.lt_u", a, b));
        assertV(V.i8(0, T, 0, T, 0, 0, T, T, 0, 0, 0, 0, 0, 0, 0, T), callV("i8x16.gt_s", a, b));
        assertV(V.i8(T, 0, T, 0, 0, 0, 0, T, 0, 0, 0, 0, 0, 0, 0, T), callV("i8x16.gt_u", a, b));
        assertV(V.i8(T, 0, T, 0, T, T, 0, 0, T, T, T, T, T, T, T, 0), callV("i8x16.le_s", a, b));
        assertV(V.i8(T, 0, T, 0, T, T, 0, T, T, T, T, T, T, T, T, T), callV("i8x16.ge_u", a, b));
        assertV(V.i8(0, 0, 0, 0, T, T, 0, 0, T, T, T, T, T, T, T, 0), callV("i8x16.eq", a, b));
        assertV(V.i8(T, T, T, T, 0, 0, T, T, 0, 0, 0, 0, 0, 0, 0, T), callV("i8x16.ne", a, b));

        long[] c = V.i16(0x8000, 0x7FFF, 0xFFFF, 0, 1, 2, 3, 0x8000);
        long[] d = V.i16(0x7FFF, 0x8000, 0, 0xFFFF, 1, 3, 2, 0x8001);
        assertV(V.i16(T, 0, T, 0, 0, T, 0, T), callV("i16x8.lt_s", c, d));
        assertV(V.i16(0, T, 0, T, 0, T, 0, T), callV("i16x8.lt_u", c, d));
        assertV(V.i16(0, T, 0, T, T, 0, T, 0), callV("i16x8.ge_s", c, d));
        assertV(V.i16(T, 0, T, 0, T, 0, T, 0), callV("i16x8.ge_u", c, d));

        long[] e = V.i32(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 7);
        long[] f = V.i32(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 7);
        assertV(V.i32(T, 0, T, 0), callV("i32x4.lt_s", e, f));
        assertV(V.i32(0, T, 0, 0), callV("i32x4.lt_u", e, f));
        assertV(V.i32(T, 0, T, T), callV("i32x4.le_s", e, f));
        assertV(V.i32(0, T, 0, T), callV("i32x4.le_u", e, f));
        assertV(V.i32(0, T, 0, 0), callV("i32x4.gt_s", e, f));
        assertV(V.i32(T, 0, T, 0), callV("i32x4.gt_u", e, f));
        assertV(V.i32(0, 0, 0, T), callV("i32x4.eq", e, f));
        assertV(V.i32(T, T, T, 0), callV("i32x4.ne", e, f));

        long[] g = V.i64(Long.MIN_VALUE, -1);
        long[] h = V.i64(Long.MAX_VALUE, -1);
        assertV(V.i64(-1, 0), callV("i64x2.lt_s", g, h));
        assertV(V.i64(0, 0), callV("i64x2.gt_s", g, h));
        assertV(V.i64(-1, -1), callV("i64x2.le_s", g, h));
        assertV(V.i64(0, -1), callV("i64x2.ge_s", g, h));
        assertV(V.i64(0, -1), callV("i64x2.eq", g, h));
        assertV(V.i64(-1, 0), callV("i64x2.ne", g, h));
    }

    @Test
    void floatComparisonsWithNaNAndZeros() {
        long[] a = V.f32(Float.NaN, -0.0f, 1f, Float.NEGATIVE_INFINITY);
        long[] b = V.f32(Float.NaN, 0.0f, Float.NaN, -Float.MAX_VALUE);
        assertV(V.i32(0, T, 0, 0), callV("f32x4.eq", a, b));
        assertV(V.i32(T, 0, T, T), callV("f32x4.ne", a, b));
        assertV(V.i32(0, 0, 0, T), callV("f32x4.lt", a, b));
        assertV(V.i32(0, T, 0, T), callV("f32x4.le", a, b));
        assertV(V.i32(0, 0, 0, 0), callV("f32x4.gt", a, b));
        assertV(V.i32(0, T, 0, 0), callV("f32x4.ge", a, b));
        long[] sn = V.i32(0x7FA00000, 0x7FA00000, 0, 0); // identical NaN bits are still unequal
        assertV(V.i32(0, 0, T, T), callV("f32x4.eq", sn, sn));

        long[] c = V.f64(Double.NaN, -0.0);
        long[] d = V.f64(1.0, 0.0);
        assertV(V.i64(0, -1), callV("f64x2.eq", c, d));
        assertV(V.i64(-1, 0), callV("f64x2.ne", c, d));
        assertV(V.i64(0, 0), callV("f64x2.lt", c, d));
        assertV(V.i64(0, -1), callV("f64x2.le", c, d));
        assertV(V.i64(0, 0), callV("f64x2.gt", c, d));
        assertV(V.i64(0, -1), callV("f64x2.ge", c, d));
        long[] e = V.f64(Double.MIN_VALUE, Double.NEGATIVE_INFINITY);
        long[] f = V.f64(0.0, Double.POSITIVE_INFINITY);
        assertV(V.i64(-1, 0), callV("f64x2.gt", e, f));
        assertV(V.i64(0, -1), callV("f64x2.lt", e, f));
    }
}
