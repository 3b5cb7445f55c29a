package dev.bytelift.testmodules.reliability;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 as the fuzzer needs it: reading a field at any position (a mutator does not know
 * in advance whether bytes there form one) and writing a value at a chosen width, because keeping a
 * field's width keeps every size around it right, and an over-wide encoding is a mutation of its own.
 */
final class Leb {
    private Leb() {}

    /** Value and encoded length of a field; {@code length == 0} means no field starts there. */
    record Field(long value, int length) {}

    private static final Field NONE = new Field(0, 0);

    /** The unsigned LEB128 (at most 10 bytes) at {@code pos}, or a field of length 0. */
    static Field read(byte[] b, int pos) {
        long v = 0;
        for (int i = 0; i < 10 && pos + i < b.length; i++) {
            int x = b[pos + i] & 0xFF;
            v |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) return new Field(v, i + 1);
        }
        return NONE;
    }

    /** The shortest encoding of {@code v} (taken as unsigned). */
    static byte[] encode(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    /**
     * {@code v} in exactly {@code width} bytes, padded with continuation bytes (legal up to the
     * type's maximum width; wider is "integer representation too long"), or the shortest encoding
     * if {@code v} does not fit.
     */
    static byte[] encode(long v, int width) {
        byte[] shortest = encode(v);
        if (shortest.length >= width) return shortest;
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) ((v & 0x7F) | (i < width - 1 ? 0x80 : 0));
            v >>>= 7;
        }
        return out;
    }
}
