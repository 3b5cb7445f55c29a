package dev.bytelift.compiler.text;

import java.util.Arrays;

/** A growable byte array with the binary format's encodings (LEB128, names, vectors). */
final class ByteBuf {
    private byte[] b;
    private int n;

    ByteBuf() {
        this(64);
    }

    ByteBuf(int capacity) {
        b = new byte[Math.max(capacity, 16)];
    }

    int size() {
        return n;
    }

    private void room(int k) {
        if (n + k > b.length) {
            long want = Math.max((long) b.length * 2, (long) n + k);
            if (want > Integer.MAX_VALUE - 16) throw new OutOfMemoryError("module larger than 2 GiB");
            b = Arrays.copyOf(b, (int) want);
        }
    }

    ByteBuf byte1(int v) {
        room(1);
        b[n++] = (byte) v;
        return this;
    }

    ByteBuf bytes(byte[] v) {
        return bytes(v, 0, v.length);
    }

    ByteBuf bytes(byte[] v, int off, int len) {
        room(len);
        System.arraycopy(v, off, b, n, len);
        n += len;
        return this;
    }

    ByteBuf append(ByteBuf o) {
        return bytes(o.b, 0, o.n);
    }

    /** Unsigned LEB128 of a u32 (or u64) value. */
    ByteBuf u32(long v) {
        room(10);
        do {
            int x = (int) (v & 0x7F);
            v >>>= 7;
            b[n++] = (byte) (v != 0 ? x | 0x80 : x);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128 (s32, s33 or s64). */
    ByteBuf s64(long v) {
        room(10);
        while (true) {
            int x = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0)) {
                b[n++] = (byte) x;
                return this;
            }
            b[n++] = (byte) (x | 0x80);
        }
    }

    ByteBuf i32le(int v) {
        room(4);
        for (int i = 0; i < 4; i++) b[n++] = (byte) (v >>> (8 * i));
        return this;
    }

    ByteBuf i64le(long v) {
        room(8);
        for (int i = 0; i < 8; i++) b[n++] = (byte) (v >>> (8 * i));
        return this;
    }

    /** A name or byte string: its length, then its bytes. */
    ByteBuf name(byte[] v) {
        u32(v.length);
        return bytes(v);
    }

    /** {@code o} prefixed by its size (a section's or a function body's contents). */
    ByteBuf sized(ByteBuf o) {
        u32(o.n);
        return append(o);
    }

    byte[] toArray() {
        return Arrays.copyOf(b, n);
    }

    /** Appends {@code from[start, from.size())} here and cuts {@code from} back to {@code start}. */
    void moveFrom(ByteBuf from, int start) {
        bytes(from.b, start, from.n - start);
        from.n = start;
    }

    /** Cuts the contents back to {@code size} bytes. */
    void truncate(int size) {
        n = size;
    }

    void clear() {
        n = 0;
    }
}
