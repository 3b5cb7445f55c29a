package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.io.ByteArrayOutputStream;

/**
 * The second pass over a module's fields: each field (its keyword just read) parsed with every
 * identifier known, with the spec's abbreviations (inline imports and exports, inline element and
 * data segments, offset and item shorthands) expanded, and written to its sections.
 */
final class FieldParser {
    private static final int FUNC = 0;
    private static final int TABLE = 1;
    private static final int MEMORY = 2;
    private static final int GLOBAL = 3;

    private final TextModule m;
    private final int[] next = new int[4]; // the index the next func/table/memory/global gets
    private final ByteBuf body = new ByteBuf(256);
    private final ByteBuf expr = new ByteBuf(32);

    FieldParser(TextModule m) {
        this.m = m;
    }

    /** Parses the field whose keyword {@code kw} was just read, through its {@code )}. */
    void field(TokenCursor c, Token kw) {
        switch (kw.text()) {
            case "func" -> func(c);
            case "table" -> table(c);
            case "memory" -> memory(c);
            case "global" -> global(c);
            case "import" -> {
                byte[] module = c.expect(Kind.STRING).bytes();
                byte[] name = c.expect(Kind.STRING).bytes();
                c.lparen();
                Token k = c.next();
                c.acceptId();
                int kind = switch (k.text()) {
                    case "func" -> FUNC;
                    case "table" -> TABLE;
                    case "memory" -> MEMORY;
                    default -> GLOBAL;
                };
                importDesc(c, kind, module, name);
                c.rparen();
                c.rparen();
            }
            case "export" -> {
                byte[] name = c.expect(Kind.STRING).bytes();
                c.lparen();
                Token k = c.next();
                int kind;
                Space s;
                switch (k.kind() == Kind.KEYWORD ? k.text() : "") {
                    case "func" -> { kind = FUNC; s = m.funcs; }
                    case "table" -> { kind = TABLE; s = m.tables; }
                    case "memory" -> { kind = MEMORY; s = m.memories; }
                    case "global" -> { kind = GLOBAL; s = m.globals; }
                    default -> throw c.unexpected(k);
                }
                Token idx = c.next();
                if (!Space.isIndex(idx)) throw c.unexpected(idx);
                export(name, kind, s.resolve(idx));
                c.rparen();
                c.rparen();
            }
            case "start" -> {
                Token idx = c.next();
                if (!Space.isIndex(idx)) throw c.unexpected(idx);
                if (m.startFunc != -1) throw c.fail(idx, "multiple start sections");
                m.startFunc = m.funcs.resolve(idx);
                if (m.startFunc == -1) m.startFunc = -2; // 0xFFFFFFFF: an index the validator will reject
                c.rparen();
            }
            case "elem" -> elem(c);
            case "data" -> data(c);
            default -> throw c.unexpected(kw);
        }
    }

    private void export(byte[] name, int kind, int index) {
        m.exports.name(name).byte1(kind).u32(index & 0xFFFFFFFFL);
        m.exportCount++;
    }

    /** Inline {@code (export "name")*} of a definition that gets index {@code index}. */
    private void inlineExports(TokenCursor c, int kind, int index) {
        while (c.acceptParen("export")) {
            export(c.expect(Kind.STRING).bytes(), kind, index);
            c.rparen();
        }
    }

    /** An inline {@code (import "m" "n")} and the description after it, if one comes next; whether it did. */
    private boolean inlineImport(TokenCursor c, int kind) {
        if (!c.acceptParen("import")) return false;
        byte[] module = c.expect(Kind.STRING).bytes();
        byte[] name = c.expect(Kind.STRING).bytes();
        c.rparen();
        importDesc(c, kind, module, name);
        c.rparen();
        return true;
    }

    private void importDesc(TokenCursor c, int kind, byte[] module, byte[] name) {
        m.imports.name(module).name(name).byte1(kind);
        switch (kind) {
            case FUNC -> m.imports.u32(TypeUse.parse(c, m, true).index(m) & 0xFFFFFFFFL);
            case TABLE -> tableType(c, m.imports);
            case MEMORY -> limits(c, m.imports);
            default -> globalType(c, m.imports);
        }
        next[kind]++;
        m.importCount++;
    }

    private void func(TokenCursor c) {
        c.acceptId();
        int index = next[FUNC];
        inlineExports(c, FUNC, index);
        if (inlineImport(c, FUNC)) return;
        next[FUNC]++;
        TypeUse u = TypeUse.parse(c, m, true);
        m.functions.u32(u.index(m) & 0xFFFFFFFFL);
        m.funcDefs++;
        Space locals = new Space("local");
        if (u.hasInline || !u.hasExplicit) {
            for (Token id : u.paramIds) locals.define(id);
        } else {
            FuncType t = u.type(m);
            locals.defineAnonymous(t == null ? 0 : t.params().length);
        }
        // local declarations, grouped as the binary format writes them: runs of one type
        ByteBuf decls = new ByteBuf(16);
        int groups = 0;
        int runType = -1;
        long run = 0;
        while (c.acceptParen("local")) {
            while (!c.at(Kind.RPAREN)) {
                Token id = c.at(Kind.ID) ? c.next() : null;
                int t = ValTypes.parse(c);
                locals.define(id);
                if (t == runType) {
                    run++;
                } else {
                    if (run > 0) {
                        decls.u32(run);
                        ValTypes.encode(decls, runType);
                        groups++;
                    }
                    runType = t;
                    run = 1;
                }
                if (id != null) break;
            }
            c.rparen();
        }
        if (run > 0) {
            decls.u32(run);
            ValTypes.encode(decls, runType);
            groups++;
        }
        body.clear();
        body.u32(groups);
        body.append(decls);
        new InstructionParser(m, c, locals).instrs(body);
        c.rparen();
        body.byte1(0x0B);
        m.code.sized(body);
    }

