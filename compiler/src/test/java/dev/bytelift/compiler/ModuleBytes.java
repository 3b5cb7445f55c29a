package dev.bytelift.compiler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/** Just enough of the binary format's encodings to write the compiler tests' small modules by hand. */
public final class ModuleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The magic number and version. */
    public static ModuleBytes header() {
        return new ModuleBytes().raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
    }

    /** Appends section {@code id} with {@code content}. */
    public ModuleBytes section(int id, ModuleBytes content) {
        return raw(id).u32(content.size()).raw(content.toArray());
    }

    public ModuleBytes raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    public ModuleBytes raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public ModuleBytes zeros(int n) {
        for (int i = 0; i < n; i++) out.write(0);
        return this;
    }

    /** An unsigned LEB128. */
    public ModuleBytes u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** A signed LEB128. */
    public ModuleBytes s32(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    public ModuleBytes name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).raw(b);
    }

    /** The operator's encoding (without immediates). */
    public ModuleBytes op(Op op) {
        if (op.prefix() == 0) return raw(op.code());
        return raw(op.prefix()).u32(op.code());
    }

    /** A constant zero of type {@code t}. */
    public ModuleBytes zeroOf(ValType t) {
        return switch (t.kind()) {
            case I32 -> raw(0x41, 0);
            case I64 -> raw(0x42, 0);
            case F32 -> raw(0x43).zeros(4);
            case F64 -> raw(0x44).zeros(8);
            case V128 -> op(Op.V128_CONST).zeros(16);
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }
}
