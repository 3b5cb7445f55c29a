package dev.bytelift.compiler.text;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.text.Token.Kind;

/** The immediates of one operator in the text format, by its {@link dev.bytelift.compiler.decode.Imm} kind, encoded. */
final class Immediates {
    private Immediates() {}

    static void parse(Op op, TokenCursor c, TextModule m, InstructionParser p, ByteBuf dst) {
        switch (op.immediates()) {
            case NONE -> { }
            case LABEL -> dst.u32(p.label(index(c)));
            case LABELS -> {
                ByteBuf l = new ByteBuf(16);
                int n = 0;
                l.u32(p.label(index(c)));
                while (Space.isIndex(c.peek())) {
                    l.u32(p.label(c.next()));
                    n++;
                }
                dst.u32(n);
                dst.append(l);
            }
            case FUNC -> dst.u32(m.funcs.resolve(index(c)) & 0xFFFFFFFFL);
            case TAG -> dst.u32(m.tags.resolve(index(c)) & 0xFFFFFFFFL);
            case TYPE_TABLE -> {
                int table = Space.isIndex(c.peek()) ? m.tables.resolve(c.next()) : 0;
                TypeUse u = TypeUse.parse(c, m, false);
                dst.u32(u.index(m) & 0xFFFFFFFFL);
                dst.u32(table & 0xFFFFFFFFL);
            }
            case LOCAL -> dst.u32(p.local(index(c)) & 0xFFFFFFFFL);
            case GLOBAL -> dst.u32(m.globals.resolve(index(c)) & 0xFFFFFFFFL);
            case TABLE -> dst.u32(optional(c, m.tables));
            case MEMORY -> dst.u32(optional(c, m.memories));
            case MEMARG -> memarg(op, c, m, dst, optional(c, m.memories));
            case MEMARG_LANE -> {
                // a lane index always ends it: two indices in a row are a memory and a lane
                Token after = c.peek(1);
                boolean memarg = after.kind() == Kind.KEYWORD && (after.text().startsWith("offset=") || after.text().startsWith("align="));
                long mem = Space.isIndex(c.peek()) && (after.kind() == Kind.NUMBER || memarg) ? m.memories.resolve(c.next()) : 0;
                memarg(op, c, m, dst, mem & 0xFFFFFFFFL);
                dst.byte1(lane(c, false));
            }
            case I32 -> dst.s64(Numbers.parseI32(number(c)));
            case I64 -> dst.s64(Numbers.parseI64(number(c)));
            case F32 -> dst.i32le(Numbers.parseF32Bits(number(c)));
            case F64 -> dst.i64le(Numbers.parseF64Bits(number(c)));
            case REF_TYPE -> ValTypes.encodeHeap(dst, ValTypes.heapType(c, m));
            case TYPE -> dst.u32(m.types.resolve(index(c)) & 0xFFFFFFFFL);
            case DATA -> {
                dst.u32(m.datas.resolve(index(c)) & 0xFFFFFFFFL);
                m.needsDataCount = true;
            }
            case DATA_MEMORY -> {
                segmentAndTarget(c, m.datas, m.memories, dst);
                m.needsDataCount = true;
            }
            case MEMORY_MEMORY -> {
                long d = optional(c, m.memories);
                long s = Space.isIndex(c.peek()) ? optional(c, m.memories) : d;
                dst.u32(d);
                dst.u32(s);
            }
            case ELEM -> dst.u32(m.elems.resolve(index(c)) & 0xFFFFFFFFL);
            case ELEM_TABLE -> segmentAndTarget(c, m.elems, m.tables, dst);
            case TABLE_TABLE -> {
                long d = optional(c, m.tables);
                long s = Space.isIndex(c.peek()) ? optional(c, m.tables) : d;
                dst.u32(d);
                dst.u32(s);
            }
            case V128 -> V128Const.parse(c, dst);
            case LANE -> dst.byte1(lane(c, false));
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    if (c.peek().kind() != Kind.NUMBER) throw c.fail(c.peek(), "invalid lane length");
                    dst.byte1(lane(c, true));
                }
                if (c.peek().kind() == Kind.NUMBER) throw c.fail(c.peek(), "invalid lane length");
            }
            case BLOCK_TYPE, VALTYPES -> throw new IllegalStateException(op + " is parsed by InstructionParser");
        }
    }

    /** An index token (a number or an identifier), else "unexpected token". */
    private static Token index(TokenCursor c) {
        Token t = c.peek();
        if (!Space.isIndex(t)) throw c.unexpected(t);
        return c.next();
    }

    /**
     * {@code memory.init} / {@code table.init}: a segment index, optionally preceded by the index
     * of the memory or table it goes to (0 if absent); encoded segment first, then target.
     */
    private static void segmentAndTarget(TokenCursor c, Space segments, Space targets, ByteBuf dst) {
        Token first = index(c);
        long target = 0;
        Token segment = first;
        if (Space.isIndex(c.peek())) {
            target = targets.resolve(first) & 0xFFFFFFFFL;
            segment = c.next();
        }
        dst.u32(segments.resolve(segment) & 0xFFFFFFFFL);
        dst.u32(target);
    }

    /** An optional index of {@code space} (0 if absent), as an unsigned value. */
    private static long optional(TokenCursor c, Space space) {
        return Space.isIndex(c.peek()) ? space.resolve(c.next()) & 0xFFFFFFFFL : 0;
    }

    /** A number token; a malformed one (a keyword or reserved token there) is "unknown operator". */
    static Token number(TokenCursor c) {
        Token t = c.peek();
        if (t.kind() != Kind.NUMBER) throw Numbers.notANumber(t);
        return c.next();
    }

    /** A lane index: an unsigned number below 256 (a signed one is "unexpected" except in a shuffle). */
    private static int lane(TokenCursor c, boolean shuffle) {
        Token t = c.peek();
        if (t.kind() != Kind.NUMBER) throw c.unexpected(t);
        boolean signed = t.text().startsWith("-") || t.text().startsWith("+");
        if (!Numbers.isInteger(t.text())) throw c.fail(t, shuffle ? "i8 constant out of range" : "unexpected token");
        if (signed) {
            throw c.fail(t, signed && !shuffle ? "unexpected token" : "i8 constant out of range");
        }
        c.next();
        long v;
        try {
            v = Numbers.parseInt(t, 32) & 0xFFFFFFFFL;
        } catch (dev.bytelift.runtime.TextFormatException e) {
            throw c.fail(t, "i8 constant out of range");
        }
        if (v > 255) throw c.fail(t, "i8 constant out of range");
        return (int) v;
    }

    /** {@code offset=N? align=N?} (after the optional memory index): the binary memarg. */
    private static void memarg(Op op, TokenCursor c, TextModule m, ByteBuf dst, long memory) {
        long offset = 0;
        int alignLog2 = op.alignLog2();
        Token t = c.peek();
        if (t.kind() == Kind.KEYWORD && t.text().startsWith("offset=")) {
            c.next();
            offset = Space.unsigned(attribute(t, 7), m.memory64 ? 64 : 32); // validation bounds a 32-bit memory's
            t = c.peek();
        }
        if (t.kind() == Kind.KEYWORD && t.text().startsWith("align=")) {
            c.next();
            long a = Space.unsigned(attribute(t, 6), m.memory64 ? 64 : 32);
            if (a == 0 || (a & (a - 1)) != 0) throw c.fail(t, "alignment must be a power of two");
            alignLog2 = Long.numberOfTrailingZeros(a);
        }
        if (memory != 0) {
            dst.u32(alignLog2 | 0x40);
            dst.u32(memory);
        } else {
            dst.u32(alignLog2);
        }
        dst.u32(offset);
    }

    /** The number after {@code name=} in the keyword {@code t}, as a token of its own. */
    private static Token attribute(Token t, int skip) {
        String v = t.text().substring(skip);
        if (!Numbers.isNumber(v) || !Numbers.isInteger(v) || v.startsWith("-") || v.startsWith("+")) {
            throw t.error("unknown operator");
        }
        return new Token(Kind.NUMBER, v, null, t.line(), t.column() + skip, t.offset() + skip, t.sourceName());
    }
}
