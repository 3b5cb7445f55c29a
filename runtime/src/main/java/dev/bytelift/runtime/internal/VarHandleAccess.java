package dev.bytelift.runtime.internal;

import static dev.bytelift.runtime.internal.MemoryAccess.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link MemoryAccess}'s loads and stores through the array and the JDK's {@code VarHandle} views,
 * where {@link UnsafeMemory} is not used: the access is checked against the memory's size
 * ({@link MemoryAccess#index}), and the array or the view checks it against the array's length again.
 */
final class VarHandleAccess {
    private VarHandleAccess() {}

    // Here rather than in MemoryAccess, so that only this path makes them: the first byte-array
    // view costs a process 5-7 ms of java.lang.invoke set-up (docs/performance.md §27).
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static int i32Load(int addr, byte[] mem, int size, int offset) {
        return (int) I32.get(mem, index(addr, size, offset, 4));
    }

    static long i64Load(int addr, byte[] mem, int size, int offset) {
        return (long) I64.get(mem, index(addr, size, offset, 8));
    }

    static int i32Load8S(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)];
    }

    static int i32Load8U(int addr, byte[] mem, int size, int offset) {
        return mem[index(addr, size, offset, 1)] & 0xFF;
    }

    static void i32Store8(int addr, int value, byte[] mem, int size, int offset) {
        mem[index(addr, size, offset, 1)] = (byte) value;
    }

    static int i32Load16S(int addr, byte[] mem, int size, int offset) {
        return (short) I16.get(mem, index(addr, size, offset, 2));
    }

    static int i32Load16U(int addr, byte[] mem, int size, int offset) {
        return ((short) I16.get(mem, index(addr, size, offset, 2))) & 0xFFFF;
    }

    static long i64Load16S(int addr, byte[] mem, int size, int offset) {
        return (short) I16.get(mem, index(addr, size, offset, 2));
    }

    static long i64Load16U(int addr, byte[] mem, int size, int offset) {
        return ((short) I16.get(mem, index(addr, size, offset, 2))) & 0xFFFFL;
    }

    static long i64Load32S(int addr, byte[] mem, int size, int offset) {
        return (int) I32.get(mem, index(addr, size, offset, 4));
    }

    static long i64Load32U(int addr, byte[] mem, int size, int offset) {
        return ((int) I32.get(mem, index(addr, size, offset, 4))) & 0xFFFFFFFFL;
    }

    static void i32Store(int addr, int value, byte[] mem, int size, int offset) {
        I32.set(mem, index(addr, size, offset, 4), value);
    }

    static void i64Store(int addr, long value, byte[] mem, int size, int offset) {
        I64.set(mem, index(addr, size, offset, 8), value);
    }

    static void i32Store16(int addr, int value, byte[] mem, int size, int offset) {
        I16.set(mem, index(addr, size, offset, 2), (short) value);
    }
}
