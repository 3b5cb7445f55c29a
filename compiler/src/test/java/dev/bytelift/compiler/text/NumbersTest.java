package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.*;

import dev.bytelift.runtime.TextFormatException;
import org.junit.jupiter.api.Test;

class NumbersTest {
    private static Token num(String s) {
        Token t = new Lexer(s, "n").next();
        assertEquals(Token.Kind.NUMBER, t.kind(), s);
        return t;
    }

    @Test
    void integers() {
        assertEquals(-1, Numbers.parseI32(num("0xffff_ffff")));
        assertEquals(-1, Numbers.parseI32(num("-1")));
        assertEquals(Integer.MIN_VALUE, Numbers.parseI32(num("-0x8000_0000")));
        assertEquals(2147483647, Numbers.parseI32(num("+2147483647")));
        assertEquals(-1L, Numbers.parseI64(num("18446744073709551615")));
        assertEquals(Long.MIN_VALUE, Numbers.parseI64(num("-9223372036854775808")));
        assertEquals(0xFFL, Numbers.parseInt(num("-1"), 8));
        assertOutOfRange(() -> Numbers.parseI32(num("4294967296")), "i32 constant out of range");
        assertOutOfRange(() -> Numbers.parseI32(num("+2147483648")), "i32 constant out of range");
        assertOutOfRange(() -> Numbers.parseI32(num("-2147483649")), "i32 constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("18446744073709551616")), "i64 constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("0x1_0000_0000_0000_0000")), "i64 constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("9".repeat(5000))), "i64 constant out of range");
        assertOutOfRange(() -> Numbers.parseInt(num("256"), 8), "constant out of range");
    }

    @Test
    void floats() {
        assertEquals(Float.floatToIntBits(1.5f), Numbers.parseF32Bits(num("1.5")));
        assertEquals(Float.floatToIntBits(0.1f), Numbers.parseF32Bits(num("0.1")));
        assertEquals(Float.floatToIntBits(-0.0f), Numbers.parseF32Bits(num("-0")));
        assertEquals(0x7F800000, Numbers.parseF32Bits(num("inf")));
        assertEquals(0xFFC00000, Numbers.parseF32Bits(num("-nan")));
        assertEquals(0x7F800001, Numbers.parseF32Bits(num("nan:0x1")));
        assertEquals(0x7FF0000000000001L, Numbers.parseF64Bits(num("nan:0x1")));
        assertEquals(Double.doubleToLongBits(0x1.8p3), Numbers.parseF64Bits(num("0x1.8p3")));
        assertEquals(Double.doubleToLongBits(1e10), Numbers.parseF64Bits(num("1_0e+0_9")));
        assertEquals(Float.floatToIntBits(Float.MAX_VALUE), Numbers.parseF32Bits(num("0x1.fffffep127")));
        assertEquals(1, Numbers.parseF32Bits(num("0x1p-149")));
        assertEquals(0, Numbers.parseF32Bits(num("0x1p-151")));
        assertEquals(1, Numbers.parseF64Bits(num("0x1p-1074")));
        assertEquals(0, Numbers.parseF64Bits(num("1e-400000000000")));
        // ties to even in hex: 1 + 2^-24 is halfway between 1 and the next float
        assertEquals(0x3F800000, Numbers.parseF32Bits(num("0x1.000001p0")));
        assertEquals(0x3F800002, Numbers.parseF32Bits(num("0x1.000003p0")));
        assertEquals(0x3F800001, Numbers.parseF32Bits(num("0x1.00000100000000001p0")));
        // decimal ties: 16777217 is halfway between 2^24 and 2^24 + 2
        assertEquals(Float.floatToIntBits(16777216f), Numbers.parseF32Bits(num("16777217")));
        assertEquals(Float.floatToIntBits(16777220f), Numbers.parseF32Bits(num("16777219")));
        assertEquals(Float.floatToIntBits(16777218f), Numbers.parseF32Bits(num("16777217.000000000001")));
        assertOutOfRange(() -> Numbers.parseF32Bits(num("0x1p128")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseF32Bits(num("1e39")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseF64Bits(num("1e400")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseF64Bits(num("0x1p99999999999999")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseF32Bits(num("nan:0x800000")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseF32Bits(num("nan:0x0")), "constant out of range");
        // the largest values that still round down to the largest finite float
        assertEquals(0x7F7FFFFF, Numbers.parseF32Bits(num("0x1.fffffefffffffffffp127")));
        assertOutOfRange(() -> Numbers.parseF32Bits(num("0x1.ffffffp127")), "constant out of range");
    }

    private static void assertOutOfRange(org.junit.jupiter.api.function.Executable e, String message) {
        TextFormatException x = assertThrows(TextFormatException.class, e);
        assertEquals(message, x.specMessage());
    }
}
