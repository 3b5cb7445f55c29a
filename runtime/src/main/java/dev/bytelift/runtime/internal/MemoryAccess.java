package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;

/**
 * Loads and stores of linear memory, called by generated code. A memory is a {@code byte[]}
 * that may be longer than the memory ({@code VMMemory}: capacity to grow into) and its size in
 * bytes, which every access checks ({@link #index}).
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
 * then the memory's array and size and the static offset the call site pushes.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
     * so C2's range-check elimination hoists this check and the array's (or the
     * {@code VarHandle}'s) out of counted loops whatever the offset. A negative {@code addr}
     * (2^31 or more unsigned) fails the check, and so does every address when the limit is not
     * positive. The array may be longer than {@code size} (capacity to grow into): its own check
     * never fails first.
     */
    public static int index(int addr, int size, int offset, int width) {
        return Objects.checkIndex(addr, size - (offset + (width - 1))) + offset;
    }

    public static int i32Load(int addr, byte[] mem, int size, int offset) {
        return (int) I32.get(mem, index(addr, size, offset, 4));
    }

    public static long i64Load(int addr, byte[] mem, int size, int offset) {
        return (long) I64.get(mem, index(addr, size, offset, 8));
    }

    public static float f32Load(int addr, byte[] mem, int size, int offset) {
        return Float.intBitsToFloat((int) I32.get(mem, index(addr, size, offset, 4)));
    }

    public static double f64Load(int addr, byte[] mem, int size, int offset) {
        return Double.longBitsToDouble((long) I64.get(mem, index(addr, size, offset, 8)));
    }

    public static int i32Load8S(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)];
    }

    public static int i32Load8U(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] mem, int size, int offset) {
        return (short) I16.get(mem, index(addr, size, offset, 2));
    }

    public static int i32Load16U(int addr, byte[] mem, int size, int offset) {
        return ((short) I16.get(mem, index(addr, size, offset, 2))) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)];
    }

    public static long i64Load8U(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] mem, int size, int offset) {
        return (short) I16.get(mem, index(addr, size, offset, 2));
    }

    public static long i64Load16U(int addr, byte[] mem, int size, int offset) {
        return ((short) I16.get(mem, index(addr, size, offset, 2))) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] mem, int size, int offset) {
        return (int) I32.get(mem, index(addr, size, offset, 4));
    }

    public static long i64Load32U(int addr, byte[] mem, int size, int offset) {
        return ((int) I32.get(mem, index(addr, size, offset, 4))) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, byte[] mem, int size, int offset) {
        I32.set(mem, index(addr, size, offset, 4), value);
    }

    public static void i64Store(int addr, long value, byte[] mem, int size, int offset) {
        I64.set(mem, index(addr, size, offset, 8), value);
    }

    public static void f32Store(int addr, float value, byte[] mem, int size, int offset) {
        I32.set(mem, index(addr, size, offset, 4), Float.floatToRawIntBits(value));
    }

    public static void f64Store(int addr, double value, byte[] mem, int size, int offset) {
        I64.set(mem, index(addr, size, offset, 8), Double.doubleToRawLongBits(value));
    }

    public static void i32Store8(int addr, int value, byte[] mem, int size, int offset) {
        mem[index(addr, size, offset, 1)] = (byte) value;
    }

    public static void i32Store16(int addr, int value, byte[] mem, int size, int offset) {
        I16.set(mem, index(addr, size, offset, 2), (short) value);
    }

    public static void i64Store8(int addr, long value, byte[] mem, int size, int offset) {
        mem[index(addr, size, offset, 1)] = (byte) value;
    }

    public static void i64Store16(int addr, long value, byte[] mem, int size, int offset) {
        I16.set(mem, index(addr, size, offset, 2), (short) value);
    }

    public static void i64Store32(int addr, long value, byte[] mem, int size, int offset) {
        I32.set(mem, index(addr, size, offset, 4), (int) value);
    }
}
