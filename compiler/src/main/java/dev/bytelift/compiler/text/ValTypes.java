package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;

/**
 * Value types in the text format. A value type is held as its binary encoding (0x7F for i32,
 * 0x70 for funcref, ...); a WebAssembly 3.0 reference type with a type index will need more than
 * a byte, which is why writers go through {@link #encode}.
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
            default -> -1;
        };
    }

    /** Whether a value type comes next ({@code i32}, ... or {@code (ref ...)}). */
    static boolean atValType(TokenCursor c) {
        Token t = c.peek();
        if (t.kind() == Kind.KEYWORD) return ofKeyword(t.text()) >= 0;
        return c.atParen("ref");
    }

    /** A value type. */
    static int parse(TokenCursor c) {
        Token t = c.peek();
        if (t.kind() == Kind.KEYWORD) {
            int v = ofKeyword(t.text());
            if (v < 0) throw c.fail(t, "unknown operator " + t.text());
            c.next();
            return v;
        }
        if (c.acceptParen("ref")) {
            c.acceptKeyword("null"); // only the nullable func and extern references exist in 2.0
            int h = heapType(c);
            c.rparen();
            return h;
        }
        throw c.unexpected(t);
    }

    /** A reference type ({@code funcref}, {@code externref}). */
    static int parseRef(TokenCursor c) {
        Token t = c.peek();
        int v = parse(c);
        if (v != FUNCREF && v != EXTERNREF && v != EXNREF) throw c.fail(t, "malformed reference type");
        return v;
    }

    /** A heap type ({@code func}, {@code extern}) as the reference type's byte. */
    static int heapType(TokenCursor c) {
        Token t = c.next();
        if (t.is("func")) return FUNCREF;
        if (t.is("extern")) return EXTERNREF;
        if (t.is("exn")) return EXNREF;
        throw c.fail(t, "unexpected token");
    }

    static void encode(ByteBuf b, int type) {
        b.byte1(type);
    }
}
