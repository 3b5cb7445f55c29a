package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Loads and stores of linear memory, called by generated code. A memory is a {@code byte[]}.
 *
 * <p>Bounds are checked by the JDK's index checks ({@code Preconditions.checkIndex}, which the
 * {@code VarHandle} views use, and {@link Objects#checkIndex} before each single-byte access),
 * never by the array's implicit check: HotSpot's "fast throw" turns an implicit exception that
 * C2-compiled code throws often into a preallocated one without a stack trace, which would lose
 * the trap's backtrace, whereas a failed {@code checkIndex} always throws a new exception with
 * its stack trace (the intrinsic deoptimises instead). C2 compiles {@code checkIndex} to the
 * very range check the array access makes, and drops the latter, so this costs nothing. The
 * {@link IndexOutOfBoundsException} becomes the {@code out of bounds memory access} trap where it
 * leaves WebAssembly ({@link Traps#translate}), with the backtrace of its stack trace.
 *
 * <p>Multi-byte values go through {@code sun.misc.Unsafe} behind the same {@code checkIndex} where
 * {@link UnsafeMemory} allows it (C1 inlines far less of it: docs/performance.md §24), else through
 * the {@code VarHandle} views ({@link VarHandleAccess}). {@code U} is a constant to both JIT
 * compilers, which compile only the path taken; every method stays within C1's 35-byte
 * inlining limit (the compiler's {@code MemoryHelperSizeTest}).
 *
 * <p>Parameter order follows the operand stack: the address (and value) the instruction pops,
 * then the memory and the static offset the call site pushes.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    private static final sun.misc.Unsafe U = UnsafeMemory.U;

    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The effective address {@code addr + offset} of a 32-bit memory (both unsigned), as an array
     * index: negative whenever the true address is 2^31 or more, which no {@code byte[]} reaches,
     * so the access fails the JVM's bounds check exactly when Wasm requires a trap.
     *
     * <p>{@code offset} is a constant at every call site, so C2 folds the test. With offset 0 the
     * address itself is the index (negative exactly when it is 2^31 or more), and an index that
     * is a plain induction variable lets C2 eliminate the bounds checks of a loop; the general
     * formula's {@code | (x >> 31)} hides the induction variable and keeps one check per access
     * (matmul: 1.7x; see docs/performance.md).
     */
    public static int ea(int addr, int offset) {
        if (offset == 0) return addr;
        return (addr + offset) | ((addr | offset) >> 31);
    }

    /**
     * The {@code Unsafe} offset of an access of {@code last + 1} bytes at {@code addr + offset},
     * after the check the {@code VarHandle} view makes: the index and the {@code last} bytes after
     * it lie in {@code mem} (a negative index fails, as does any index when the array is shorter).
     */
    static long at(int addr, byte[] mem, int offset, int last) {
        return UnsafeMemory.BASE + Objects.checkIndex(ea(addr, offset), mem.length - last);
    }

    /** The array index of a 1-byte access at {@code addr + offset}, checked by {@link Objects#checkIndex}. */
    public static int index1(int addr, byte[] mem, int offset) {
        return Objects.checkIndex(ea(addr, offset), mem.length);
    }

    public static int i32Load(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i32Load(addr, mem, offset);
        return U.getInt(mem, at(addr, mem, offset, 3));
    }

    public static long i64Load(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i64Load(addr, mem, offset);
        return U.getLong(mem, at(addr, mem, offset, 7));
    }

    public static float f32Load(int addr, byte[] mem, int offset) {
        return Float.intBitsToFloat(i32Load(addr, mem, offset));
    }

    public static double f64Load(int addr, byte[] mem, int offset) {
        return Double.longBitsToDouble(i64Load(addr, mem, offset));
    }

    public static int i32Load8S(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)];
    }

    public static int i32Load8U(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i32Load16S(addr, mem, offset);
        return U.getShort(mem, at(addr, mem, offset, 1));
    }

    public static int i32Load16U(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i32Load16U(addr, mem, offset);
        return U.getShort(mem, at(addr, mem, offset, 1)) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)];
    }

    public static long i64Load8U(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i64Load16S(addr, mem, offset);
        return U.getShort(mem, at(addr, mem, offset, 1));
    }

    public static long i64Load16U(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i64Load16U(addr, mem, offset);
        return U.getShort(mem, at(addr, mem, offset, 1)) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i64Load32S(addr, mem, offset);
        return U.getInt(mem, at(addr, mem, offset, 3));
    }

    public static long i64Load32U(int addr, byte[] mem, int offset) {
        if (U == null) return VarHandleAccess.i64Load32U(addr, mem, offset);
        return U.getInt(mem, at(addr, mem, offset, 3)) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, byte[] mem, int offset) {
        if (U == null) {
            VarHandleAccess.i32Store(addr, value, mem, offset);
            return;
        }
        U.putInt(mem, at(addr, mem, offset, 3), value);
    }

    public static void i64Store(int addr, long value, byte[] mem, int offset) {
        if (U == null) {
            VarHandleAccess.i64Store(addr, value, mem, offset);
            return;
        }
        U.putLong(mem, at(addr, mem, offset, 7), value);
    }

    public static void f32Store(int addr, float value, byte[] mem, int offset) {
        i32Store(addr, Float.floatToRawIntBits(value), mem, offset);
    }

    public static void f64Store(int addr, double value, byte[] mem, int offset) {
        i64Store(addr, Double.doubleToRawLongBits(value), mem, offset);
    }

    public static void i32Store8(int addr, int value, byte[] mem, int offset) {
        mem[index1(addr, mem, offset)] = (byte) value;
    }

    public static void i32Store16(int addr, int value, byte[] mem, int offset) {
        if (U == null) {
            VarHandleAccess.i32Store16(addr, value, mem, offset);
            return;
        }
        U.putShort(mem, at(addr, mem, offset, 1), (short) value);
    }

    public static void i64Store8(int addr, long value, byte[] mem, int offset) {
        mem[index1(addr, mem, offset)] = (byte) value;
    }

    public static void i64Store16(int addr, long value, byte[] mem, int offset) {
        if (U == null) {
            VarHandleAccess.i64Store16(addr, value, mem, offset);
            return;
        }
        U.putShort(mem, at(addr, mem, offset, 1), (short) value);
    }

    public static void i64Store32(int addr, long value, byte[] mem, int offset) {
        if (U == null) {
            VarHandleAccess.i64Store32(addr, value, mem, offset);
            return;
        }
        U.putInt(mem, at(addr, mem, offset, 3), (int) value);
    }
}
