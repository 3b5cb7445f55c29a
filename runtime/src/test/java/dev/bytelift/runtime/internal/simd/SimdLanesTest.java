package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bytelift.runtime.internal.Scratch;
import org.junit.jupiter.api.Test;

class SimdLanesTest {
    private final Scratch s = new Scratch();

    private static final long[] BYTES = V.i8(0x00, 0x81, 0x02, 0x83, 0x04, 0x85, 0x06, 0x87,
            0x88, 0x09, 0x8A, 0x0B, 0x8C, 0x0D, 0x8E, 0xFF);

    @Test
    void splat() {
        assertV(V.i8(0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB),
                r(SimdLanes.i8x16_splat(0x12AB, s), s));
        assertV(V.i16(-2, -2, -2, -2, -2, -2, -2, -2), r(SimdLanes.i16x8_splat(0x7FFFE, s), s));
        assertV(V.i32(-5, -5, -5, -5), r(SimdLanes.i32x4_splat(-5, s), s));
        assertV(V.i64(Long.MIN_VALUE, Long.MIN_VALUE), r(SimdLanes.i64x2_splat(Long.MIN_VALUE, s), s));
        assertV(V.f32(-0.0f, -0.0f, -0.0f, -0.0f), r(SimdLanes.f32x4_splat(-0.0f, s), s));
        assertV(V.f64(1.5, 1.5), r(SimdLanes.f64x2_splat(1.5, s), s));
        // a NaN payload is kept
        float nan = Float.intBitsToFloat(0x7FA00001);
        assertV(V.i32(0x7FA00001, 0x7FA00001, 0x7FA00001, 0x7FA00001), r(SimdLanes.f32x4_splat(nan, s), s));
        double dnan = Double.longBitsToDouble(0xFFF0000000000001L);
        assertV(V.i64(0xFFF0000000000001L, 0xFFF0000000000001L), r(SimdLanes.f64x2_splat(dnan, s), s));
    }

    @Test
    void extractLane() {
        long lo = BYTES[0], hi = BYTES[1];
        for (int lane = 0; lane < 16; lane++) {
            int b = (int) V.lane(BYTES, 8, lane);
            assertEquals((byte) b, SimdLanes.i8x16_extract_lane_s(lo, hi, lane), "lane " + lane);
            assertEquals(b, SimdLanes.i8x16_extract_lane_u(lo, hi, lane), "lane " + lane);
        }
        long[] h = V.i16(0x8000, 1, 0x7FFF, 0xFFFF, 0x1234, 0x8001, 0, 0xFFFE);
        int[] hs = {-32768, 1, 32767, -1, 0x1234, -32767, 0, -2};
        for (int lane = 0; lane < 8; lane++) {
            assertEquals(hs[lane], SimdLanes.i16x8_extract_lane_s(h[0], h[1], lane));
            assertEquals(hs[lane] & 0xFFFF, SimdLanes.i16x8_extract_lane_u(h[0], h[1], lane));
        }
        long[] w = V.i32(-1, Integer.MIN_VALUE, 7, Integer.MAX_VALUE);
        assertEquals(-1, SimdLanes.i32x4_extract_lane(w[0], w[1], 0));
        assertEquals(Integer.MIN_VALUE, SimdLanes.i32x4_extract_lane(w[0], w[1], 1));
        assertEquals(7, SimdLanes.i32x4_extract_lane(w[0], w[1], 2));
        assertEquals(Integer.MAX_VALUE, SimdLanes.i32x4_extract_lane(w[0], w[1], 3));
        assertEquals(3L, SimdLanes.i64x2_extract_lane(3, -4, 0));
        assertEquals(-4L, SimdLanes.i64x2_extract_lane(3, -4, 1));
        long[] f = V.i32(0x3F800000, 0x7F800001, 0xFFC00000, 0x80000000);
        assertEquals(0x3F800000, Float.floatToRawIntBits(SimdLanes.f32x4_extract_lane(f[0], f[1], 0)));
        assertEquals(0x7F800001, Float.floatToRawIntBits(SimdLanes.f32x4_extract_lane(f[0], f[1], 1)));
        assertEquals(0xFFC00000, Float.floatToRawIntBits(SimdLanes.f32x4_extract_lane(f[0], f[1], 2)));
        assertEquals(0x80000000, Float.floatToRawIntBits(SimdLanes.f32x4_extract_lane(f[0], f[1], 3)));
        assertEquals(0x7FF0000000000001L,
                Double.doubleToRawLongBits(SimdLanes.f64x2_extract_lane(0, 0x7FF0000000000001L, 1)));
        assertEquals(-0.0, SimdLanes.f64x2_extract_lane(0x8000000000000000L, 0, 0));
    }

