package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.simd.V.assertV;
import static dev.bytelift.runtime.internal.simd.V.r;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bytelift.runtime.internal.Scratch;
import org.junit.jupiter.api.Test;

class SimdMemoryTest {
    private final Scratch s = new Scratch();

    private static byte[] memory(int size) {
        byte[] m = new byte[size];
        for (int k = 0; k < size; k++) {
            m[k] = (byte) (k * 7 + 0x81);
        }
        return m;
    }

    @Test
    void loadIsLittleEndianAndUsesOffset() {
        byte[] mem = new byte[64];
        for (int k = 0; k < 64; k++) {
            mem[k] = (byte) k;
        }
        assertV(V.i8(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), r(SimdMemory.v128_load(1, mem, mem.length, 2, s), s));
        assertV(V.i8(48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63), r(SimdMemory.v128_load(40, mem, mem.length, 8, s), s));
    }

    @Test
    void storeWritesSixteenBytes() {
        byte[] mem = new byte[40];
        long[] v = V.i8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        SimdMemory.v128_store(20, v[0], v[1], mem, mem.length, 4);
        byte[] expected = new byte[40];
        for (int k = 0; k < 16; k++) {
            expected[24 + k] = (byte) (k + 1);
        }
        assertArrayEquals(expected, mem);
        SimdMemory.v128_store(0, v[0], v[1], mem, mem.length, 24); // exactly up to the end
    }

