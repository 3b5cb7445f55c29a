package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;

/** {@code v128.const shape lane*}: the 16 bytes, little-endian lane by lane. */
final class V128Const {
    private V128Const() {}

    static void parse(TokenCursor c, ByteBuf dst) {
        Token shape = c.next();
        if (shape.kind() != Kind.KEYWORD) throw c.unexpected(shape);
        int lanes;
        int bits;
        boolean isFloat = false;
        switch (shape.text()) {
            case "i8x16" -> { lanes = 16; bits = 8; }
            case "i16x8" -> { lanes = 8; bits = 16; }
            case "i32x4" -> { lanes = 4; bits = 32; }
            case "i64x2" -> { lanes = 2; bits = 64; }
            case "f32x4" -> { lanes = 4; bits = 32; isFloat = true; }
            case "f64x2" -> { lanes = 2; bits = 64; isFloat = true; }
            default -> throw c.fail(shape, "unexpected token");
        }
        // the count first, then the values: too few lanes is "wrong number", even of bad values
        for (int i = 0; i < lanes; i++) {
            Token t = c.peek(i);
            if (t.kind() == Kind.RPAREN || t.kind() == Kind.LPAREN || t.kind() == Kind.EOF) {
                throw c.fail(t, "wrong number of lane literals");
            }
        }
        for (int i = 0; i < lanes; i++) {
            Token t = Immediates.number(c);
            long v;
            if (isFloat) {
                v = bits == 32 ? Numbers.parseF32Bits(t) & 0xFFFFFFFFL : Numbers.parseF64Bits(t);
            } else {
                v = Numbers.parseInt(t, bits);
            }
            for (int k = 0; k < bits / 8; k++) dst.byte1((int) (v >>> (8 * k)));
        }
        if (c.peek().kind() == Kind.NUMBER) throw c.fail(c.peek(), "wrong number of lane literals");
    }
}
