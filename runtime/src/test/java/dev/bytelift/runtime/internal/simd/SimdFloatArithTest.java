package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bytelift.runtime.internal.Scratch;
import org.junit.jupiter.api.Test;

class SimdFloatArithTest {
    private final Scratch s = new Scratch();

    private static final int F_SNAN = 0x7FA00001;     // signalling NaN with a payload
    private static final int F_SNAN_NEG = 0xFF800001;
    private static final int F_QNAN = 0x7FC00000;     // canonical
    private static final long D_SNAN = 0x7FF4000000000001L;
    private static final long D_QNAN = 0x7FF8000000000000L;

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static void assertArithmeticNaN32(long bits) {
        assertEquals(0x7FC00000, (int) bits & 0x7FC00000, "not an arithmetic f32 NaN: " + Long.toHexString(bits));
    }

    private static void assertArithmeticNaN64(long bits) {
        assertEquals(0x7FF8000000000000L, bits & 0x7FF8000000000000L, "not an arithmetic f64 NaN: " + Long.toHexString(bits));
    }

    @Test
    void absNegAreSignBitOperations() {
        long[] v = V.i32(F_SNAN_NEG, 0x80000000, F_QNAN, 0x3F800000);
        assertV(V.i32(0x7F800001, 0, F_QNAN, 0x3F800000), r(SimdFloatArith.f32x4_abs(v[0], v[1], s), s));
        assertV(V.i32(0x7F800001, 0, 0xFFC00000, 0xBF800000), r(SimdFloatArith.f32x4_neg(v[0], v[1], s), s));
        assertV(V.i64(D_SNAN, 0x8000000000000000L), r(SimdFloatArith.f64x2_neg(D_SNAN | Long.MIN_VALUE, 0, s), s));
        assertV(V.i64(D_SNAN, 0), r(SimdFloatArith.f64x2_abs(D_SNAN | Long.MIN_VALUE, Long.MIN_VALUE, s), s));
    }

    @Test
    void arithmetic() {
        long[] a = V.f32(1.5f, -0.0f, Float.MAX_VALUE, 1f);
        long[] b = V.f32(2.25f, 0.0f, Float.MAX_VALUE, 3f);
        assertV(V.f32(3.75f, 0.0f, Float.POSITIVE_INFINITY, 4f), r(SimdFloatArith.f32x4_add(a[0], a[1], b[0], b[1], s), s));
        assertV(V.f32(-0.75f, -0.0f, 0f, -2f), r(SimdFloatArith.f32x4_sub(a[0], a[1], b[0], b[1], s), s));
        assertV(V.f32(3.375f, -0.0f, Float.POSITIVE_INFINITY, 3f), r(SimdFloatArith.f32x4_mul(a[0], a[1], b[0], b[1], s), s));
        long[] q = r(SimdFloatArith.f32x4_div(a[0], a[1], b[0], b[1], s), s);
        assertEquals(Float.floatToRawIntBits(1.5f / 2.25f), (int) V.lane(q, 32, 0));
        assertArithmeticNaN32(V.lane(q, 32, 1)); // -0/0
        assertEquals(Float.floatToRawIntBits(1f), (int) V.lane(q, 32, 2));
        assertEquals(Float.floatToRawIntBits(1f / 3f), (int) V.lane(q, 32, 3));
        long[] sq = r(SimdFloatArith.f32x4_sqrt(V.f32(4f, -1f, -0.0f, 2f)[0], V.f32(4f, -1f, -0.0f, 2f)[1], s), s);
        assertEquals(2f, f((int) V.lane(sq, 32, 0)));
        assertArithmeticNaN32(V.lane(sq, 32, 1));
        assertEquals(0x80000000L, V.lane(sq, 32, 2));
        assertEquals((float) Math.sqrt(2), f((int) V.lane(sq, 32, 3)));
        // NaN operands come out quiet, payload kept
        long[] n = V.i32(F_SNAN, F_QNAN, 0x3F800000, F_SNAN_NEG);
        long[] one = V.f32(1f, 1f, 1f, 1f);
        long[] sum = r(SimdFloatArith.f32x4_add(n[0], n[1], one[0], one[1], s), s);
        for (int k : new int[] {0, 1, 3}) {
            assertArithmeticNaN32(V.lane(sum, 32, k));
        }
        long[] dd = r(SimdFloatArith.f64x2_mul(D_SNAN, 0x7FF0000000000000L, 0x3FF0000000000000L, 0, s), s);
        assertArithmeticNaN64(dd[0]); // sNaN * 1
        assertArithmeticNaN64(dd[1]); // inf * 0
        assertV(V.f64(0.1 + 0.2, -4.0), r(SimdFloatArith.f64x2_add(
                Double.doubleToRawLongBits(0.1), Double.doubleToRawLongBits(-1.0),
                Double.doubleToRawLongBits(0.2), Double.doubleToRawLongBits(-3.0), s), s));
        assertV(V.f64(Math.sqrt(2.0), Double.POSITIVE_INFINITY), r(SimdFloatArith.f64x2_sqrt(
                Double.doubleToRawLongBits(2.0), 0x7FF0000000000000L, s), s));
        assertV(V.f64(-0.0, Double.NEGATIVE_INFINITY), r(SimdFloatArith.f64x2_div(
                Double.doubleToRawLongBits(-1.0), Double.doubleToRawLongBits(-1.0),
                0x7FF0000000000000L, 0, s), s));
    }