    /**
     * A memory's array may be longer than the memory (room to grow): every access is checked
     * against the size, which is all that stands between an {@code Unsafe} access and the bytes
     * past it.
     */
    @Test
    void theMemorysSizeBoundsAccessesNotItsArray() {
        int size = 64;
        byte[] mem = memory(96);
        byte[] before = mem.clone();
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load(size - 15, mem, size, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load(0, mem, size, size - 8, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store(size - 8, -1, -1, mem, size, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load8x8_u(size - 4, mem, size, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load32_splat(size - 3, mem, size, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load16_lane(size - 1, 0, 0, mem, size, 0, 2, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store64_lane(size - 4, -1, -1, mem, size, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store32_lane(size - 2, -1, -1, mem, size, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store16_lane(size - 1, -1, -1, mem, size, 0, 3));
        assertArrayEquals(before, mem);
        // the last 16 bytes of the memory, not of the array
        long lo = SimdMemory.v128_load(size - 16, mem, size, 0, s);
        long expectedLo = 0, expectedHi = 0;
        for (int k = 7; k >= 0; k--) {
            expectedLo = expectedLo << 8 | (mem[size - 16 + k] & 0xFF);
            expectedHi = expectedHi << 8 | (mem[size - 8 + k] & 0xFF);
        }
        assertEquals(expectedLo, lo);
        assertEquals(expectedHi, s.v128Hi);
    }

    @Test
    void outOfBoundsAccessesTrapWithoutWriting() {
        int size = 64;
        byte[] mem = memory(size);
        byte[] before = mem.clone();
        long[] v = V.i64(-1, -1);
        int[][] bad = {
            {size - 15, 0}, {size - 8, 0}, {size, 0}, {0, size - 1}, {-1, 0}, {0, -1}, {-16, 0},
            {0x7FFFFFFF, 0x7FFFFFFF}, // ea wraps to -2: the high half would land in bounds
            {0x7FFFFFFF, 1}, {0x7FFFFFF9, 9}, {Integer.MIN_VALUE, 0}, {1, Integer.MIN_VALUE}, {0x7FFFFFF8, 0},
        };
        for (int[] c : bad) {
            // the offset as generated code passes it: clamped to the largest memory (MemoryAccess#index's precondition)
            int addr = c[0], off = dev.bytelift.runtime.internal.MemoryAccess.clampOffset(c[1]);
            assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store(addr, v[0], v[1], mem, mem.length, off));
            assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load(addr, mem, mem.length, off, s));
            assertArrayEquals(before, mem, "store at " + addr + "+" + off + " wrote");
        }
        // 8-byte and narrower accesses at the edge
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load8x8_s(size - 7, mem, mem.length, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load64_splat(0, mem, mem.length, size - 4, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load32_zero(size - 3, mem, mem.length, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load16_splat(size - 1, mem, mem.length, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load8_splat(size, mem, mem.length, 0, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load8_lane(-1, 0, 0, mem, mem.length, 0, 3, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_load64_lane(size - 7, 0, 0, mem, mem.length, 0, 1, s));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store64_lane(size - 7, -1, -1, mem, mem.length, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store32_lane(0x7FFFFFFF, -1, -1, mem, mem.length, dev.bytelift.runtime.internal.MemoryAccess.clampOffset(0x7FFFFFFF), 0));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store16_lane(size - 1, -1, -1, mem, mem.length, 0, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> SimdMemory.v128_store8_lane(size, -1, -1, mem, mem.length, 0, 15));
        assertArrayEquals(before, mem);
        // the last valid positions work
        SimdMemory.v128_load(size - 16, mem, mem.length, 0, s);
        SimdMemory.v128_load8x8_u(0, mem, mem.length, size - 8, s);
        SimdMemory.v128_load8_splat(size - 1, mem, mem.length, 0, s);
        SimdMemory.v128_store8_lane(size - 1, 0, 0, mem, mem.length, 0, 0);
    }

    @Test
    void extendingLoads() {
        byte[] mem = {(byte) 0x80, 0x7F, (byte) 0xFF, 0x01, 0x00, (byte) 0xFE, 0x02, (byte) 0x81, 0x55};
        assertV(V.i16(-128, 127, -1, 1, 0, -2, 2, -127), r(SimdMemory.v128_load8x8_s(0, mem, mem.length, 0, s), s));
        assertV(V.i16(128, 127, 255, 1, 0, 254, 2, 129), r(SimdMemory.v128_load8x8_u(0, mem, mem.length, 0, s), s));
        assertV(V.i32(0x7F80, 0x01FF, 0xFFFFFE00, 0xFFFF8102), r(SimdMemory.v128_load16x4_s(0, mem, mem.length, 0, s), s));
        assertV(V.i32(0x7F80, 0x01FF, 0xFE00, 0x8102), r(SimdMemory.v128_load16x4_u(0, mem, mem.length, 0, s), s));
        assertV(V.i64(0x01FF7F80L, 0xFFFFFFFF8102FE00L), r(SimdMemory.v128_load32x2_s(0, mem, mem.length, 0, s), s));
        assertV(V.i64(0x01FF7F80L, 0x8102FE00L), r(SimdMemory.v128_load32x2_u(0, mem, mem.length, 0, s), s));
        assertV(V.i16(127, -1, 1, 0, -2, 2, -127, 0x55), r(SimdMemory.v128_load8x8_s(0, mem, mem.length, 1, s), s));
    }

    @Test
    void splatAndZeroLoads() {
        byte[] mem = {(byte) 0x80, 0x7F, (byte) 0xFF, 0x01, 0x00, (byte) 0xFE, 0x02, (byte) 0x81};
        assertV(V.i8(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                r(SimdMemory.v128_load8_splat(2, mem, mem.length, 0, s), s));
        assertV(V.i16(0x7F80, 0x7F80, 0x7F80, 0x7F80, 0x7F80, 0x7F80, 0x7F80, 0x7F80), r(SimdMemory.v128_load16_splat(0, mem, mem.length, 0, s), s));
        assertV(V.i32(0xFE0001FF, 0xFE0001FF, 0xFE0001FF, 0xFE0001FF), r(SimdMemory.v128_load32_splat(0, mem, mem.length, 2, s), s));
        assertV(V.i64(0x8102FE0001FF7F80L, 0x8102FE0001FF7F80L), r(SimdMemory.v128_load64_splat(0, mem, mem.length, 0, s), s));
        s.v128Hi = 12345;
        assertV(V.i32(0xFE0001FF, 0, 0, 0), r(SimdMemory.v128_load32_zero(1, mem, mem.length, 1, s), s));
        s.v128Hi = 12345;
        assertV(V.i64(0x8102FE0001FF7F80L, 0), r(SimdMemory.v128_load64_zero(0, mem, mem.length, 0, s), s));
    }

    @Test
    void laneLoadsAndStores() {
        byte[] mem = {(byte) 0x80, 0x7F, (byte) 0xFF, 0x01, 0x00, (byte) 0xFE, 0x02, (byte) 0x81};
        long[] v = V.i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (int lane = 0; lane < 16; lane++) {
            long[] e = V.split(v, 8);
            e[lane] = 0xFF;
            assertV(V.lanes(8, e), r(SimdMemory.v128_load8_lane(1, v[0], v[1], mem, mem.length, 1, lane, s), s));
        }
        for (int lane = 0; lane < 8; lane++) {
            long[] e = V.split(v, 16);
            e[lane] = 0x01FF;
            assertV(V.lanes(16, e), r(SimdMemory.v128_load16_lane(2, v[0], v[1], mem, mem.length, 0, lane, s), s));
        }
        for (int lane = 0; lane < 4; lane++) {
            long[] e = V.split(v, 32);
            e[lane] = 0x8102FE00L;
            assertV(V.lanes(32, e), r(SimdMemory.v128_load32_lane(0, v[0], v[1], mem, mem.length, 4, lane, s), s));
        }
        assertV(new long[] {0x8102FE0001FF7F80L, v[1]}, r(SimdMemory.v128_load64_lane(0, v[0], v[1], mem, mem.length, 0, 0, s), s));
        assertV(new long[] {v[0], 0x8102FE0001FF7F80L}, r(SimdMemory.v128_load64_lane(0, v[0], v[1], mem, mem.length, 0, 1, s), s));

        long[] x = V.i8(0xF0, 0xE1, 0xD2, 0xC3, 0xB4, 0xA5, 0x96, 0x87, 0x78, 0x69, 0x5A, 0x4B, 0x3C, 0x2D, 0x1E, 0x0F);
        for (int lane = 0; lane < 16; lane++) {
            byte[] m = new byte[4];
            SimdMemory.v128_store8_lane(1, x[0], x[1], m, m.length, 1, lane);
            assertArrayEquals(new byte[] {0, 0, (byte) V.lane(x, 8, lane), 0}, m);
        }
        for (int lane = 0; lane < 8; lane++) {
            byte[] m = new byte[4];
            SimdMemory.v128_store16_lane(0, x[0], x[1], m, m.length, 1, lane);
            long l = V.lane(x, 16, lane);
            assertArrayEquals(new byte[] {0, (byte) l, (byte) (l >>> 8), 0}, m);
        }
        for (int lane = 0; lane < 4; lane++) {
            byte[] m = new byte[4];
            SimdMemory.v128_store32_lane(0, x[0], x[1], m, m.length, 0, lane);
            long l = V.lane(x, 32, lane);
            assertArrayEquals(new byte[] {(byte) l, (byte) (l >>> 8), (byte) (l >>> 16), (byte) (l >>> 24)}, m);
        }
        for (int lane = 0; lane < 2; lane++) {
            byte[] m = new byte[9];
            SimdMemory.v128_store64_lane(1, x[0], x[1], m, m.length, 0, lane);
            byte[] e = new byte[9];
            for (int k = 0; k < 8; k++) {
                e[1 + k] = (byte) V.lane(x, 8, lane * 8 + k);
            }
            assertArrayEquals(e, m);
        }
    }
}
