package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;

/**
 * The second pass over a module's fields: each field (its keyword just read) parsed with every
 * identifier known, with the spec's abbreviations (inline imports and exports, inline element and
 * data segments) expanded, and written to its sections; element and data segments are
 * {@link SegmentParser}'s.
 */
final class FieldParser {
    private static final int FUNC = 0;
    private static final int TABLE = 1;
    private static final int MEMORY = 2;
    private static final int GLOBAL = 3;
    private static final int TAG = 4;

    private final TextModule m;
    private final int[] next = new int[5]; // the index the next func/table/memory/global/tag gets
    private final ByteBuf body = new ByteBuf(256);
    private final SegmentParser segments;

    FieldParser(TextModule m) {
        this.m = m;
        this.segments = new SegmentParser(m);
    }

    /** Parses the field whose keyword {@code kw} was just read, through its {@code )}. */
    void field(TokenCursor c, Token kw) {
        switch (kw.text()) {
            case "func" -> func(c);
            case "table" -> table(c);
            case "memory" -> memory(c);
            case "global" -> global(c);
            case "tag" -> tag(c);
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
                    case "tag" -> TAG;
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
                    case "tag" -> { kind = TAG; s = m.tags; }
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
            case "elem" -> segments.elem(c);
            case "data" -> segments.data(c);
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
            case TABLE -> tableType(c, m.imports, addressType(c));
            case MEMORY -> limits(c, m.imports, addressType(c));
            case TAG -> m.imports.byte1(0x00).u32(TypeUse.parse(c, m, true).index(m) & 0xFFFFFFFFL);
            default -> globalType(c, m.imports);
        }
        next[kind]++;
        m.importCount++;
    }

    /** {@code (tag $id? (export ...)* (import ...)? typeuse)} (exception handling): attribute 0, a type index. */
    private void tag(TokenCursor c) {
        c.acceptId();
        int index = next[TAG];
        inlineExports(c, TAG, index);
        if (inlineImport(c, TAG)) return;
        next[TAG]++;
        m.tagSec.byte1(0x00).u32(TypeUse.parse(c, m, true).index(m) & 0xFFFFFFFFL);
        c.rparen();
        m.tagDefs++;
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
                int t = ValTypes.parse(c, m);
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
        int mapFrom = m.sourceMap != null ? m.sourceMap.size() : 0;
        new InstructionParser(m, c, locals).instrs(body);
        if (m.sourceMap != null) m.sourceMap.add(body.size(), c.peek()); // the function's end, at its ')'
        c.rparen();
        body.byte1(0x0B);
        m.code.sized(body);
        if (m.sourceMap != null) m.sourceMap.shift(mapFrom, m.code.size() - body.size()); // body-relative to code-relative
    }

    private void table(TokenCursor c) {
        c.acceptId();
        int index = next[TABLE];
        inlineExports(c, TABLE, index);
        if (inlineImport(c, TABLE)) return;
        next[TABLE]++;
        m.tableDefs++;
        boolean is64 = addressType(c);
        if (ValTypes.atValType(c)) {
            // (table reftype (elem ...)): a table just big enough, and an active segment at 0
            int type = ValTypes.parseRef(c, m);
            c.lparen();
            c.expectKeyword("elem");
            ByteBuf items = new ByteBuf(16);
            int n;
            boolean exprs = c.at(Kind.LPAREN) || type != ValTypes.FUNCREF;
            n = c.at(Kind.LPAREN) ? segments.elemExprs(c, items)
                    : exprs ? segments.funcIndicesAsExprs(c, items) : segments.funcIndices(c, items);
            c.rparen();
            c.rparen();
            ValTypes.encode(m.tableSec, type);
            m.tableSec.byte1(is64 ? 5 : 1).u32(n).u32(n);
            ByteBuf offset = new ByteBuf(8).byte1(is64 ? 0x42 : 0x41).byte1(0).byte1(0x0B);
            segments.elemSegment(0, index, offset, type, exprs, n, items);
            return;
        }
        ByteBuf type = new ByteBuf(12);
        tableType(c, type, is64);
        if (!c.at(Kind.RPAREN)) {
            // typed function references: (table limits reftype expr), written 0x40 0x00 tabletype expr
            m.tableSec.byte1(0x40).byte1(0x00).append(type);
            constExpr(c, m.tableSec);
        } else {
            m.tableSec.append(type);
        }
        c.rparen();
    }

    private void memory(TokenCursor c) {
        c.acceptId();
        int index = next[MEMORY];
        inlineExports(c, MEMORY, index);
        if (inlineImport(c, MEMORY)) return;
        next[MEMORY]++;
        m.memoryDefs++;
        boolean is64 = addressType(c);
        if (c.acceptParen("data")) {
            byte[] bytes = SegmentParser.strings(c);
            c.rparen();
            c.rparen();
            long pages = (bytes.length + 65535L) / 65536;
            m.memorySec.byte1(is64 ? 5 : 1).u32(pages).u32(pages);
            ByteBuf offset = new ByteBuf(8).byte1(is64 ? 0x42 : 0x41).byte1(0).byte1(0x0B);
            segments.dataSegment(0, index, offset, bytes);
            return;
        }
        limits(c, m.memorySec, is64);
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
            ValTypes.encode(dst, ValTypes.parse(c, m));
            dst.byte1(1);
            c.rparen();
        } else {
            ValTypes.encode(dst, ValTypes.parse(c, m));
            dst.byte1(0);
        }
    }

    private void tableType(TokenCursor c, ByteBuf dst, boolean is64) {
        ByteBuf lim = new ByteBuf(12);
        limits(c, lim, is64);
        ValTypes.encode(dst, ValTypes.parseRef(c, m));
        dst.append(lim);
    }

    /**
     * An optional address type of a memory or table ({@code i64} is memory64/table64; {@code i32}
     * the default): whether it is {@code i64}.
     */
    private boolean addressType(TokenCursor c) {
        if (c.acceptKeyword("i64")) return true;
        c.acceptKeyword("i32");
        return false;
    }

    /**
     * {@code min max?}: the binary limits, flag 4 for 64-bit addresses. The sizes are u64 whatever
     * the address type (validation bounds them), as in the binary format of WebAssembly 3.0.
     */
    private void limits(TokenCursor c, ByteBuf dst, boolean is64) {
        int bits = m.memory64 ? 64 : 32;
        long min = c.at(Kind.NUMBER) ? Space.unsigned(c.next(), bits) : Space.u32(c.next()); // (the latter fails)
        int flags = is64 ? 4 : 0;
        if (c.at(Kind.NUMBER)) {
            long max = Space.unsigned(c.next(), bits);
            dst.byte1(flags | 1).u32(min).u32(max);
        } else {
            dst.byte1(flags).u32(min);
        }
    }

}
