package dev.bytelift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryAccess}'s {@code Unsafe} path reads, writes and bounds-checks exactly as the
 * {@code VarHandle} views ({@link VarHandleAccess}) do: same values, same bytes, and an
 * {@link IndexOutOfBoundsException} for the same addresses, before anything is written.
 */
class MemoryAccessPathsTest {
    private static final int SIZE = 64;

    @Test
    void theUnsafePathIsTheOneInUseWhereItIsAllowed() {
        String arch = System.getProperty("os.arch");
        if (Runtime.version().feature() < 24 && (arch.equals("amd64") || arch.equals("aarch64"))
            && System.getProperty("bytelift.unsafeMemory") == null) {
            assertNotNull(UnsafeMemory.U, "JDK " + Runtime.version() + " on " + arch);
        }
    }

    /** Every address from just below 0 to past the end, with offsets that wrap past 2^31 and 2^32. */
    @Test
    void loadsAgreeAtEveryAddress() {
        byte[] mem = new byte[SIZE];
        new SplittableRandom(7).nextBytes(mem);
        for (int offset : new int[] {0, 1, 5, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF}) {
            for (int addr = -9; addr <= SIZE + 9; addr++) {
                int a = addr, o = offset;
                same(() -> MemoryAccess.i32Load(a, mem, o), () -> VarHandleAccess.i32Load(a, mem, o));
                same(() -> MemoryAccess.i64Load(a, mem, o), () -> VarHandleAccess.i64Load(a, mem, o));
                same(() -> MemoryAccess.i32Load16S(a, mem, o), () -> VarHandleAccess.i32Load16S(a, mem, o));
                same(() -> MemoryAccess.i32Load16U(a, mem, o), () -> VarHandleAccess.i32Load16U(a, mem, o));
                same(() -> MemoryAccess.i64Load16S(a, mem, o), () -> VarHandleAccess.i64Load16S(a, mem, o));
                same(() -> MemoryAccess.i64Load16U(a, mem, o), () -> VarHandleAccess.i64Load16U(a, mem, o));
                same(() -> MemoryAccess.i64Load32S(a, mem, o), () -> VarHandleAccess.i64Load32S(a, mem, o));
                same(() -> MemoryAccess.i64Load32U(a, mem, o), () -> VarHandleAccess.i64Load32U(a, mem, o));
                same(() -> Float.floatToRawIntBits(MemoryAccess.f32Load(a, mem, o)),
                    () -> Float.floatToRawIntBits(Float.intBitsToFloat(VarHandleAccess.i32Load(a, mem, o))));
                same(() -> Double.doubleToRawLongBits(MemoryAccess.f64Load(a, mem, o)), () -> VarHandleAccess.i64Load(a, mem, o));
            }
        }
    }

    @Test
    void storesAgreeAtEveryAddress() {
        SplittableRandom random = new SplittableRandom(11);
        for (int offset : new int[] {0, 3, 0x7FFF_FFFF, 0xFFFF_FFFF}) {
            for (int addr = -9; addr <= SIZE + 9; addr++) {
                long v = random.nextLong();
                int a = addr, o = offset;
                stores((m) -> MemoryAccess.i32Store(a, (int) v, m, o), (m) -> VarHandleAccess.i32Store(a, (int) v, m, o));
                stores((m) -> MemoryAccess.i64Store(a, v, m, o), (m) -> VarHandleAccess.i64Store(a, v, m, o));
                stores((m) -> MemoryAccess.i32Store16(a, (int) v, m, o), (m) -> VarHandleAccess.i32Store16(a, (int) v, m, o));
                stores((m) -> MemoryAccess.i64Store16(a, v, m, o), (m) -> VarHandleAccess.i64Store16(a, v, m, o));
                stores((m) -> MemoryAccess.i64Store32(a, v, m, o), (m) -> VarHandleAccess.i64Store32(a, v, m, o));
                stores((m) -> MemoryAccess.f32Store(a, Float.intBitsToFloat((int) v), m, o),
                    (m) -> VarHandleAccess.i32Store(a, (int) v, m, o));
                stores((m) -> MemoryAccess.f64Store(a, Double.longBitsToDouble(v), m, o), (m) -> VarHandleAccess.i64Store(a, v, m, o));
            }
        }
    }

    /** Memories shorter than the access: every address is out of bounds (the checked length is negative). */
    @Test
    void tinyMemoriesRejectWideAccesses() {
        for (int size = 0; size < 8; size++) {
            byte[] mem = new byte[size];
            if (size < 4) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(0, mem, 0));
            if (size < 8) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i64Store(0, 1L, mem, 0));
            if (size < 2) assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load16U(0, mem, 0));
        }
    }

    private interface Load { long get(); }
    private interface Store { void set(byte[] mem); }

    private static void same(Load actual, Load expected) {
        Long e = null, a = null;
        RuntimeException ee = null, ae = null;
        try { e = expected.get(); } catch (IndexOutOfBoundsException x) { ee = x; }
        try { a = actual.get(); } catch (IndexOutOfBoundsException x) { ae = x; }
        assertEquals(ee == null, ae == null, "trap: expected " + ee + ", got " + ae);
        assertEquals(e, a);
    }

    private static void stores(Store actual, Store expected) {
        byte[] m1 = new byte[SIZE], m2 = new byte[SIZE];
        new SplittableRandom(3).nextBytes(m1);
        System.arraycopy(m1, 0, m2, 0, SIZE);
        boolean trapExpected = false, trapped = false;
        try { expected.set(m1); } catch (IndexOutOfBoundsException x) { trapExpected = true; }
        try { actual.set(m2); } catch (IndexOutOfBoundsException x) { trapped = true; }
        assertEquals(trapExpected, trapped);
        assertEquals(Arrays.toString(m1), Arrays.toString(m2));
    }
}