    private void table(TokenCursor c) {
        c.acceptId();
        int index = next[TABLE];
        inlineExports(c, TABLE, index);
        if (inlineImport(c, TABLE)) return;
        next[TABLE]++;
        m.tableDefs++;
        if (ValTypes.atValType(c)) {
            // (table reftype (elem ...)): a table just big enough, and an active segment at 0
            int type = ValTypes.parseRef(c);
            c.lparen();
            c.expectKeyword("elem");
            ByteBuf items = new ByteBuf(16);
            int n;
            boolean exprs = c.at(Kind.LPAREN);
            n = exprs ? elemExprs(c, items) : funcIndices(c, items);
            c.rparen();
            c.rparen();
            ValTypes.encode(m.tableSec, type);
            m.tableSec.byte1(1).u32(n).u32(n);
            ByteBuf offset = new ByteBuf(8).byte1(0x41).byte1(0).byte1(0x0B);
            elemSegment(0, index, offset, type, exprs, n, items);
            return;
        }
        tableType(c, m.tableSec);
        c.rparen();
    }

    private void memory(TokenCursor c) {
        c.acceptId();
        int index = next[MEMORY];
        inlineExports(c, MEMORY, index);
        if (inlineImport(c, MEMORY)) return;
        next[MEMORY]++;
        m.memoryDefs++;
        if (c.acceptParen("data")) {
            byte[] bytes = strings(c);
            c.rparen();
            c.rparen();
            long pages = (bytes.length + 65535L) / 65536;
            m.memorySec.byte1(1).u32(pages).u32(pages);
            ByteBuf offset = new ByteBuf(8).byte1(0x41).byte1(0).byte1(0x0B);
            dataSegment(0, index, offset, bytes);
            return;
        }
        limits(c, m.memorySec);
        c.rparen();
    }

    private void global(TokenCursor c) {
        c.acceptId();
        int index = next[GLOBAL];
        inlineExports(c, GLOBAL, index);
        if (inlineImport(c, GLOBAL)) return;
        next[GLOBAL]++;
        m.globalDefs++;
        globalType(c, m.globalSec);
        constExpr(c, m.globalSec);
        c.rparen();
    }

    /** {@code instr*} up to the {@code )}, then {@code end}. */
    private void constExpr(TokenCursor c, ByteBuf dst) {
        new InstructionParser(m, c, null).instrs(dst);
        dst.byte1(0x0B);
    }

    private void globalType(TokenCursor c, ByteBuf dst) {
        if (c.acceptParen("mut")) {
            ValTypes.encode(dst, ValTypes.parse(c));
            dst.byte1(1);
            c.rparen();
        } else {
            ValTypes.encode(dst, ValTypes.parse(c));
            dst.byte1(0);
        }
    }

    private void tableType(TokenCursor c, ByteBuf dst) {
        ByteBuf lim = new ByteBuf(12);
        limits(c, lim);
        ValTypes.encode(dst, ValTypes.parseRef(c));
        dst.append(lim);
    }

    /** {@code min max?}: the binary limits. */
    private static void limits(TokenCursor c, ByteBuf dst) {
        long min = Space.u32(c.next()) & 0xFFFFFFFFL;
        if (c.at(Kind.NUMBER)) {
            long max = Space.u32(c.next()) & 0xFFFFFFFFL;
            dst.byte1(1).u32(min).u32(max);
        } else {
            dst.byte1(0).u32(min);
        }
    }

    /** {@code datastring}: the strings' bytes, concatenated. */
    private static byte[] strings(TokenCursor c) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (c.at(Kind.STRING)) b.writeBytes(c.next().bytes());
        return b.toByteArray();
    }

    /** {@code funcidx*} as a vector's items; their count. */
    private int funcIndices(TokenCursor c, ByteBuf items) {
        int n = 0;
        while (Space.isIndex(c.peek())) {
            items.u32(m.funcs.resolve(c.next()) & 0xFFFFFFFFL);
            n++;
        }
        return n;
    }

    /** {@code elemexpr*}: {@code (item instr*)} or one folded instruction each; their count. */
    private int elemExprs(TokenCursor c, ByteBuf items) {
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

    private void elem(TokenCursor c) {
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
            type = ValTypes.parseRef(c);
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
    private void elemSegment(int mode, int table, ByteBuf offset, int type, boolean exprs, int n, ByteBuf items) {
        ByteBuf s = m.elemSec;
        if (exprs && type == ValTypes.FUNCREF) {
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

    private void data(TokenCursor c) {
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

    private void dataSegment(int mode, int memory, ByteBuf offset, byte[] bytes) {
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
