package dev.bytelift.runtime.internal;

import java.util.Objects;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;

/**
 * Loads and stores of linear memory, called by generated code. A memory is a {@code byte[]} that
 * may be longer than the memory (capacity to grow into, {@link VMMemory}) and its size in bytes,
 * which every access checks ({@link #index}); generated code caches both in locals.
 *
 * <p>Bounds are checked by {@link Objects#checkIndex} against the size, never by the array's
 * implicit check: HotSpot's "fast throw" turns an implicit exception that C2-compiled code throws
 * often into a preallocated one without a stack trace, which would lose the trap's backtrace,
 * whereas a failed {@code checkIndex} always throws a new exception with its stack trace (the
 * intrinsic deoptimises instead). C2 compiles {@code checkIndex} to a range check that loop
 * predication and range-check elimination hoist. The {@link IndexOutOfBoundsException} becomes
 * the {@code out of bounds memory access} trap where it leaves WebAssembly
 * ({@link Traps#translate}), with the backtrace of its stack trace.
 *
 * <p>Multi-byte values go through {@code sun.misc.Unsafe} behind that one check where
 * {@link UnsafeMemory} allows it (C1 inlines far less of it: docs/performance.md §24), else through
 * the {@code VarHandle} views ({@link VarHandleAccess}), which check the array's length as well.
 * {@code U} is a constant to both JIT compilers, which compile only the path taken; every method
 * stays within C1's 35-byte inlining limit (the compiler's {@code MemoryHelperSizeTest}). The
 * {@code Unsafe} path relies on the size never exceeding the array's length: callers read the
 * (volatile) size before the array ({@link VMMemory#size}).
 *
 * <p>Parameter order follows the operand stack: the address (and value) the instruction pops,
 * then the memory's array and size and the static offset the call site pushes.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    private static final sun.misc.Unsafe U = UnsafeMemory.U;

    /**
     * The largest static offset a call site passes: a memory is at most this many bytes
     * ({@link Memory#MAX_PAGES} pages), so a larger {@code memarg} offset can never be in bounds,
     * and the translator passes this one instead ({@link #clampOffset}). It keeps
     * {@code offset + width - 1} and {@code size - (offset + width - 1)} from wrapping.
     */
    public static final int MAX_OFFSET = Memory.MAX_PAGES * MemoryType.PAGE_SIZE;

    /** A {@code memarg} offset (unsigned) as a call site passes it: at most {@link #MAX_OFFSET}. */
    public static int clampOffset(int offset) {
        return Integer.compareUnsigned(offset, MAX_OFFSET) > 0 ? MAX_OFFSET : offset;
    }

    /**
     * The array index of a {@code width}-byte access at {@code addr + offset} (addr unsigned,
     * {@code 0 <= offset <= MAX_OFFSET}) in a memory of {@code size} bytes, or an
     * {@link IndexOutOfBoundsException}: in bounds iff {@code addr + offset + width <= size}.
     *
     * <p>The address itself is checked, against a limit with the (constant) offset and width
     * folded in, and the index is then {@code addr + offset}: an affine function of the address,
     * so C2's range-check elimination hoists the check out of counted loops whatever the offset.
     * A negative {@code addr} (2^31 or more unsigned) fails the check, and so does every address
     * when the limit is not positive.
     */
    public static int index(int addr, int size, int offset, int width) {
        return Objects.checkIndex(addr, size - (offset + (width - 1))) + offset;
    }

    /** The {@code Unsafe} offset of a 1-byte access ({@link #index}; one method per width keeps the callers small). */
    static long at1(int addr, int size, int offset) {
        return UnsafeMemory.BASE + (Objects.checkIndex(addr, size - offset) + offset);
    }

    /** The {@code Unsafe} offset of a 2-byte access ({@link #index}). */
    static long at2(int addr, int size, int offset) {
        return UnsafeMemory.BASE + (Objects.checkIndex(addr, size - (offset + 1)) + offset);
    }

    /** The {@code Unsafe} offset of a 4-byte access ({@link #index}). */
    static long at4(int addr, int size, int offset) {
        return UnsafeMemory.BASE + (Objects.checkIndex(addr, size - (offset + 3)) + offset);
    }

    /** The {@code Unsafe} offset of an 8-byte access ({@link #index}). */
    static long at8(int addr, int size, int offset) {
        return UnsafeMemory.BASE + (Objects.checkIndex(addr, size - (offset + 7)) + offset);
    }

    // ---- at an index the caller checked: the SIMD accesses (simd.SimdMemory) ----
    // Through Unsafe where it is allowed, as above: a VarHandle view would inline its ~250-byte
    // chain into every C1-compiled SIMD access and check the array's length a second time.

    /** The 8 bytes at array index {@code i}, which the caller checked against the memory's size ({@link #index}). */
    public static long longAt(byte[] mem, int i) {
        if (U == null) return (long) VarHandleAccess.I64.get(mem, i);
        return U.getLong(mem, UnsafeMemory.BASE + i);
    }

    /** Writes the 8 bytes at array index {@code i}, checked by the caller ({@link #index}). */
    public static void putLongAt(byte[] mem, int i, long value) {
        if (U == null) VarHandleAccess.I64.set(mem, i, value);
        else U.putLong(mem, UnsafeMemory.BASE + i, value);
    }

    /** The 4 bytes at array index {@code i}, checked by the caller ({@link #index}). */
    public static int intAt(byte[] mem, int i) {
        if (U == null) return (int) VarHandleAccess.I32.get(mem, i);
        return U.getInt(mem, UnsafeMemory.BASE + i);
    }

    /** Writes the 4 bytes at array index {@code i}, checked by the caller ({@link #index}). */
    public static void putIntAt(byte[] mem, int i, int value) {
        if (U == null) VarHandleAccess.I32.set(mem, i, value);
        else U.putInt(mem, UnsafeMemory.BASE + i, value);
    }

    /** The 2 bytes at array index {@code i}, checked by the caller ({@link #index}). */
    public static short shortAt(byte[] mem, int i) {
        if (U == null) return (short) VarHandleAccess.I16.get(mem, i);
        return U.getShort(mem, UnsafeMemory.BASE + i);
    }

    /** Writes the 2 bytes at array index {@code i}, checked by the caller ({@link #index}). */
    public static void putShortAt(byte[] mem, int i, short value) {
        if (U == null) VarHandleAccess.I16.set(mem, i, value);
        else U.putShort(mem, UnsafeMemory.BASE + i, value);
    }

    public static int i32Load(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i32Load(addr, mem, size, offset);
        return U.getInt(mem, at4(addr, size, offset));
    }

    public static long i64Load(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i64Load(addr, mem, size, offset);
        return U.getLong(mem, at8(addr, size, offset));
    }

    public static float f32Load(int addr, byte[] mem, int size, int offset) {
        return Float.intBitsToFloat(i32Load(addr, mem, size, offset));
    }

    public static double f64Load(int addr, byte[] mem, int size, int offset) {
        return Double.longBitsToDouble(i64Load(addr, mem, size, offset));
    }

    public static int i32Load8S(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i32Load8S(addr, mem, size, offset);
        return U.getByte(mem, at1(addr, size, offset));
    }

    public static int i32Load8U(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i32Load8U(addr, mem, size, offset);
        return U.getByte(mem, at1(addr, size, offset)) & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i32Load16S(addr, mem, size, offset);
        return U.getShort(mem, at2(addr, size, offset));
    }

    public static int i32Load16U(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i32Load16U(addr, mem, size, offset);
        return U.getShort(mem, at2(addr, size, offset)) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] mem, int size, int offset) {
        return i32Load8S(addr, mem, size, offset);
    }

    public static long i64Load8U(int addr, byte[] mem, int size, int offset) {
        return i32Load8U(addr, mem, size, offset);
    }

    public static long i64Load16S(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i64Load16S(addr, mem, size, offset);
        return U.getShort(mem, at2(addr, size, offset));
    }

    public static long i64Load16U(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i64Load16U(addr, mem, size, offset);
        return U.getShort(mem, at2(addr, size, offset)) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i64Load32S(addr, mem, size, offset);
        return U.getInt(mem, at4(addr, size, offset));
    }

    public static long i64Load32U(int addr, byte[] mem, int size, int offset) {
        if (U == null) return VarHandleAccess.i64Load32U(addr, mem, size, offset);
        return U.getInt(mem, at4(addr, size, offset)) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, byte[] mem, int size, int offset) {
        if (U == null) {
            VarHandleAccess.i32Store(addr, value, mem, size, offset);
            return;
        }
        U.putInt(mem, at4(addr, size, offset), value);
    }

    public static void i64Store(int addr, long value, byte[] mem, int size, int offset) {
        if (U == null) {
            VarHandleAccess.i64Store(addr, value, mem, size, offset);
            return;
        }
        U.putLong(mem, at8(addr, size, offset), value);
    }

    public static void f32Store(int addr, float value, byte[] mem, int size, int offset) {
        i32Store(addr, Float.floatToRawIntBits(value), mem, size, offset);
    }

    public static void f64Store(int addr, double value, byte[] mem, int size, int offset) {
        i64Store(addr, Double.doubleToRawLongBits(value), mem, size, offset);
    }

    public static void i32Store8(int addr, int value, byte[] mem, int size, int offset) {
        if (U == null) {
            VarHandleAccess.i32Store8(addr, value, mem, size, offset);
            return;
        }
        U.putByte(mem, at1(addr, size, offset), (byte) value);
    }

    public static void i32Store16(int addr, int value, byte[] mem, int size, int offset) {
        if (U == null) {
            VarHandleAccess.i32Store16(addr, value, mem, size, offset);
            return;
        }
        U.putShort(mem, at2(addr, size, offset), (short) value);
    }

    public static void i64Store8(int addr, long value, byte[] mem, int size, int offset) {
        i32Store8(addr, (int) value, mem, size, offset);
    }

    public static void i64Store16(int addr, long value, byte[] mem, int size, int offset) {
        i32Store16(addr, (int) value, mem, size, offset);
    }

    public static void i64Store32(int addr, long value, byte[] mem, int size, int offset) {
        i32Store(addr, (int) value, mem, size, offset);
    }
}
