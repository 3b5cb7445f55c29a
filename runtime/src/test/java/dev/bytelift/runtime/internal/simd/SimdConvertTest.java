package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.callV;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimdConvertTest {
    private static final float NAN_F = Float.intBitsToFloat(0x7FA00001);
    private static final double NAN_D = Double.longBitsToDouble(0xFFF4000000000001L);

    @Test
    void truncSatF32() {
        long[] a = V.f32(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.9f);
        assertV(V.i32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, 0), callV("i32x4.trunc_sat_f32x4_s", a));
        assertV(V.i32(0, -1, 0, 0), callV("i32x4.trunc_sat_f32x4_u", a));
        long[] b = V.f32(2147483648f, -2147483904f, 2147483520f, -2147483648f);
        assertV(V.i32(Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483520, Integer.MIN_VALUE), callV("i32x4.trunc_sat_f32x4_s", b));
        assertV(V.i32((int) 2147483648L, 0, 2147483520, 0), callV("i32x4.trunc_sat_f32x4_u", b));
        long[] c = V.f32(4294967296f, 4294967040f, 1.99f, -1.99f);
        assertV(V.i32(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, -1), callV("i32x4.trunc_sat_f32x4_s", c));
        assertV(V.i32(-1, (int) 4294967040L, 1, 0), callV("i32x4.trunc_sat_f32x4_u", c));
        long[] n = V.f32(NAN_F, -Float.NaN, 1e-45f, -1e-45f);
        assertV(V.i32(0, 0, 0, 0), callV("i32x4.trunc_sat_f32x4_s", n));
        assertV(V.i32(0, 0, 0, 0), callV("i32x4.trunc_sat_f32x4_u", n));
    }

    @Test
    void truncSatF64ZeroesTheHighLanes() {
        long[] a = V.f64(Double.NaN, -2147483648.9);
        assertV(V.i32(0, Integer.MIN_VALUE, 0, 0), callV("i32x4.trunc_sat_f64x2_s_zero", a));
        assertV(V.i32(0, 0, 0, 0), callV("i32x4.trunc_sat_f64x2_u_zero", a));
        long[] b = V.f64(2147483647.9, 4294967295.9);
        assertV(V.i32(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0), callV("i32x4.trunc_sat_f64x2_s_zero", b));
        assertV(V.i32(Integer.MAX_VALUE, -1, 0, 0), callV("i32x4.trunc_sat_f64x2_u_zero", b));
        long[] c = V.f64(Double.POSITIVE_INFINITY, 4294967296.0);
        assertV(V.i32(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0), callV("i32x4.trunc_sat_f64x2_s_zero", c));
        assertV(V.i32(-1, -1, 0, 0), callV("i32x4.trunc_sat_f64x2_u_zero", c));
        long[] d = V.f64(NAN_D, Double.NEGATIVE_INFINITY);
        assertV(V.i32(0, Integer.MIN_VALUE, 0, 0), callV("i32x4.trunc_sat_f64x2_s_zero", d));
        assertV(V.i32(0, 0, 0, 0), callV("i32x4.trunc_sat_f64x2_u_zero", d));
    }

    @Test
    void convertIntToFloat() {
        long[] a = V.i32(-1, Integer.MIN_VALUE, 16777217, 0x7FFFFFFF);
        assertV(V.f32(-1f, -2147483648f, 16777216f, 2147483648f), callV("f32x4.convert_i32x4_s", a));
        // unsigned: 0xFFFFFFFF rounds up to 2^32; 0x80000000; 16777217 rounds to even; 0x7FFFFFFF
        assertV(V.f32(4294967296f, 2147483648f, 16777216f, 2147483648f), callV("f32x4.convert_i32x4_u", a));
        long[] b = V.i32(16777219, 0x80000081, 0x800000C0, 0);
        assertV(V.f32(16777220f, 2147483904f, 2147483904f, 0f), callV("f32x4.convert_i32x4_u", b));
        assertV(V.f32(16777220f, -2147483520f, -2147483392f, 0f), callV("f32x4.convert_i32x4_s", b)); // ties to even
        long[] c = V.i32(-1, Integer.MIN_VALUE, 99, 99);
        assertV(V.f64(-1.0, -2147483648.0), callV("f64x2.convert_low_i32x4_s", c));
        assertV(V.f64(4294967295.0, 2147483648.0), callV("f64x2.convert_low_i32x4_u", c));
    }

    @Test
    void demoteAndPromote() {
        long[] a = V.f64(1e300, -1e-300);
        assertV(V.f32(Float.POSITIVE_INFINITY, -0.0f, 0f, 0f), callV("f32x4.demote_f64x2_zero", a));
        long[] b = V.f64(Float.MIN_VALUE / 2.0 * 1.0000001, 0.1);
        assertV(V.f32(Float.MIN_VALUE, 0.1f, 0f, 0f), callV("f32x4.demote_f64x2_zero", b));
        long[] c = V.f64(3.4028235e38, -3.4028236e38); // under / over MAX_VALUE + half an ulp
        assertV(V.f32(Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 0f, 0f), callV("f32x4.demote_f64x2_zero", c));
        long[] n = V.i64(0x7FF8000000000000L, 0xFFF4000000000001L);
        long[] dn = callV("f32x4.demote_f64x2_zero", n);
        assertEquals(0x7FC00000L, V.lane(dn, 32, 0)); // canonical stays canonical
        assertEquals(0xFFC00000L, V.lane(dn, 32, 1) & 0xFFC00000L); // arithmetic, sign kept
        assertEquals(0, dn[1]);

        long[] f = V.f32(0.1f, -0.0f, 5f, 6f);
        assertV(V.f64(0.1f, -0.0), callV("f64x2.promote_low_f32x4", f));
        long[] fn = V.i32(0x7FC00000, 0xFFA00001, 0, 0);
        long[] pn = callV("f64x2.promote_low_f32x4", fn);
        assertEquals(0x7FF8000000000000L, pn[0]);
        assertEquals(0xFFF8000000000000L, pn[1] & 0xFFF8000000000000L);
    }

    @Test
    void narrow() {
        long[] a = V.i16(0, 127, 128, -128, -129, 255, 256, -1);
        long[] b = V.i16(32767, -32768, 1, -2, 100, -100, 0x7F, 0x80);
        assertV(V.i8(0, 127, 127, -128, -128, 127, 127, -1, 127, -128, 1, -2, 100, -100, 127, 127),
                callV("i8x16.narrow_i16x8_s", a, b));
        assertV(V.i8(0, 127, 128, 0, 0, 255, 255, 0, 255, 0, 1, 0, 100, 0, 127, 128),
                callV("i8x16.narrow_i16x8_u", a, b));
        long[] c = V.i32(32767, 32768, -32768, -32769);
        long[] d = V.i32(65535, 65536, -1, Integer.MIN_VALUE);
        assertV(V.i16(32767, 32767, -32768, -32768, 32767, 32767, -1, -32768), callV("i16x8.narrow_i32x4_s", c, d));
        assertV(V.i16(32767, 32768, 0, 0, 65535, 65535, 0, 0), callV("i16x8.narrow_i32x4_u", c, d));
    }

    @Test
    void extend() {
        long[] a = V.i8(0x80, 0x7F, 0xFF, 1, 0, 2, 3, 4, 0x81, 0xFE, 5, 6, 7, 8, 9, 0xC0);
        assertV(V.i16(-128, 127, -1, 1, 0, 2, 3, 4), callV("i16x8.extend_low_i8x16_s", a));
        assertV(V.i16(128, 127, 255, 1, 0, 2, 3, 4), callV("i16x8.extend_low_i8x16_u", a));
        assertV(V.i16(-127, -2, 5, 6, 7, 8, 9, -64), callV("i16x8.extend_high_i8x16_s", a));
        assertV(V.i16(129, 254, 5, 6, 7, 8, 9, 192), callV("i16x8.extend_high_i8x16_u", a));
        long[] b = V.i16(0x8000, 0x7FFF, 0xFFFF, 1, 2, 0x8001, 3, 0xFFFE);
        assertV(V.i32(-32768, 32767, -1, 1), callV("i32x4.extend_low_i16x8_s", b));
        assertV(V.i32(32768, 32767, 65535, 1), callV("i32x4.extend_low_i16x8_u", b));
        assertV(V.i32(2, -32767, 3, -2), callV("i32x4.extend_high_i16x8_s", b));
        assertV(V.i32(2, 32769, 3, 65534), callV("i32x4.extend_high_i16x8_u", b));
        long[] c = V.i32(Integer.MIN_VALUE, -1, 5, 0x80000001);
        assertV(V.i64(Integer.MIN_VALUE, -1), callV("i64x2.extend_low_i32x4_s", c));
        assertV(V.i64(0x80000000L, 0xFFFFFFFFL), callV("i64x2.extend_low_i32x4_u", c));
        assertV(V.i64(5, -2147483647), callV("i64x2.extend_high_i32x4_s", c));
        assertV(V.i64(5, 0x80000001L), callV("i64x2.extend_high_i32x4_u", c));
    }
}
