package dev.bytelift.runtime;

/**
 * A {@code v128} value as seen by embedders: 16 bytes, little-endian, as two longs.
 *
 * @param lo bytes 0 to 7 (lane 0 in the lowest bits)
 * @param hi bytes 8 to 15
 */
public record V128(long lo, long hi) {

    /** The value's 16 bytes, lowest address first. */
    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (lo >>> (8 * i));
            b[i + 8] = (byte) (hi >>> (8 * i));
        }
        return b;
    }

    /** The value whose 16 bytes, lowest address first, are {@code b}. */
    public static V128 fromBytes(byte[] b) {
        long lo = 0, hi = 0;
        for (int i = 7; i >= 0; i--) {
            lo = (lo << 8) | (b[i] & 0xFF);
            hi = (hi << 8) | (b[i + 8] & 0xFF);
        }
        return new V128(lo, hi);
    }

    @Override
    public String toString() {
        return String.format("0x%016x%016x", hi, lo);
    }
}
