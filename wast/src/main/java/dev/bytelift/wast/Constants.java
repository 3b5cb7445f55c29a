package dev.bytelift.wast;

import dev.bytelift.compiler.text.Numbers;
import dev.bytelift.compiler.text.Token;

/** The numbers of a script's constants, read with the text format's own literal rules. */
final class Constants {
    private Constants() {}

    static int i32(Token t) {
        return Numbers.parseI32(t);
    }

    static long i64(Token t) {
        return Numbers.parseI64(t);
    }

    static int f32(Token t) {
        return Numbers.parseF32Bits(t);
    }

    static long f64(Token t) {
        return Numbers.parseF64Bits(t);
    }

    /** A host reference's number: an unsigned integer. */
    static long index(Token t) {
        long n = Numbers.parseInt(t, 64);
        if (t.text().startsWith("-")) throw t.error("unexpected token " + t);
        return n;
    }

    /** How many lanes a {@code v128.const} shape has. */
    static int lanes(Token shape) {
        return switch (shape.text()) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            case "i64x2", "f64x2" -> 2;
            default -> throw shape.error("unexpected token " + shape);
        };
    }

    /** One lane of a {@code v128.const} of {@code shape}: its bits in the low bits of the result. */
    static long lane(Token shape, Token t) {
        return switch (shape.text()) {
            case "i8x16" -> Numbers.parseInt(t, 8);
            case "i16x8" -> Numbers.parseInt(t, 16);
            case "i32x4" -> Numbers.parseInt(t, 32);
            case "i64x2" -> Numbers.parseInt(t, 64);
            case "f32x4" -> Numbers.parseF32Bits(t) & 0xFFFFFFFFL;
            case "f64x2" -> Numbers.parseF64Bits(t);
            default -> throw shape.error("unexpected token " + shape);
        };
    }
}
