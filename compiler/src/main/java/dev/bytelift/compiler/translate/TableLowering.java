package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLE;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLES;
import static dev.bytelift.runtime.ValType.I32;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * Table operators, through the context's {@code Table} objects and {@code TableOps}.
 */
final class TableLowering extends Lowering {
    /** The table operators of 64-bit tables (table64). */
    static final String TABLES64 = dev.bytelift.runtime.internal.TableOps64.class.getName().replace('.', '/');

    TableLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case TABLE_GET -> tableGet(r.index());
            case TABLE_SET -> tableSet(r.index());
            case TABLE_INIT -> tableInit();
            case ELEM_DROP -> elemDrop();
            case TABLE_COPY -> tableCopy();
            case TABLE_GROW -> tableGrow();
            case TABLE_SIZE -> tableSize();
            case TABLE_FILL -> tableFill();
            default -> throw new IllegalStateException("not a table operator: " + op);
        }
    }

    /** The address type of table {@code t} (which exists, validated): i64 for a table64. */
    private ValType at(int t) {
        return m.tables.get(t).addressType();
    }

    /** The runtime class of table {@code t}'s operators. */
    private String ops(int t) {
        return m.tables.get(t).is64() ? TABLES64 : TABLES;
    }

    private void tableGet(int t) {
        ops.tableGet(t);
        ValType at = at(t);
        loadTable(t);
        e().invokeStatic(ops(t), "get", "(" + desc(at) + "L" + TABLE + ";)" + OBJ);
    }

    private void tableSet(int t) {
        ops.tableSet(t);
        ValType at = at(t);
        loadTable(t);
        e().invokeStatic(ops(t), "set", "(" + desc(at) + OBJ + "L" + TABLE + ";)V");
    }

    private void tableSize() {
        int t = r.index();
        ops.tableSize(t);
        ValType at = at(t);
        loadTable(t);
        e().invokeStatic(ops(t), "size", "(L" + TABLE + ";)" + desc(at));
    }

    private void tableGrow() {
        int t = r.index();
        ops.tableGrow(t);
        ValType at = at(t);
        loadTable(t);
        e().invokeStatic(ops(t), "grow", "(" + OBJ + desc(at) + "L" + TABLE + ";)" + desc(at));
    }

    private void tableFill() {
        int t = r.index();
        ops.tableFill(t);
        ValType at = at(t);
        loadTable(t);
        e().invokeStatic(ops(t), "fill", "(" + desc(at) + OBJ + desc(at) + "L" + TABLE + ";)V");
    }

    private void tableCopy() {
        int dst = r.index();
        int src = r.index2();
        ops.tableCopy(dst, src);
        ValType da = at(dst), sa = at(src);
        ValType na = da == I32 ? I32 : sa; // the length: the smaller address type
        loadTable(dst);
        loadTable(src);
        String owner = da == I32 && sa == I32 ? TABLES : TABLES64;
        e().invokeStatic(owner, "copy", "(" + desc(da) + desc(sa) + desc(na) + "L" + TABLE + ";L" + TABLE + ";)V");
    }

    private void tableInit() {
        int segAt = r.immediateOffset();
        int s = r.index();
        int t = r.index2();
        ops.tableInit(s, t, segAt);
        loadTable(t);
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "elems", "[[" + OBJ);
        e().iconst(s);
        e().insn(AALOAD);
        e().invokeStatic(ops(t), "init", "(" + desc(at(t)) + "IIL" + TABLE + ";[" + OBJ + ")V");
    }

    private void elemDrop() {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().iconst(r.index());
        e().invokeStatic(TABLES, "elemDrop", "(L" + CTX + ";I)V");
    }
}