    @Test
    void replaceLane() {
        for (int lane = 0; lane < 16; lane++) {
            long[] expected = V.split(BYTES, 8);
            expected[lane] = 0x5A;
            assertV(V.lanes(8, expected), r(SimdLanes.i8x16_replace_lane(BYTES[0], BYTES[1], 0x7FFFFF5A, lane, s), s));
        }
        for (int lane = 0; lane < 8; lane++) {
            long[] expected = V.split(BYTES, 16);
            expected[lane] = 0x8001;
            assertV(V.lanes(16, expected), r(SimdLanes.i16x8_replace_lane(BYTES[0], BYTES[1], 0xFFFF8001, lane, s), s));
        }
        for (int lane = 0; lane < 4; lane++) {
            long[] expected = V.split(BYTES, 32);
            expected[lane] = 0xFFFFFFFEL;
            assertV(V.lanes(32, expected), r(SimdLanes.i32x4_replace_lane(BYTES[0], BYTES[1], -2, lane, s), s));
            expected[lane] = 0x7FA00001L; // signalling NaN pattern kept
            assertV(V.lanes(32, expected), r(SimdLanes.f32x4_replace_lane(BYTES[0], BYTES[1],
                    Float.intBitsToFloat(0x7FA00001), lane, s), s));
        }
        assertV(new long[] {-9, BYTES[1]}, r(SimdLanes.i64x2_replace_lane(BYTES[0], BYTES[1], -9, 0, s), s));
        assertV(new long[] {BYTES[0], -9}, r(SimdLanes.i64x2_replace_lane(BYTES[0], BYTES[1], -9, 1, s), s));
        double nan = Double.longBitsToDouble(0xFFF4000000000000L);
        assertV(new long[] {BYTES[0], 0xFFF4000000000000L}, r(SimdLanes.f64x2_replace_lane(BYTES[0], BYTES[1], nan, 1, s), s));
    }

    @Test
    void shuffle() {
        long[] a = V.i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        long[] b = V.i8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        // identity on a, then identity on b, then a mixture including lanes of b
        long[] id = V.i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertV(a, r(SimdLanes.i8x16_shuffle(a[0], a[1], b[0], b[1], id[0], id[1], s), s));
        long[] idB = V.i8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        assertV(b, r(SimdLanes.i8x16_shuffle(a[0], a[1], b[0], b[1], idB[0], idB[1], s), s));
        long[] mix = V.i8(31, 0, 16, 15, 8, 24, 7, 23, 1, 1, 30, 17, 9, 25, 0, 31);
        assertV(V.i8(31, 0, 16, 15, 8, 24, 7, 23, 1, 1, 30, 17, 9, 25, 0, 31),
                r(SimdLanes.i8x16_shuffle(a[0], a[1], b[0], b[1], mix[0], mix[1], s), s));
        // with other byte values, to see that whole bytes move (not indices)
        long[] x = V.i8(0xF0, 0xE1, 0xD2, 0xC3, 0xB4, 0xA5, 0x96, 0x87, 0x78, 0x69, 0x5A, 0x4B, 0x3C, 0x2D, 0x1E, 0x0F);
        long[] y = V.i8(0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0xFF);
        long[] m = V.i8(15, 31, 14, 30, 0, 16, 8, 24, 7, 23, 9, 25, 1, 17, 2, 18);
        assertV(V.i8(0x0F, 0xFF, 0x1E, 0x8E, 0xF0, 0x80, 0x78, 0x88, 0x87, 0x87, 0x69, 0x89, 0xE1, 0x81, 0xD2, 0x82),
                r(SimdLanes.i8x16_shuffle(x[0], x[1], y[0], y[1], m[0], m[1], s), s));
    }

    @Test
    void swizzle() {
        long[] a = V.i8(0xF0, 0xE1, 0xD2, 0xC3, 0xB4, 0xA5, 0x96, 0x87, 0x78, 0x69, 0x5A, 0x4B, 0x3C, 0x2D, 0x1E, 0x0F);
        long[] idx = V.i8(15, 0, 16, 255, 128, 8, 7, 17, 31, 32, 1, 14, 0x80, 0x7F, 9, 3);
        assertV(V.i8(0x0F, 0xF0, 0, 0, 0, 0x78, 0x87, 0, 0, 0, 0xE1, 0x1E, 0, 0, 0x69, 0xC3),
                r(SimdLanes.i8x16_swizzle(a[0], a[1], idx[0], idx[1], s), s));
    }
}
