package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bytelift.runtime.internal.Scratch;
import org.junit.jupiter.api.Test;

class SimdBitwiseTest {
    private final Scratch s = new Scratch();

    @Test
    void logic() {
        long aLo = 0xF0F0_1234_0000_FFFFL, aHi = 0x8000_0000_0000_0001L;
        long bLo = 0xFF00_FF00_FFFF_0000L, bHi = 0xFFFF_FFFF_0000_0000L;
        assertV(new long[] {~aLo, ~aHi}, V.r(SimdBitwise.v128_not(aLo, aHi, s), s));
        assertV(new long[] {aLo & bLo, aHi & bHi}, V.r(SimdBitwise.v128_and(aLo, aHi, bLo, bHi, s), s));
        assertV(new long[] {aLo & ~bLo, aHi & ~bHi}, V.r(SimdBitwise.v128_andnot(aLo, aHi, bLo, bHi, s), s));
        assertV(new long[] {aLo | bLo, aHi | bHi}, V.r(SimdBitwise.v128_or(aLo, aHi, bLo, bHi, s), s));
        assertV(new long[] {aLo ^ bLo, aHi ^ bHi}, V.r(SimdBitwise.v128_xor(aLo, aHi, bLo, bHi, s), s));
        // bitselect(a, b, c): bits of a where c is 1
        assertV(new long[] {0xF0F0_1234_FFFF_0000L, 0xFFFF_FFFF_0000_0001L},
                V.r(SimdBitwise.v128_bitselect(aLo, aHi, bLo, bHi, 0xFFFF_FFFF_0000_0000L, 0x0000_0000_FFFF_FFFFL, s), s));
    }

    @Test
    void anyTrue() {
        assertEquals(0, SimdBitwise.v128_any_true(0, 0));
        assertEquals(1, SimdBitwise.v128_any_true(0, Long.MIN_VALUE));
        assertEquals(1, SimdBitwise.v128_any_true(1, 0));
    }

    @Test
    void allTrue() {
        long[] bytes = V.i8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80);
        assertEquals(1, SimdBitwise.i8x16_all_true(bytes[0], bytes[1]));
        long[] zero8 = V.i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1);
        assertEquals(0, SimdBitwise.i8x16_all_true(zero8[0], zero8[1]));
        // 0x0100 has a zero byte but is a nonzero 16-bit lane
        long[] h = V.i16(0x0100, 0x0001, 0x8000, 0xFF00, 0x00FF, 1, 2, 3);
        assertEquals(1, SimdBitwise.i16x8_all_true(h[0], h[1]));
        assertEquals(0, SimdBitwise.i8x16_all_true(h[0], h[1]));
        long[] h0 = V.i16(0x0100, 0x0001, 0x8000, 0xFF00, 0x00FF, 1, 0, 3);
        assertEquals(0, SimdBitwise.i16x8_all_true(h0[0], h0[1]));
        long[] w = V.i32(0x00010000, 1, Integer.MIN_VALUE, -1);
        assertEquals(1, SimdBitwise.i32x4_all_true(w[0], w[1]));
        assertEquals(0, SimdBitwise.i16x8_all_true(w[0], w[1]));
        long[] w0 = V.i32(1, 1, 0, 1);
        assertEquals(0, SimdBitwise.i32x4_all_true(w0[0], w0[1]));
        assertEquals(1, SimdBitwise.i64x2_all_true(1L << 32, Long.MIN_VALUE));
        assertEquals(0, SimdBitwise.i32x4_all_true(1L << 32, Long.MIN_VALUE));
        assertEquals(0, SimdBitwise.i64x2_all_true(5, 0));
    }

    @Test
    void bitmask() {
        long[] b = V.i8(0x80, 0, 0xFF, 0x7F, 0, 0, 0, 0x81, 0, 0x80, 0, 0, 0, 0, 0, 0xFF);
        assertEquals(0b1000_0010_1000_0101, SimdBitwise.i8x16_bitmask(b[0], b[1]));
        long[] allB = V.i8(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        assertEquals(0xFFFF, SimdBitwise.i8x16_bitmask(allB[0], allB[1]));
        long[] h = V.i16(0x8000, 0x7FFF, 0xFFFF, 0x00FF, 0, 0x8001, 0, 0xC000);
        assertEquals(0b1010_0101, SimdBitwise.i16x8_bitmask(h[0], h[1]));
        long[] w = V.i32(-1, 0x7FFFFFFF, 0, Integer.MIN_VALUE);
        assertEquals(0b1001, SimdBitwise.i32x4_bitmask(w[0], w[1]));
        assertEquals(0b10, SimdBitwise.i64x2_bitmask(Long.MAX_VALUE, -1));
        assertEquals(0b01, SimdBitwise.i64x2_bitmask(Long.MIN_VALUE, 0));
    }
}
