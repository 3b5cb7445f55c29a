package dev.bytelift.runtime.internal;

import static dev.bytelift.runtime.internal.MemoryAccess.I16;
import static dev.bytelift.runtime.internal.MemoryAccess.I32;
import static dev.bytelift.runtime.internal.MemoryAccess.I64;
import static dev.bytelift.runtime.internal.MemoryAccess.ea;

/**
 * {@link MemoryAccess}'s multi-byte loads and stores through the JDK's {@code VarHandle} views,
 * where {@link UnsafeMemory} is not used: the view checks the bounds ({@code Preconditions.checkIndex}
 * on the index and the array's length less the access's width less one).
 */
final class VarHandleAccess {
    private VarHandleAccess() {}

    static int i32Load(int addr, byte[] mem, int offset) {
        return (int) I32.get(mem, ea(addr, offset));
    }

    static long i64Load(int addr, byte[] mem, int offset) {
        return (long) I64.get(mem, ea(addr, offset));
    }

    static int i32Load16S(int addr, byte[] mem, int offset) {
        return (short) I16.get(mem, ea(addr, offset));
    }

    static int i32Load16U(int addr, byte[] mem, int offset) {
        return ((short) I16.get(mem, ea(addr, offset))) & 0xFFFF;
    }

    static long i64Load16S(int addr, byte[] mem, int offset) {
        return (short) I16.get(mem, ea(addr, offset));
    }

    static long i64Load16U(int addr, byte[] mem, int offset) {
        return ((short) I16.get(mem, ea(addr, offset))) & 0xFFFFL;
    }

    static long i64Load32S(int addr, byte[] mem, int offset) {
        return (int) I32.get(mem, ea(addr, offset));
    }

    static long i64Load32U(int addr, byte[] mem, int offset) {
        return ((int) I32.get(mem, ea(addr, offset))) & 0xFFFFFFFFL;
    }

    static void i32Store(int addr, int value, byte[] mem, int offset) {
        I32.set(mem, ea(addr, offset), value);
    }

    static void i64Store(int addr, long value, byte[] mem, int offset) {
        I64.set(mem, ea(addr, offset), value);
    }

    static void i32Store16(int addr, int value, byte[] mem, int offset) {
        I16.set(mem, ea(addr, offset), (short) value);
    }

    static void i64Store16(int addr, long value, byte[] mem, int offset) {
        I16.set(mem, ea(addr, offset), (short) value);
    }

    static void i64Store32(int addr, long value, byte[] mem, int offset) {
        I32.set(mem, ea(addr, offset), (int) value);
    }
}
