package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.io.ByteArrayOutputStream;

/**
 * Element and data segments: every form of the {@code elem} and {@code data} fields (active with
 * {@code (table x)}/{@code (memory x)} or a bare index, {@code (offset ...)} or one folded
 * instruction; passive; declarative; function index lists and {@code (item ...)} expression lists),
 * and the segments a table's inline {@code (elem ...)} or a memory's inline {@code (data ...)} adds,
 * each written in the binary form wast2json chooses.
 */
final class SegmentParser {
    private final TextModule m;

    SegmentParser(TextModule m) {
        this.m = m;
    }

    /** {@code instr*} up to the {@code )}, then {@code end}. */
    private void constExpr(TokenCursor c, ByteBuf dst) {
        new InstructionParser(m, c, null).instrs(dst);
        dst.byte1(0x0B);
    }

    /** {@code datastring}: the strings' bytes, concatenated. */
    static byte[] strings(TokenCursor c) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (c.at(Kind.STRING)) b.writeBytes(c.next().bytes());
        return b.toByteArray();
    }

    /** {@code funcidx*} as a vector's items; their count. */
    int funcIndices(TokenCursor c, ByteBuf items) {
        int n = 0;
        while (Space.isIndex(c.peek())) {
            items.u32(m.funcs.resolve(c.next()) & 0xFFFFFFFFL);
            n++;
        }
        return n;
    }

    /**
     * {@code funcidx*} as {@code ref.func} expressions (for a segment of a typed reference type,
     * which a segment of indices, of type {@code (ref func)}, would not match); their count.
     */
    int funcIndicesAsExprs(TokenCursor c, ByteBuf items) {
        int n = 0;
        while (Space.isIndex(c.peek())) {
            items.byte1(0xD2).u32(m.funcs.resolve(c.next()) & 0xFFFFFFFFL).byte1(0x0B);
            n++;
        }
        return n;
    }

    /** {@code elemexpr*}: {@code (item instr*)} or one folded instruction each; their count. */
    int elemExprs(TokenCursor c, ByteBuf items) {
        int n = 0;
        while (c.at(Kind.LPAREN)) {
            if (c.acceptParen("item")) {
                constExpr(c, items);
                c.rparen();
            } else {
                new InstructionParser(m, c, null).folded(items);
                items.byte1(0x0B);
            }
            n++;
        }
        return n;
    }

    /**
     * If every expression in {@code items} ({@code n} of them) is {@code ref.func x}, the function
     * indices alone (the binary format's shorter form, which wast2json writes too); else null.
     */
    private static ByteBuf asFuncIndices(ByteBuf items, int n) {
        byte[] b = items.toArray();
        ByteBuf idx = new ByteBuf(b.length);
        int i = 0;
        for (int k = 0; k < n; k++) {
            if (i >= b.length || (b[i] & 0xFF) != 0xD2) return null;
            int start = ++i;
            while (i < b.length && (b[i] & 0x80) != 0) i++;
            i++;
            if (i >= b.length || b[i] != 0x0B) return null;
            idx.bytes(b, start, i - start);
            i++;
        }
        return i == b.length ? idx : null;
    }

    /** An offset: {@code (offset instr*)} or one folded instruction; its expression with {@code end}. */
    private ByteBuf offset(TokenCursor c) {
        ByteBuf e = new ByteBuf(16);
        if (c.acceptParen("offset")) {
            constExpr(c, e);
            c.rparen();
        } else {
            new InstructionParser(m, c, null).folded(e);
            e.byte1(0x0B);
        }
        return e;
    }

    void elem(TokenCursor c) {
        c.acceptId();
        int mode = 1; // 0 active, 1 passive, 2 declarative
        int table = 0;
        ByteBuf offset = null;
        if (c.acceptKeyword("declare")) {
            mode = 2;
        } else {
            if (c.acceptParen("table")) {
                table = m.tables.resolve(c.next());
                c.rparen();
                mode = 0;
            } else if (Space.isIndex(c.peek())) {
                table = m.tables.resolve(c.next());
                mode = 0;
            }
            if (mode == 0 || (c.at(Kind.LPAREN) && !c.peek(1).is("ref"))) {
                mode = 0;
                offset = offset(c);
            }
        }
        ByteBuf items = new ByteBuf(16);
        int type = ValTypes.FUNCREF;
        boolean exprs;
        int n;
        if (c.acceptKeyword("func")) {
            exprs = false;
            n = funcIndices(c, items);
        } else if (ValTypes.atValType(c)) {
            type = ValTypes.parseRef(c, m);
            exprs = true;
            n = elemExprs(c, items);
        } else if (mode == 0) {
            exprs = false; // (elem (offset ...) funcidx*): the MVP's form
            n = funcIndices(c, items);
        } else {
            throw c.unexpected(c.peek());
        }
        c.rparen();
        elemSegment(mode, table, offset, type, exprs, n, items);
    }

    /** Writes an element segment in the smallest of the binary format's eight forms that fits. */
    void elemSegment(int mode, int table, ByteBuf offset, int type, boolean exprs, int n, ByteBuf items) {
        ByteBuf s = m.elemSec;
        if (exprs && type == ValTypes.FUNCREF && !m.typedTables) {
            ByteBuf indices = asFuncIndices(items, n);
            if (indices != null) {
                exprs = false;
                items = indices;
            }
        }
        boolean explicitTable = mode == 0 && (table != 0 || (exprs && type != ValTypes.FUNCREF));
        int flags = (mode == 0 ? (explicitTable ? 2 : 0) : mode == 1 ? 1 : 3) | (exprs ? 4 : 0);
        s.byte1(flags);
        if (explicitTable) s.u32(table & 0xFFFFFFFFL);
        if (mode == 0) s.append(offset);
        if (mode != 0 || explicitTable) {
            if (exprs) ValTypes.encode(s, type);
            else s.byte1(0x00); // elemkind funcref
        }
        s.u32(n);
        s.append(items);
        m.elemCount++;
    }

    void data(TokenCursor c) {
        c.acceptId();
        int memory = 0;
        boolean active = false;
        if (c.acceptParen("memory")) {
            memory = m.memories.resolve(c.next());
            c.rparen();
            active = true;
        } else if (Space.isIndex(c.peek())) {
            memory = m.memories.resolve(c.next());
            active = true;
        }
        ByteBuf offset = null;
        if (active || c.at(Kind.LPAREN)) {
            active = true;
            offset = offset(c);
        }
        byte[] bytes = strings(c);
        c.rparen();
        dataSegment(active ? 0 : 1, memory, offset, bytes);
    }

    void dataSegment(int mode, int memory, ByteBuf offset, byte[] bytes) {
        ByteBuf s = m.dataSec;
        if (mode == 1) {
            s.byte1(1);
        } else if (memory == 0) {
            s.byte1(0).append(offset);
        } else {
            s.byte1(2).u32(memory & 0xFFFFFFFFL).append(offset);
        }
        s.name(bytes);
        m.dataCount++;
    }
}
