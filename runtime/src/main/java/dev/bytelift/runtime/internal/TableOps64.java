package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Func;

/**
 * The table operators of 64-bit tables (table64), and {@code table.copy} between tables of mixed
 * address types. Indices and lengths become {@code int}s as {@link MemoryOps64#clamp} makes them
 * (-1 past 2^31, out of bounds for any table), so {@link TableOps} checks bounds for both.
 */
public final class TableOps64 {
    private TableOps64() {}

    public static Func funcForCall(long index, VMTable table, int typeId) {
        return TableOps.funcForCall(MemoryOps64.clamp(index), table, typeId);
    }

    public static Object get(long index, VMTable table) {
        return TableOps.get(MemoryOps64.clamp(index), table);
    }

    public static void set(long index, Object value, VMTable table) {
        TableOps.set(MemoryOps64.clamp(index), value, table);
    }

    public static long size(VMTable table) {
        return table.elements.length;
    }

    public static long grow(Object init, long delta, VMTable table) {
        if (delta < 0 || delta > 0xFFFF_FFFFL) return -1; // far past the largest table
        return table.api.grow((int) delta, init);
    }

    public static void fill(long start, Object value, long n, VMTable table) {
        TableOps.fill(MemoryOps64.clamp(start), value, MemoryOps64.clamp(n), table);
    }

    public static void copy(long dst, long src, long n, VMTable dstTable, VMTable srcTable) {
        TableOps.copy(MemoryOps64.clamp(dst), MemoryOps64.clamp(src), MemoryOps64.clamp(n), dstTable, srcTable);
    }

    /** To a 64-bit table from a 32-bit one: the length is an {@code i32}. */
    public static void copy(long dst, int src, int n, VMTable dstTable, VMTable srcTable) {
        TableOps.copy(MemoryOps64.clamp(dst), src, n, dstTable, srcTable);
    }

    /** To a 32-bit table from a 64-bit one: the length is an {@code i32}. */
    public static void copy(int dst, long src, int n, VMTable dstTable, VMTable srcTable) {
        TableOps.copy(dst, MemoryOps64.clamp(src), n, dstTable, srcTable);
    }

    public static void init(long dst, int src, int n, VMTable table, Object[] segment) {
        TableOps.init(MemoryOps64.clamp(dst), src, n, table, segment);
    }
}
