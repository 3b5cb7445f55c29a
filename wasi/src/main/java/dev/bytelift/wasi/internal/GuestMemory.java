package dev.bytelift.wasi.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.Memory;

/**
 * The calling instance's linear memory as WASI calls see it: every guest pointer is an unsigned
 * 32-bit address, checked against the current size before use, and an access out of bounds fails
 * the call with {@link Errno#EFAULT} (never a JVM exception, never a trap).
 *
 * <p>Reads {@link Memory#data()} afresh on every access, because {@code memory.grow} may replace
 * the array, and checks against {@link Memory#byteSize()}, not the array's length (which may be
 * longer).
 */
public final class GuestMemory {
    /** The most iovecs one call may pass (POSIX's IOV_MAX on Linux; more fail with EINVAL). */
    public static final int MAX_IOVECS = 1024;

    /** The longest path a guest may pass (longer ones fail with ENAMETOOLONG). */
    public static final int MAX_PATH_BYTES = 64 * 1024;

    private final Memory memory;

    /** {@code memory} may be {@code null} (a module without memory): every access then faults. */
    public GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** The current bytes. */
    public byte[] bytes() {
        if (memory == null) throw new WasiError(Errno.EFAULT);
        return memory.data();
    }

    /** The current size in bytes (the array of {@link #bytes()} may be longer). */
    public int size() {
        if (memory == null) throw new WasiError(Errno.EFAULT);
        return memory.byteSize();
    }

    /**
     * Checks that {@code [ptr, ptr + length)} lies in memory and returns {@code ptr} as an index.
     * {@code ptr} is unsigned; {@code length} is a non-negative byte count.
     */
    public int check(int ptr, long length) {
        long start = Integer.toUnsignedLong(ptr);
        if (length < 0 || start + length > size()) throw new WasiError(Errno.EFAULT);
        return (int) start;
    }

    public int u8(int ptr) {
        return bytes()[check(ptr, 1)] & 0xff;
    }

    // 32- and 64-bit values through the memory's own little-endian accessors (MemoryAccess, no
    // byte-array VarHandle view on its Unsafe path: a view would cost a process 5-7 ms of
    // java.lang.invoke set-up at its first WASI call, docs/performance.md §27); check() has made
    // the errno of an access out of bounds, so theirs cannot trap.

    public int u16(int ptr) {
        int a = check(ptr, 2);
        byte[] b = bytes();
        return (b[a] & 0xff) | (b[a + 1] & 0xff) << 8;
    }

    public int i32(int ptr) {
        return memory.readInt(check(ptr, 4));
    }

    public long i64(int ptr) {
        return memory.readLong(check(ptr, 8));
    }

    public void setU8(int ptr, int value) {
        bytes()[check(ptr, 1)] = (byte) value;
    }

    public void setU16(int ptr, int value) {
        int a = check(ptr, 2);
        byte[] b = bytes();
        b[a] = (byte) value;
        b[a + 1] = (byte) (value >>> 8);
    }

    public void setI32(int ptr, int value) {
        memory.writeInt(check(ptr, 4), value);
    }

    public void setI64(int ptr, long value) {
        memory.writeLong(check(ptr, 8), value);
    }

    /** Fills {@code [ptr, ptr + length)} with zeros. */
    public void zero(int ptr, int length) {
        int a = check(ptr, length);
        java.util.Arrays.fill(bytes(), a, a + length, (byte) 0);
    }

    /** Copies {@code data} to {@code ptr}. */
    public void write(int ptr, byte[] data, int offset, int length) {
        int a = check(ptr, length);
        System.arraycopy(data, offset, bytes(), a, length);
    }

    public void write(int ptr, byte[] data) {
        write(ptr, data, 0, data.length);
    }

    /** A copy of {@code [ptr, ptr + length)}. */
    public byte[] read(int ptr, int length) {
        int a = check(ptr, Integer.toUnsignedLong(length));
        byte[] out = new byte[length];
        System.arraycopy(bytes(), a, out, 0, length);
        return out;
    }

    /** A heap buffer over {@code [ptr, ptr + length)} of the current array (no copy). */
    public ByteBuffer slice(int ptr, int length) {
        int a = check(ptr, Integer.toUnsignedLong(length));
        return ByteBuffer.wrap(bytes(), a, length);
    }

    /**
     * A path or other string argument: {@code length} bytes of UTF-8. Fails with ENAMETOOLONG
     * above {@link #MAX_PATH_BYTES}, EILSEQ for malformed UTF-8 and EINVAL for a NUL byte.
     */
    public String string(int ptr, int length) {
        long len = Integer.toUnsignedLong(length);
        int a = check(ptr, len);
        if (len > MAX_PATH_BYTES) throw new WasiError(Errno.ENAMETOOLONG);
        byte[] b = bytes();
        for (int i = a; i < a + (int) len; i++) {
            if (b[i] == 0) throw new WasiError(Errno.EINVAL);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, a, (int) len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(Errno.EILSEQ);
        }
    }

    /**
     * Reads an array of {@code count} iovecs ({@code {u32 buf, u32 len}}) at {@code ptr} and checks
     * each buffer: returns {@code [buf0, len0, buf1, len1, ...]}. EINVAL above {@link #MAX_IOVECS}.
     */
    public int[] iovecs(int ptr, int count) {
        long n = Integer.toUnsignedLong(count);
        if (n > MAX_IOVECS) throw new WasiError(Errno.EINVAL);
        check(ptr, n * Abi.IOVEC_SIZE);
        int[] out = new int[(int) n * 2];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int buf = i32(ptr + i * Abi.IOVEC_SIZE);
            int len = i32(ptr + i * Abi.IOVEC_SIZE + 4);
            check(buf, Integer.toUnsignedLong(len));
            total += Integer.toUnsignedLong(len);
            out[2 * i] = buf;
            out[2 * i + 1] = len;
        }
        if (total > Integer.MAX_VALUE) throw new WasiError(Errno.EINVAL);
        return out;
    }
}
