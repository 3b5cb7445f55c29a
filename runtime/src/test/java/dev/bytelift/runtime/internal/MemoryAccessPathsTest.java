package dev.bytelift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryAccess} (its {@code Unsafe} path where in use) and the {@code VarHandle} views
 * ({@link VarHandleAccess}) read, write and bounds-check as a byte-by-byte reference does: same
 * values, same bytes, and an {@link IndexOutOfBoundsException} exactly where the access does not fit
 * the memory's size, before anything is written, whatever the array holds past it.
 */
class MemoryAccessPathsTest {
    /** The memory's size, and its array's length (capacity to grow into). */
    private static final int SIZE = 64, CAPACITY = 80;
    private static final int[] OFFSETS = {0, 1, 5, 16, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF};

    @Test
    void theUnsafePathIsTheOneInUseWhereItIsAllowed() {
        String arch = System.getProperty("os.arch");
        if (Runtime.version().feature() < 24 && (arch.equals("amd64") || arch.equals("aarch64"))
            && System.getProperty("bytelift.unsafeMemory") == null) {
            assertNotNull(UnsafeMemory.U, "JDK " + Runtime.version() + " on " + arch);
        }
    }

    /**
     * Every address from just below 0 to past the end, with offsets that wrap past 2^31 and 2^32,
     * in a memory whose array is longer than its size (capacity to grow into, holding nonzero
     * bytes here so that a read past the size would show): both paths read what the reference
     * reads, and trap where it traps.
     */
    @Test
    void loadsAgreeAtEveryAddress() {
        byte[] mem = new byte[CAPACITY];
        new SplittableRandom(7).nextBytes(mem);
        for (int offset : OFFSETS) {
            for (int addr = -9; addr <= SIZE + 9; addr++) {
                int a = addr, o = MemoryAccess.clampOffset(offset);
                long ea = Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(offset);
                for (int width : new int[] {1, 2, 4, 8}) {
                    Long expected = ea + width <= SIZE ? littleEndian(mem, (int) ea, width) : null;
                    switch (width) {
                        case 1:
                            same(expected, () -> MemoryAccess.i32Load8U(a, mem, SIZE, o));
                            same(expected, () -> VarHandleAccess.i32Load8U(a, mem, SIZE, o));
                            same(expected, () -> MemoryAccess.i64Load8U(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (byte) (long) expected, () -> MemoryAccess.i64Load8S(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (byte) (long) expected, () -> MemoryAccess.i32Load8S(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (byte) (long) expected, () -> VarHandleAccess.i32Load8S(a, mem, SIZE, o));
                            break;
                        case 2:
                            same(expected, () -> MemoryAccess.i32Load16U(a, mem, SIZE, o));
                            same(expected, () -> VarHandleAccess.i64Load16U(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (short) (long) expected, () -> MemoryAccess.i64Load16S(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (short) (long) expected, () -> VarHandleAccess.i32Load16S(a, mem, SIZE, o));
                            break;
                        case 4:
                            same(expected, () -> MemoryAccess.i64Load32U(a, mem, SIZE, o));
                            same(expected, () -> VarHandleAccess.i64Load32U(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (int) (long) expected, () -> MemoryAccess.i32Load(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (int) (long) expected, () -> VarHandleAccess.i32Load(a, mem, SIZE, o));
                            same(expected == null ? null : (long) (int) (long) expected,
                                () -> Float.floatToRawIntBits(MemoryAccess.f32Load(a, mem, SIZE, o)));
                            break;
                        default:
                            same(expected, () -> MemoryAccess.i64Load(a, mem, SIZE, o));
                            same(expected, () -> VarHandleAccess.i64Load(a, mem, SIZE, o));
                            same(expected, () -> Double.doubleToRawLongBits(MemoryAccess.f64Load(a, mem, SIZE, o)));
                    }
                }
            }
        }
    }

    /** Stores write the reference's bytes, nothing past the size, and nothing at all when they trap. */
    @Test
    void storesAgreeAtEveryAddress() {
        SplittableRandom random = new SplittableRandom(11);
        for (int offset : OFFSETS) {
            for (int addr = -9; addr <= SIZE + 9; addr++) {
                long v = random.nextLong();
                int a = addr, o = MemoryAccess.clampOffset(offset);
                long ea = Integer.toUnsignedLong(addr) + Integer.toUnsignedLong(offset);
                stores(ea, 4, v, (m) -> MemoryAccess.i32Store(a, (int) v, m, SIZE, o));
                stores(ea, 4, v, (m) -> VarHandleAccess.i32Store(a, (int) v, m, SIZE, o));
                stores(ea, 8, v, (m) -> MemoryAccess.i64Store(a, v, m, SIZE, o));
                stores(ea, 8, v, (m) -> VarHandleAccess.i64Store(a, v, m, SIZE, o));
                stores(ea, 2, v, (m) -> MemoryAccess.i32Store16(a, (int) v, m, SIZE, o));
                stores(ea, 2, v, (m) -> VarHandleAccess.i32Store16(a, (int) v, m, SIZE, o));
                stores(ea, 2, v, (m) -> MemoryAccess.i64Store16(a, v, m, SIZE, o));
                stores(ea, 4, v, (m) -> MemoryAccess.i64Store32(a, v, m, SIZE, o));
                                stores(ea, 1, v, (m) -> MemoryAccess.i32Store8(a, (int) v, m, SIZE, o));
                stores(ea, 1, v, (m) -> MemoryAccess.i64Store8(a, v, m, SIZE, o));
                stores(ea, 1, v, (m) -> VarHandleAccess.i32Store8(a, (int) v, m, SIZE, o));
                stores(ea, 4, v, (m) -> MemoryAccess.f32Store(a, Float.intBitsToFloat((int) v), m, SIZE, o));
                stores(ea, 8, v, (m) -> MemoryAccess.f64Store(a, Double.longBitsToDouble(v), m, SIZE, o));
            }
        }
    }

    /** Memories smaller than the access: every address is out of bounds (the checked limit is not positive). */
    @Test
    void tinyMemoriesRejectWideAccesses() {
        byte[] mem = new byte[16];
        for (int size = 0; size < 8; size++) {
            int s = size;
            if (size < 4) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(0, mem, s, 0));
            if (size < 8) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i64Store(0, 1L, mem, s, 0));
            if (size < 2) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load16U(0, mem, s, 0));
            if (size < 1) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load8U(0, mem, s, 0));
        }
    }

    private static long littleEndian(byte[] mem, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) v = (v << 8) | (mem[at + i] & 0xFF);
        return v;
    }

    private interface Load { long get(); }
    private interface Store { void set(byte[] mem); }

    private static void same(Long expected, Load actual) {
        Long a = null;
        try { a = actual.get(); } catch (IndexOutOfBoundsException x) { /* a trap: null */ }
        assertEquals(expected, a);
    }

    private static void stores(long ea, int width, long v, Store actual) {
        byte[] m = new byte[CAPACITY];
        new SplittableRandom(3).nextBytes(m);
        byte[] expected = m.clone();
        boolean inBounds = ea + width <= SIZE;
        if (inBounds) for (int i = 0; i < width; i++) expected[(int) ea + i] = (byte) (v >>> (8 * i));
        boolean trapped = false;
        try { actual.set(m); } catch (IndexOutOfBoundsException x) { trapped = true; }
        assertEquals(!inBounds, trapped, "trap at " + ea + " width " + width);
        assertEquals(Arrays.toString(expected), Arrays.toString(m));
    }
}
