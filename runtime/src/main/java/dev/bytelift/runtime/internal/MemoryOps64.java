package dev.bytelift.runtime.internal;

/**
 * What multi-memory and memory64 add to {@link MemoryOps} and {@link MemoryAccess}: effective
 * addresses of 64-bit memories, and bulk operators on any memory with any mix of address types.
 * Parameters follow the operand stack, then the memories.
 *
 * <p>A 64-bit address or length becomes an {@code int} that means the same to the 32-bit code: an
 * exact one below 2^31, else -1, which is out of bounds for every {@code byte[]} both as an index
 * (negative) and as an unsigned start or length (2^32 - 1). So one bounds check serves both address
 * types, and the spec's rule that an address past the memory traps holds for any 64-bit value.
 */
public final class MemoryOps64 {
    private MemoryOps64() {}

    /** A 64-bit address or length as the 32-bit operators take it (see the class comment). */
    public static int clamp(long x) {
        return x >= 0 && x <= Integer.MAX_VALUE ? (int) x : -1;
    }

    /**
     * The effective address {@code addr + offset} of a 64-bit memory (both unsigned) as an array
     * index: -1 when the sum overflows 64 bits or is 2^31 or more, so the access traps.
     */
    public static int ea(long addr, long offset) {
        long sum = addr + offset;
        if (Long.compareUnsigned(sum, addr) < 0) return -1; // the spec's address is the true sum: past 2^64, out of bounds
        return clamp(sum);
    }

    public static long size(VMMemory memory) {
        return memory.size >>> 16;
    }

    public static int size32(VMMemory memory) {
        return memory.size >>> 16;
    }

    public static long grow(long delta, VMMemory memory) {
        if (delta < 0 || delta > 0xFFFF_FFFFL) return -1; // far past the largest memory
        return memory.api.grow((int) delta);
    }

    public static int grow32(int delta, VMMemory memory) {
        return memory.api.grow(delta);
    }

    /** {@code memory.copy} between two 32-bit memories (or within a non-zero one). */
    public static void copy(int dst, int src, int n, byte[] dstMem, int dstSize, byte[] srcMem, int srcSize) {
        MemoryOps.copyBetween(dst, src, n, dstMem, dstSize, srcMem, srcSize);
    }

    /** {@code memory.copy} between two 64-bit memories. */
    public static void copy(long dst, long src, long n, byte[] dstMem, int dstSize, byte[] srcMem, int srcSize) {
        MemoryOps.copyBetween(clamp(dst), clamp(src), clamp(n), dstMem, dstSize, srcMem, srcSize);
    }

    /** {@code memory.copy} to a 64-bit memory from a 32-bit one: the length is an {@code i32}. */
    public static void copy(long dst, int src, int n, byte[] dstMem, int dstSize, byte[] srcMem, int srcSize) {
        MemoryOps.copyBetween(clamp(dst), src, n, dstMem, dstSize, srcMem, srcSize);
    }

    /** {@code memory.copy} to a 32-bit memory from a 64-bit one: the length is an {@code i32}. */
    public static void copy(int dst, long src, int n, byte[] dstMem, int dstSize, byte[] srcMem, int srcSize) {
        MemoryOps.copyBetween(dst, clamp(src), n, dstMem, dstSize, srcMem, srcSize);
    }

    public static void fill(long dst, int value, long n, byte[] mem, int size) {
        MemoryOps.fill(clamp(dst), value, clamp(n), mem, size);
    }

    public static void init(long dst, int src, int n, byte[] mem, int size, byte[] segment) {
        MemoryOps.init(clamp(dst), src, n, mem, size, segment);
    }
}
