package dev.bytelift.runtime.internal;

import java.util.Arrays;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.TrapCode;

/** Table instructions and the checks of {@code call_indirect}. Parameters follow the operand stack. */
public final class TableOps {
    private TableOps() {}

    /** The function {@code call_indirect} calls: bounds, null and signature checked. */
    public static Func funcForCall(int index, VMTable table, int typeId) {
        Object[] e = table.elements;
        if (index < 0 || index >= e.length) throw Traps.trap(TrapCode.UNDEFINED_ELEMENT);
        Func f = (Func) e[index];
        if (f == null) throw Traps.trap(TrapCode.UNINITIALIZED_ELEMENT);
        if (f.typeId != typeId) throw Traps.trap(TrapCode.BAD_SIGNATURE);
        return f;
    }

    public static Object get(int index, VMTable table) {
        Object[] e = table.elements;
        if (index < 0 || index >= e.length) throw Traps.trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        return e[index];
    }

    public static void set(int index, Object value, VMTable table) {
        Object[] e = table.elements;
        if (index < 0 || index >= e.length) throw Traps.trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        e[index] = value;
    }

    public static int size(VMTable table) {
        return table.elements.length;
    }

    public static int grow(Object init, int delta, VMTable table) {
        return table.api.grow(delta, init);
    }

    public static void fill(int start, Object value, int n, VMTable table) {
        Object[] e = table.elements;
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > e.length) throw Traps.trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        Arrays.fill(e, start, start + n, value);
    }

    public static void copy(int dst, int src, int n, VMTable dstTable, VMTable srcTable) {
        Object[] d = dstTable.elements;
        Object[] s = srcTable.elements;
        if (Integer.toUnsignedLong(dst) + Integer.toUnsignedLong(n) > d.length
                || Integer.toUnsignedLong(src) + Integer.toUnsignedLong(n) > s.length) {
            throw Traps.trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        }
        System.arraycopy(s, src, d, dst, n);
    }

    /** {@code table.init}: {@code segment} is {@code null} once dropped (then it is empty). */
    public static void init(int dst, int src, int n, VMTable table, Object[] segment) {
        Object[] d = table.elements;
        int segLen = segment == null ? 0 : segment.length;
        if (Integer.toUnsignedLong(dst) + Integer.toUnsignedLong(n) > d.length
                || Integer.toUnsignedLong(src) + Integer.toUnsignedLong(n) > segLen) {
            throw Traps.trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        }
        if (n > 0) System.arraycopy(segment, src, d, dst, n);
    }

    public static void elemDrop(VMContext ctx, int segment) {
        ctx.elems[segment] = null;
    }
}
