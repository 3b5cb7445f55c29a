package dev.bytelift.testmodules.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer with the binary format's encodings, for writing test modules by hand. */
public final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends raw bytes (opcodes, type codes, flags). */
    public Bytes op(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    /** An unsigned LEB128. */
    public Bytes u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** A signed LEB128 of a 32-bit value. */
    public Bytes s32(int v) {
        return s64(v);
    }

    /** A signed LEB128 of a 64-bit value. */
    public Bytes s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    /** A function type {@code (params) -> (results)}, given as value type codes. */
    public Bytes funcType(int[] params, int[] results) {
        op(0x60).u32(params.length);
        for (int p : params) op(p);
        u32(results.length);
        for (int r : results) op(r);
        return this;
    }

    public Bytes i32Const(int v) {
        return op(0x41).s32(v);
    }

    public Bytes i64Const(long v) {
        return op(0x42).s64(v);
    }

    public Bytes bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A name: its UTF-8 length, then the bytes. */
    public Bytes name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).bytes(b);
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }
}
