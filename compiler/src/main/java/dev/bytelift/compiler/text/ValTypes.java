package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;

/**
 * Value types in the text format. A value type is held as an int: its binary encoding's byte
 * (0x7F for i32, 0x70 for funcref, ...), or for a typed reference {@code (ref null? ht)} the prefix
 * byte 0x63/0x64 with the heap type above it ({@link #heapType}: an abstract heap type's byte, or
 * {@code 0x100 +} a type index). Writers go through {@link #encode}.
 */
final class ValTypes {
    private ValTypes() {}

    static final int I32 = 0x7F;
    static final int I64 = 0x7E;
    static final int F32 = 0x7D;
    static final int F64 = 0x7C;
    static final int V128 = 0x7B;
    static final int FUNCREF = 0x70;
    static final int EXTERNREF = 0x6F;
    static final int EXNREF = 0x69;
    static final int NULLFUNCREF = 0x73;
    static final int NULLEXTERNREF = 0x72;
    static final int NULLEXNREF = 0x74;
    private static final int REF_NULL = 0x63, REF = 0x64;
    /** Added to a type index in a heap type's int. */
    private static final int INDEX = 0x100;

    /** The value type named by keyword {@code k}, or -1. */
    static int ofKeyword(String k) {
        return switch (k) {
            case "i32" -> I32;
            case "i64" -> I64;
            case "f32" -> F32;
            case "f64" -> F64;
            case "v128" -> V128;
            case "funcref" -> FUNCREF;
            case "externref" -> EXTERNREF;
            case "exnref" -> EXNREF;
            case "nullfuncref" -> NULLFUNCREF;
            case "nullexternref" -> NULLEXTERNREF;
            case "nullexnref" -> NULLEXNREF;
            default -> -1;
        };
    }

    /** Whether a value type comes next ({@code i32}, ... or {@code (ref ...)}). */
    static boolean atValType(TokenCursor c) {
        Token t = c.peek();
        if (t.kind() == Kind.KEYWORD) return ofKeyword(t.text()) >= 0;
        return c.atParen("ref");
    }

    /** A value type; a type index in it is resolved in {@code m}'s types. */
    static int parse(TokenCursor c, TextModule m) {
        Token t = c.peek();
        if (t.kind() == Kind.KEYWORD) {
            int v = ofKeyword(t.text());
            if (v < 0) throw c.fail(t, "unknown operator " + t.text());
            c.next();
            return v;
        }
        if (c.acceptParen("ref")) {
            boolean nullable = c.acceptKeyword("null");
            int h = heapType(c, m);
            c.rparen();
            // (ref null func) and the like are written short, as wabt and Wasmtime do
            if (nullable && h < INDEX && isShorthand(h)) return h;
            return (nullable ? REF_NULL : REF) | h << 8;
        }
        throw c.unexpected(t);
    }

    private static boolean isShorthand(int h) {
        return h == FUNCREF || h == EXTERNREF || h == EXNREF || h == NULLFUNCREF || h == NULLEXTERNREF || h == NULLEXNREF;
    }

    /** A reference type ({@code funcref}, {@code (ref $t)}...). */
    static int parseRef(TokenCursor c, TextModule m) {
        Token t = c.peek();
        int v = parse(c, m);
        if (!isRef(v)) throw c.fail(t, "malformed reference type");
        return v;
    }

    static boolean isRef(int v) {
        int code = v & 0xFF;
        return code == REF_NULL || code == REF || (v < INDEX && isShorthand(v));
    }

    /**
     * A heap type: {@code func}, {@code extern}, {@code nofunc}, {@code noextern} as their byte, or a
     * type index ({@code $t} or a number) as {@code 0x100 +} the index.
     */
    static int heapType(TokenCursor c, TextModule m) {
        Token t = c.peek();
        if (Space.isIndex(t)) {
            c.next();
            int index = m.inTypeDefinition ? m.types.resolveOrLater(t, m.laterTypeNames) : m.types.resolve(t);
            if (Integer.compareUnsigned(index, 0x7FFFFF) > 0) throw c.fail(t, "type index too large");
            return INDEX + index;
        }
        c.next();
        if (t.is("func")) return FUNCREF;
        if (t.is("extern")) return EXTERNREF;
        if (t.is("exn")) return EXNREF;
        if (t.is("nofunc")) return NULLFUNCREF;
        if (t.is("noextern")) return NULLEXTERNREF;
        if (t.is("noexn")) return NULLEXNREF;
        throw c.fail(t, "unexpected token");
    }

    /** Writes a heap type as {@link #heapType} returned it (a type index as s33). */
    static void encodeHeap(ByteBuf b, int h) {
        if (h >= INDEX) b.s64(h - INDEX);
        else b.byte1(h);
    }

    static void encode(ByteBuf b, int type) {
        int code = type & 0xFF;
        b.byte1(code);
        if (code == REF_NULL || code == REF) encodeHeap(b, type >>> 8);
    }
}
