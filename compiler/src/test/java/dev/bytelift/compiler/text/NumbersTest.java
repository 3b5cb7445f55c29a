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
        assertOutOfRange(() -> Numbers.parseI32(num("4294967296")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseI32(num("+2147483648")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseI32(num("-2147483649")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("18446744073709551616")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("0x1_0000_0000_0000_0000")), "constant out of range");
        assertOutOfRange(() -> Numbers.parseI64(num("9".repeat(5000))), "constant out of range");
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

    /** The fast paths (double parsing, scaling small hex mantissas) agree with exact rounding. */
    @Test
    void fastPathsAgreeWithExactRounding() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            String hex = "0x" + Long.toHexString(r.nextLong() >>> r.nextInt(64)) + "." + Integer.toHexString(r.nextInt())
                    + "p" + (r.nextInt(300) - 150);
            String dec = ((r.nextLong() & Long.MAX_VALUE) >>> r.nextInt(64)) + "." + r.nextInt(1000) + "e" + (r.nextInt(90) - 45);
            for (String s : new String[] {hex, dec}) {
                assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Numbers.parseF64Bits(num(s)), s);
                java.math.BigDecimal v = new java.math.BigDecimal(s.startsWith("0x") ? String.valueOf(Double.parseDouble(s)) : s);
                if (s.startsWith("0x")) continue; // (the hex digits exceed a double's; checked against f64 above)
                long want = exactF32(v);
                if (want < 0) assertOutOfRange(() -> Numbers.parseF32Bits(num(s)), "constant out of range");
                else assertEquals((int) want, Numbers.parseF32Bits(num(s)), s);
            }
            // short hex mantissas, the f32 fast path, against the exact one
            String shortHex = "0x" + Integer.toHexString(r.nextInt(1 << 24)) + "p" + (r.nextInt(300) - 170);
            java.math.BigInteger m = new java.math.BigInteger(shortHex.substring(2, shortHex.indexOf('p')), 16);
            int e = Integer.parseInt(shortHex.substring(shortHex.indexOf('p') + 1));
            long want = m.signum() == 0 ? 0 : e >= 0 ? Numbers.round(m.shiftLeft(e), java.math.BigInteger.ONE, 23, 8)
                    : Numbers.round(m, java.math.BigInteger.ONE.shiftLeft(-e), 23, 8);
            if (want < 0) continue;
            assertEquals((int) want, Numbers.parseF32Bits(num(shortHex)), shortHex);
        }
    }

    private static long exactF32(java.math.BigDecimal v) {
        java.math.BigInteger num = v.unscaledValue();
        java.math.BigInteger den = java.math.BigInteger.ONE;
        if (v.scale() > 0) den = java.math.BigInteger.TEN.pow(v.scale());
        else num = num.multiply(java.math.BigInteger.TEN.pow(-v.scale()));
        if (num.signum() == 0) return 0;
        return Numbers.round(num, den, 23, 8);
    }

    private static void assertOutOfRange(org.junit.jupiter.api.function.Executable e, String message) {
        TextFormatException x = assertThrows(TextFormatException.class, e);
        assertEquals(message, x.specMessage());
    }
}