    @Test
    void minMax() {
        long[] a = V.f32(-0.0f, 0.0f, 1f, -1f);
        long[] b = V.f32(0.0f, -0.0f, 2f, Float.NEGATIVE_INFINITY);
        assertV(V.f32(-0.0f, -0.0f, 1f, Float.NEGATIVE_INFINITY), r(SimdFloatArith.f32x4_min(a[0], a[1], b[0], b[1], s), s));
        assertV(V.f32(0.0f, 0.0f, 2f, -1f), r(SimdFloatArith.f32x4_max(a[0], a[1], b[0], b[1], s), s));
        // NaN in either operand gives a quiet NaN, even when it is signalling
        long[] n = V.i32(F_SNAN, 0x3F800000, F_QNAN, F_SNAN_NEG);
        long[] m = V.i32(0x3F800000, F_SNAN, 0xFFC00000, F_QNAN);
        for (long[] res : new long[][] {
            r(SimdFloatArith.f32x4_min(n[0], n[1], m[0], m[1], s), s),
            r(SimdFloatArith.f32x4_max(n[0], n[1], m[0], m[1], s), s),
            r(SimdFloatArith.f32x4_min(m[0], m[1], n[0], n[1], s), s),
            r(SimdFloatArith.f32x4_max(m[0], m[1], n[0], n[1], s), s)}) {
            for (int k = 0; k < 4; k++) {
                assertArithmeticNaN32(V.lane(res, 32, k));
            }
            // canonical NaN inputs only: canonical result
            assertEquals(0x7FC00000, (int) V.lane(res, 32, 2) & 0x7FFFFFFF);
        }
        assertV(V.f64(-0.0, 1.0), r(SimdFloatArith.f64x2_min(0, Double.doubleToRawLongBits(1.0),
                Long.MIN_VALUE, Double.doubleToRawLongBits(1.0), s), s));
        assertV(V.f64(0.0, Double.POSITIVE_INFINITY), r(SimdFloatArith.f64x2_max(Long.MIN_VALUE,
                0x7FF0000000000000L, 0, Double.doubleToRawLongBits(-1.0), s), s));
        long[] dn = r(SimdFloatArith.f64x2_min(D_SNAN, 0, 0, D_SNAN | Long.MIN_VALUE, s), s);
        assertArithmeticNaN64(dn[0]);
        assertArithmeticNaN64(dn[1]);
        dn = r(SimdFloatArith.f64x2_max(D_QNAN, 0, 0, D_QNAN, s), s);
        assertEquals(D_QNAN, dn[0]);
        assertEquals(D_QNAN, dn[1]);
    }

    @Test
    void pseudoMinMaxReturnAnOperandUnchanged() {
        // pmin = b < a ? b : a ; pmax = a < b ? b : a
        long[] a = V.i32(F_SNAN, 0x3F800000, 0x80000000, 0x00000000);
        long[] b = V.i32(0x3F800000, F_SNAN, 0x00000000, 0x80000000);
        assertV(a, r(SimdFloatArith.f32x4_pmin(a[0], a[1], b[0], b[1], s), s));
        assertV(a, r(SimdFloatArith.f32x4_pmax(a[0], a[1], b[0], b[1], s), s));
        long[] c = V.f32(1f, 5f, -3f, Float.NEGATIVE_INFINITY);
        long[] e = V.f32(2f, 4f, -3.5f, Float.POSITIVE_INFINITY);
        assertV(V.f32(1f, 4f, -3.5f, Float.NEGATIVE_INFINITY), r(SimdFloatArith.f32x4_pmin(c[0], c[1], e[0], e[1], s), s));
        assertV(V.f32(2f, 5f, -3f, Float.POSITIVE_INFINITY), r(SimdFloatArith.f32x4_pmax(c[0], c[1], e[0], e[1], s), s));
        assertV(V.i64(D_SNAN, Long.MIN_VALUE), r(SimdFloatArith.f64x2_pmin(D_SNAN, Long.MIN_VALUE, 0, 0, s), s));
        assertV(V.i64(D_SNAN, Long.MIN_VALUE), r(SimdFloatArith.f64x2_pmax(D_SNAN, Long.MIN_VALUE, 0, 0, s), s));
        assertV(V.f64(-1.0, 2.0), r(SimdFloatArith.f64x2_pmin(Double.doubleToRawLongBits(1.0),
                Double.doubleToRawLongBits(2.0), Double.doubleToRawLongBits(-1.0), Double.doubleToRawLongBits(3.0), s), s));
        assertV(V.f64(1.0, 3.0), r(SimdFloatArith.f64x2_pmax(Double.doubleToRawLongBits(1.0),
                Double.doubleToRawLongBits(2.0), Double.doubleToRawLongBits(-1.0), Double.doubleToRawLongBits(3.0), s), s));
    }

