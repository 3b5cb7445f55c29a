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
 * <p>Parameter order follows the operand stack: the address (and value) the instruction pops,
 * then the memory and the static offset the call site pushes.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

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

    /** The array index of a 1-byte access at {@code addr + offset}, checked by {@link Objects#checkIndex}. */
    public static int index1(int addr, byte[] mem, int offset) {
        return Objects.checkIndex(ea(addr, offset), mem.length);
    }

    public static int i32Load(int addr, byte[] mem, int offset) {
        return (int) I32.get(mem, ea(addr, offset));
    }

    public static long i64Load(int addr, byte[] mem, int offset) {
        return (long) I64.get(mem, ea(addr, offset));
    }

    public static float f32Load(int addr, byte[] mem, int offset) {
        return Float.intBitsToFloat((int) I32.get(mem, ea(addr, offset)));
    }

    public static double f64Load(int addr, byte[] mem, int offset) {
        return Double.longBitsToDouble((long) I64.get(mem, ea(addr, offset)));
    }

    public static int i32Load8S(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)];
    }

    public static int i32Load8U(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] mem, int offset) {
        return (short) I16.get(mem, ea(addr, offset));
    }

    public static int i32Load16U(int addr, byte[] mem, int offset) {
        return ((short) I16.get(mem, ea(addr, offset))) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)];
    }

    public static long i64Load8U(int addr, byte[] mem, int offset) {
        return mem[index1(addr, mem, offset)] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] mem, int offset) {
        return (short) I16.get(mem, ea(addr, offset));
    }

    public static long i64Load16U(int addr, byte[] mem, int offset) {
        return ((short) I16.get(mem, ea(addr, offset))) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] mem, int offset) {
        return (int) I32.get(mem, ea(addr, offset));
    }

    public static long i64Load32U(int addr, byte[] mem, int offset) {
        return ((int) I32.get(mem, ea(addr, offset))) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, byte[] mem, int offset) {
        I32.set(mem, ea(addr, offset), value);
    }

    public static void i64Store(int addr, long value, byte[] mem, int offset) {
        I64.set(mem, ea(addr, offset), value);
    }

    public static void f32Store(int addr, float value, byte[] mem, int offset) {
        I32.set(mem, ea(addr, offset), Float.floatToRawIntBits(value));
    }

    public static void f64Store(int addr, double value, byte[] mem, int offset) {
        I64.set(mem, ea(addr, offset), Double.doubleToRawLongBits(value));
    }

    public static void i32Store8(int addr, int value, byte[] mem, int offset) {
        mem[index1(addr, mem, offset)] = (byte) value;
    }

    public static void i32Store16(int addr, int value, byte[] mem, int offset) {
        I16.set(mem, ea(addr, offset), (short) value);
    }

    public static void i64Store8(int addr, long value, byte[] mem, int offset) {
        mem[index1(addr, mem, offset)] = (byte) value;
    }

    public static void i64Store16(int addr, long value, byte[] mem, int offset) {
        I16.set(mem, ea(addr, offset), (short) value);
    }

    public static void i64Store32(int addr, long value, byte[] mem, int offset) {
        I32.set(mem, ea(addr, offset), (int) value);
    }
}
