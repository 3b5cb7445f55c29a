package dev.bytelift.compiler.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.MalformedModuleException;

/**
 * Reads the primitive encodings of the binary format (LEB128 integers, floats, names) from a
 * window {@code [pos, limit)} of the module bytes, raising {@link MalformedModuleException} with
 * the spec's message and the byte offset.
 */
public final class ByteReader {
    private final byte[] bytes;
    private int pos;
    private int limit;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        pos = p;
    }

    public int limit() {
        return limit;
    }

    public void limit(int l) {
        limit = l;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public MalformedModuleException malformed(String message) {
        return new MalformedModuleException(message, pos);
    }

    public MalformedModuleException malformed(String message, int at) {
        return new MalformedModuleException(message, at);
    }

    private MalformedModuleException eof() {
        return new MalformedModuleException(limit < bytes.length ? "unexpected end of section or function" : "unexpected end", pos);
    }

    /** The next byte without consuming it, or -1 at the limit. */
    public int peekU8() {
        return pos < limit ? bytes[pos] & 0xFF : -1;
    }

    public int u8() {
        if (pos >= limit) throw eof();
        return bytes[pos++] & 0xFF;
    }

    /** An unsigned LEB128 32-bit integer (returned as the int with the same bits). */
    public int u32() {
        // most indices fit in one byte
        int p = pos;
        if (p < limit) {
            int b = bytes[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return u32Multi();
    }

    private int u32Multi() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw malformed("integer representation too long", pos - 1);
                if ((b & 0x70) != 0) throw malformed("integer too large", pos - 1);
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /** An unsigned LEB128 64-bit integer (returned as the long with the same bits). */
    public long u64() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) throw malformed("integer representation too long", pos - 1);
                if ((b & 0x7E) != 0) throw malformed("integer too large", pos - 1);
                return result | ((long) b << 63);
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /** An unsigned 32-bit LEB128 count that must fit in a non-negative int. */
    public int u32Count() {
        int start = pos;
        int n = u32();
        if (n < 0) throw malformed("length out of bounds", start);
        return n;
    }

    /** A signed LEB128 32-bit integer. */
    public int s32() {
        // most constants fit in one byte (-64..63): bit 6 is the sign
        int p = pos;
        if (p < limit) {
            int b = bytes[p];
            if (b >= 0) {
                pos = p + 1;
                return (b << 25) >> 25;
            }
        }
        return s32Multi();
    }

    private int s32Multi() {
        int result = 0;
        int shift = 0;
        int b;
        while (true) {
            b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw malformed("integer representation too long", pos - 1);
                // the unused high bits must be a sign extension of bit 3
                // the unused high bits must repeat the sign bit (bit 3)
                int top = b & 0x78;
                if (top != 0 && top != 0x78) throw malformed("integer too large", pos - 1);
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if (shift < 32 && (b & 0x40) != 0) result |= -1 << shift;
        return result;
    }

    /** A signed LEB128 33-bit integer (block types), returned as a long. */
    public long s33() {
        long result = 0;
        int shift = 0;
        int b;
        while (true) {
            b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw malformed("integer representation too long", pos - 1);
                int top = b & 0x70;
                if (top != 0 && top != 0x70) throw malformed("integer too large", pos - 1);
                result |= (long) (b & 0x7F) << shift;
                shift += 7;
                break;
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** A signed LEB128 64-bit integer. */
    public long s64() {
        long result = 0;
        int shift = 0;
        int b;
        while (true) {
            b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) throw malformed("integer representation too long", pos - 1);
                if (b != 0 && b != 0x7F) throw malformed("integer too large", pos - 1);
                return result | ((long) b << 63);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    public int f32Bits() {
        if (limit - pos < 4) {
            pos = limit;
            throw eof();
        }
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long f64Bits() {
        long lo = f32Bits() & 0xFFFFFFFFL;
        long hi = f32Bits() & 0xFFFFFFFFL;
        return lo | (hi << 32);
    }

    public byte[] bytes(int n) {
        if (n < 0 || n > limit - pos) throw malformed(n > bytes.length - pos ? "unexpected end" : "unexpected end of section or function");
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        if (n < 0 || n > limit - pos) throw eof();
        pos += n;
    }

    /** A length-prefixed UTF-8 name. */
    public String name() {
        int start = pos;
        int n = u32Count();
        if (n > limit - pos) throw malformed("length out of bounds", start);
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, n));
            pos += n;
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw malformed("malformed UTF-8 encoding", start);
        }
    }
}
