package dev.bytelift.runtime.internal.simd;

/**
 * Lane-wise integer primitives on one 64-bit half of a {@code v128} (SIMD within a register):
 * eight 8-bit or four 16-bit lanes, computed with plain {@code long} arithmetic so that no carry
 * or borrow crosses a lane boundary.
 *
 * <p>The comparison helpers return only the top bit of each lane ("H bits", e.g. {@code 0x80}
 * per byte); {@link #mask8}/{@link #mask16} widen those to all-ones lanes.
 */
final class Swar {
    private Swar() {}

    static final long H8 = 0x8080808080808080L;
    static final long L8 = 0x7F7F7F7F7F7F7F7FL;
    static final long ONES8 = 0x0101010101010101L;
    static final long H16 = 0x8000800080008000L;
    static final long L16 = 0x7FFF7FFF7FFF7FFFL;
    static final long ONES16 = 0x0001000100010001L;

    // ---- 8-bit lanes ----

    static long add8(long a, long b) {
        return ((a & L8) + (b & L8)) ^ ((a ^ b) & H8);
    }

    static long sub8(long a, long b) {
        return ((a | H8) - (b & L8)) ^ ((a ^ ~b) & H8);
    }

    /** All-ones in every lane whose top bit is set in {@code h} (which has no other bits). */
    static long mask8(long h) {
        return (h - (h >>> 7)) | h;
    }

    /** H bit set in lanes where {@code a == b}. */
    static long eq8(long a, long b) {
        long x = a ^ b;
        return ~(((x & L8) + L8) | x) & H8;
    }

    /** H bit set in lanes where {@code a < b}, unsigned. */
    static long ltu8(long a, long b) {
        long d = (a | H8) - (b & L8);
        return ((~a & b) | (~(a ^ b) & ~d)) & H8;
    }

    /** H bit set in lanes where {@code a < b}, signed. */
    static long lts8(long a, long b) {
        return ltu8(a ^ H8, b ^ H8);
    }

    // ---- 16-bit lanes ----

    static long add16(long a, long b) {
        return ((a & L16) + (b & L16)) ^ ((a ^ b) & H16);
    }

    static long sub16(long a, long b) {
        return ((a | H16) - (b & L16)) ^ ((a ^ ~b) & H16);
    }

    static long mask16(long h) {
        return (h - (h >>> 15)) | h;
    }

    static long eq16(long a, long b) {
        long x = a ^ b;
        return ~(((x & L16) + L16) | x) & H16;
    }

    static long ltu16(long a, long b) {
        long d = (a | H16) - (b & L16);
        return ((~a & b) | (~(a ^ b) & ~d)) & H16;
    }

    static long lts16(long a, long b) {
        return ltu16(a ^ H16, b ^ H16);
    }

    // ---- 32-bit lanes ----

    /** Packs two 32-bit lanes (low lane first) into a long. */
    static long pack32(int lane0, int lane1) {
        return (lane0 & 0xFFFFFFFFL) | ((long) lane1 << 32);
    }

    /** All-ones (as a 32-bit lane) when {@code c}, else 0. */
    static long lane32(boolean c) {
        return c ? 0xFFFFFFFFL : 0L;
    }
}
