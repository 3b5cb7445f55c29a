package dev.bytelift.runtime.internal.simd;

import static dev.bytelift.runtime.internal.MemoryAccess.index;
import static dev.bytelift.runtime.internal.MemoryAccess.intAt;
import static dev.bytelift.runtime.internal.MemoryAccess.longAt;
import static dev.bytelift.runtime.internal.MemoryAccess.putIntAt;
import static dev.bytelift.runtime.internal.MemoryAccess.putLongAt;
import static dev.bytelift.runtime.internal.MemoryAccess.putShortAt;
import static dev.bytelift.runtime.internal.MemoryAccess.shortAt;

import dev.bytelift.runtime.internal.Scratch;

/**
 * SIMD memory instructions: {@code v128.load}/{@code store}, the extending loads
 * ({@code load8x8_s} ...), splatting loads, zero-extending loads ({@code load32_zero},
 * {@code load64_zero}) and the lane loads/stores.
 *
 * <p>Addressing as in {@link dev.bytelift.runtime.internal.MemoryAccess}: the effective address
 * is checked against the memory's size ({@code MemoryAccess#index}), and an out-of-range access
 * throws {@link IndexOutOfBoundsException} (the {@code out of bounds memory access} trap); the
 * bytes are then read and written at the checked index ({@code MemoryAccess#longAt} ...), through
 * {@code Unsafe} where the scalar accesses use it.
 * Every access is all-or-nothing: 16-byte accesses check their whole range before touching
 * memory, narrower ones are a single bounds-checked access.
 *
 * <p>ABI: called by generated code. Operands first ({@code addr}, then the stored or updated
 * v128), then {@code mem}, its size and the memarg {@code offset}, then the lane index, then the
 * {@link Scratch} for a v128 result.
 */
public final class SimdMemory {
    private SimdMemory() {}

    /** The index of a 16-byte access at {@code addr + offset}, bounds-checked as a whole. */
    private static int ea16(int addr, int size, int offset) {
        return index(addr, size, offset, 16);
    }

    public static long v128_load(int addr, byte[] mem, int size, int offset, Scratch s) {
        int i = ea16(addr, size, offset);
        s.v128Hi = longAt(mem, i + 8);
        return longAt(mem, i);
    }

    public static void v128_store(int addr, long lo, long hi, byte[] mem, int size, int offset) {
        int i = ea16(addr, size, offset);
        putLongAt(mem, i, lo);
        putLongAt(mem, i + 8, hi);
    }

    // ---- extending loads: 8 bytes, each lane widened ----

    private static long load64(int addr, byte[] mem, int size, int offset) {
        return longAt(mem, index(addr, size, offset, 8));
    }

    public static long v128_load8x8_s(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = SimdConvert.widen8s((int) (v >>> 32));
        return SimdConvert.widen8s((int) v);
    }

    public static long v128_load8x8_u(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = SimdConvert.widen8u((int) (v >>> 32));
        return SimdConvert.widen8u((int) v);
    }

    public static long v128_load16x4_s(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = SimdConvert.widen16s((int) (v >>> 32));
        return SimdConvert.widen16s((int) v);
    }

    public static long v128_load16x4_u(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = SimdConvert.widen16u((int) (v >>> 32));
        return SimdConvert.widen16u((int) v);
    }

    public static long v128_load32x2_s(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = v >> 32;
        return (int) v;
    }

    public static long v128_load32x2_u(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = v >>> 32;
        return v & 0xFFFFFFFFL;
    }

    // ---- splatting loads ----

    public static long v128_load8_splat(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = (mem[index(addr, size, offset, 1)] & 0xFFL) * 0x0101010101010101L;
        s.v128Hi = v;
        return v;
    }

    public static long v128_load16_splat(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = (shortAt(mem, index(addr, size, offset, 2)) & 0xFFFFL) * 0x0001000100010001L;
        s.v128Hi = v;
        return v;
    }

    public static long v128_load32_splat(int addr, byte[] mem, int size, int offset, Scratch s) {
        int x = intAt(mem, index(addr, size, offset, 4));
        long v = (x & 0xFFFFFFFFL) | ((long) x << 32);
        s.v128Hi = v;
        return v;
    }

    public static long v128_load64_splat(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = v;
        return v;
    }

    // ---- zero-extending loads ----

    public static long v128_load32_zero(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = intAt(mem, index(addr, size, offset, 4)) & 0xFFFFFFFFL;
        s.v128Hi = 0;
        return v;
    }

    public static long v128_load64_zero(int addr, byte[] mem, int size, int offset, Scratch s) {
        long v = load64(addr, mem, size, offset);
        s.v128Hi = 0;
        return v;
    }

    // ---- lane loads: the loaded value replaces one lane of the operand ----

    public static long v128_load8_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane, Scratch s) {
        return SimdLanes.i8x16_replace_lane(lo, hi, mem[index(addr, size, offset, 1)], lane, s);
    }

    public static long v128_load16_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane, Scratch s) {
        return SimdLanes.i16x8_replace_lane(lo, hi, shortAt(mem, index(addr, size, offset, 2)), lane, s);
    }

    public static long v128_load32_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane, Scratch s) {
        return SimdLanes.i32x4_replace_lane(lo, hi, intAt(mem, index(addr, size, offset, 4)), lane, s);
    }

    public static long v128_load64_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane, Scratch s) {
        return SimdLanes.i64x2_replace_lane(lo, hi, load64(addr, mem, size, offset), lane, s);
    }

    // ---- lane stores ----

    public static void v128_store8_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane) {
        mem[index(addr, size, offset, 1)] = (byte) ((lane < 8 ? lo : hi) >>> (lane << 3));
    }

    public static void v128_store16_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane) {
        putShortAt(mem, index(addr, size, offset, 2), (short) ((lane < 4 ? lo : hi) >>> (lane << 4)));
    }

    public static void v128_store32_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane) {
        putIntAt(mem, index(addr, size, offset, 4), (int) ((lane < 2 ? lo : hi) >>> (lane << 5)));
    }

    public static void v128_store64_lane(int addr, long lo, long hi, byte[] mem, int size, int offset, int lane) {
        putLongAt(mem, index(addr, size, offset, 8), lane == 0 ? lo : hi);
    }
}
