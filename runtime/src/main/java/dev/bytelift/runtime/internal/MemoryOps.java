package dev.bytelift.runtime.internal;

import java.util.Arrays;
import dev.bytelift.runtime.TrapCode;

/**
 * Bulk memory instructions. Parameters follow the operand stack, then the memory: its array and
 * its size in bytes (the array may be longer, see {@link VMMemory}).
 */
public final class MemoryOps {
    private MemoryOps() {}

    private static boolean outOfBounds(int start, int n, int length) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > length;
    }

    public static void copy(int dst, int src, int n, byte[] mem, int size) {
        if (outOfBounds(dst, n, size) || outOfBounds(src, n, size)) {
            throw Traps.trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        }
        System.arraycopy(mem, src, mem, dst, n);
    }

    /** {@code memory.copy} between two memories (which may be the same). */
    public static void copyBetween(int dst, int src, int n, byte[] dstMem, int dstSize, byte[] srcMem, int srcSize) {
        if (outOfBounds(dst, n, dstSize) || outOfBounds(src, n, srcSize)) {
            throw Traps.trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        }
        System.arraycopy(srcMem, src, dstMem, dst, n);
    }

    public static void fill(int dst, int value, int n, byte[] mem, int size) {
        if (outOfBounds(dst, n, size)) throw Traps.trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        Arrays.fill(mem, dst, dst + n, (byte) value);
    }

    /** {@code memory.init}: {@code segment} is {@code null} once dropped (then it is empty). */
    public static void init(int dst, int src, int n, byte[] mem, int size, byte[] segment) {
        int segLen = segment == null ? 0 : segment.length;
        if (outOfBounds(dst, n, size) || outOfBounds(src, n, segLen)) {
            throw Traps.trap(TrapCode.MEMORY_OUT_OF_BOUNDS);
        }
        if (n > 0) System.arraycopy(segment, src, mem, dst, n);
    }

    public static void dataDrop(VMContext ctx, int segment) {
        ctx.data[segment] = null;
    }

    public static int grow(int delta, VMContext ctx) {
        return ctx.memory.api.grow(delta);
    }
}