    private long[] f32(String op, float... x) {
        long[] v = V.f32(x);
        return V.callV("f32x4." + op, v);
    }

    @Test
    void rounding32() {
        assertV(V.f32(2f, -0.0f, -1f, 1f), f32("ceil", 1.5f, -0.5f, -1.5f, 0.1f));
        assertV(V.f32(1f, -1f, -2f, 0f), f32("floor", 1.5f, -0.5f, -1.5f, 0.1f));
        assertV(V.f32(1f, -0.0f, -1f, 0f), f32("trunc", 1.5f, -0.5f, -1.5f, 0.1f));
        assertV(V.f32(2f, -0.0f, -2f, 0f), f32("nearest", 1.5f, -0.5f, -1.5f, 0.1f));
        assertV(V.f32(2f, -2f, 0f, 4f), f32("nearest", 2.5f, -2.5f, 0.5f, 3.5f));
        assertV(V.f32(-0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY),
                f32("nearest", -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        assertV(V.f32(-0.0f, -0.0f, -0.0f, -0.0f), f32("ceil", -0.0f, -0.25f, -0.75f, -0.999f));
        assertV(V.f32(-1f, -1f, -0.0f, 0.0f), f32("floor", -0.25f, -0.999f, -0.0f, 0.999f));
        // 2^23 and above are integers already; 8388607.5 rounds to even
        assertV(V.f32(8388608f, 8388608f, 16777216f, -8388608f), f32("nearest", 8388607.5f, 8388608f, 16777216f, -8388607.5f));
        assertV(V.f32(8388607f, 8388608f, 1e30f, -8388607f), f32("trunc", 8388607.5f, 8388608f, 1e30f, -8388607.5f));
        for (String op : new String[] {"ceil", "floor", "trunc", "nearest"}) {
            long[] v = V.i32(F_SNAN, F_SNAN_NEG, F_QNAN, 0xFFC00000);
            long[] res = V.callV("f32x4." + op, v);
            assertEquals(0x7FE00001L, V.lane(res, 32, 0), op);       // quieted, payload kept
            assertEquals(0xFFC00001L, V.lane(res, 32, 1), op);
            assertEquals(0x7FC00000L, V.lane(res, 32, 2), op);       // canonical stays canonical
            assertEquals(0xFFC00000L, V.lane(res, 32, 3), op);
        }
    }

    @Test
    void rounding64() {
        long[] v = V.f64(-0.5, 2.5);
        assertV(V.f64(-0.0, 3.0), V.callV("f64x2.ceil", v));
        assertV(V.f64(-1.0, 2.0), V.callV("f64x2.floor", v));
        assertV(V.f64(-0.0, 2.0), V.callV("f64x2.trunc", v));
        assertV(V.f64(-0.0, 2.0), V.callV("f64x2.nearest", v));
        assertV(V.f64(4503599627370496.0, -4503599627370497.0), V.callV("f64x2.nearest",
                V.f64(4503599627370495.5, -4503599627370497.0)));
        assertV(V.f64(-4.0, 1e300), V.callV("f64x2.nearest", V.f64(-3.5, 1e300)));
        for (String op : new String[] {"ceil", "floor", "trunc", "nearest"}) {
            long[] res = V.callV("f64x2." + op, V.i64(D_SNAN, D_QNAN | Long.MIN_VALUE));
            assertEquals(0x7FFC000000000001L, res[0], op);
            assertEquals(D_QNAN | Long.MIN_VALUE, res[1], op);
            assertTrue(Double.isNaN(d(res[0])));
        }
    }
}
