package dev.bytelift.runtime.internal;

import java.util.Arrays;

/**
 * The work of a loop that copies or fills memory a byte per iteration (C's naive {@code memcpy},
 * {@code memmove} and {@code memset} compile to such loops), done at once when every byte the loop
 * would touch is in bounds; the compiler's {@code translate.ByteLoops} recognises the loops and
 * calls these before them. Each returns whether it did the loop's whole work, exactly as its
 * iterations would have done it one after the other, overlapping source and destination included;
 * if not, it did nothing and the loop runs as compiled (and traps where it would).
 *
 * <p>An iteration {@code i} (from 0) of a loop of {@code count} iterations (unsigned; 0 means
 * 2<sup>32</sup>, as a loop that decrements its counter before testing it runs) reads byte
 * {@code u32(src + i * step) + srcOffset} and writes byte {@code u32(dst + i * step) + dstOffset};
 * {@code step} is 1 or -1.
 */
public final class ByteLoops {
    private ByteLoops() {}

    /** A copying loop's iterations; false, having done nothing, unless all are in bounds. */
    public static boolean copy(byte[] mem, int size, int dst, int src, int count, int step, long dstOffset, long srcOffset) {
        long n = count == 0 ? 1L << 32 : Integer.toUnsignedLong(count);
        long d = first(dst, n, step, dstOffset, size);
        long s = first(src, n, step, srcOffset, size);
        if (d < 0 || s < 0) return false;
        int len = (int) n, to = (int) d, from = (int) s;
        if (step > 0) {
            // a destination just above the source would see bytes this loop wrote: byte by byte
            if (to > from && to < from + len) {
                for (int i = 0; i < len; i++) mem[to + i] = mem[from + i];
            } else {
                System.arraycopy(mem, from, mem, to, len);
            }
        } else {
            // iterations run downwards from the top: a source above the destination overlapping it
            int top = to + len - 1, srcTop = from + len - 1;
            if (srcTop > top && srcTop < top + len) {
                for (int i = 0; i < len; i++) mem[top - i] = mem[srcTop - i];
            } else {
                System.arraycopy(mem, from, mem, to, len);
            }
        }
        return true;
    }

    /** A filling loop's iterations (the low byte of {@code value}); false, having done nothing, unless all are in bounds. */
    public static boolean fill(byte[] mem, int size, int dst, int value, int count, int step, long dstOffset) {
        long n = count == 0 ? 1L << 32 : Integer.toUnsignedLong(count);
        long d = first(dst, n, step, dstOffset, size);
        if (d < 0) return false;
        Arrays.fill(mem, (int) d, (int) (d + n), (byte) value);
        return true;
    }

    /**
     * The lowest byte index the {@code n} accesses at {@code u32(start + i * step) + offset} touch,
     * or -1 if any of them is out of bounds (an address past 2<sup>32</sup> wraps to 0 and back in
     * the loop, which memories smaller than that never reach before trapping).
     */
    private static long first(int start, long n, int step, long offset, int size) {
        long a = Integer.toUnsignedLong(start);
        if (step > 0) {
            long lo = a + offset;
            return lo + n <= size ? lo : -1; // no wrap: a + n stays below the size, under 2^31
        }
        // downwards: a, a - 1, ..., a - (n - 1), which must not go below 0 (it would wrap to 2^32 - 1)
        if (n - 1 > a) return -1;
        long lo = a - (n - 1) + offset;
        return a + offset < size ? lo : -1;
    }
}
