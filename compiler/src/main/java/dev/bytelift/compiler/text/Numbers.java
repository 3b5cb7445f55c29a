package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.math.BigInteger;

/**
 * Numeric literals of the text format: integers (decimal or {@code 0x} hexadecimal, {@code _}
 * between digits, an optional sign) and floats (decimal or hexadecimal, with exponents, {@code
 * inf}, {@code nan}, {@code nan:0x...}), rounded to nearest, ties to even, as the spec requires.
 * An integer that does not fit its type, and a float that rounds to infinity, is "constant out of
 * range".
 */
public final class Numbers {
    private Numbers() {}

    private static final long CANONICAL_NAN_32 = 0x7FC0_0000L;
    private static final long CANONICAL_NAN_64 = 0x7FF8_0000_0000_0000L;

    /** Whether {@code s} is a number token: an integer or float literal (syntax only, not range). */
    public static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (n == 0) return false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') i++;
        if (s.startsWith("inf", i) && n == i + 3) return true;
        if (s.startsWith("nan", i)) {
            if (n == i + 3) return true;
            return s.startsWith(":0x", i + 3) && digitsEnd(s, i + 6, true) == n;
        }
        boolean hex = s.startsWith("0x", i);
        if (hex) i += 2;
        i = digitsEnd(s, i, hex);
        if (i < 0) return false;
        if (i < n && s.charAt(i) == '.') {
            i++;
            if (i < n && digit(s.charAt(i), hex) >= 0) i = digitsEnd(s, i, hex);
            if (i < 0) return false;
        }
        if (i < n && (hex ? (s.charAt(i) == 'p' || s.charAt(i) == 'P') : (s.charAt(i) == 'e' || s.charAt(i) == 'E'))) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            i = digitsEnd(s, i, false);
            if (i < 0) return false;
        }
        return i == n;
    }

    /** Whether the number token {@code s} is an integer (no fraction, exponent, inf or nan). */
    static boolean isInteger(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        boolean hex = s.startsWith("0x", i);
        int e = digitsEnd(s, hex ? i + 2 : i, hex);
        return e == s.length();
    }

    /** The end of {@code digit ('_'? digit)*} from {@code i}, or -1 if there is none there. */
    private static int digitsEnd(String s, int i, boolean hex) {
        int n = s.length();
        if (i >= n || digit(s.charAt(i), hex) < 0) return -1;
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '_') {
                if (i + 1 >= n || digit(s.charAt(i + 1), hex) < 0) return -1;
                i += 2;
            } else if (digit(c, hex) >= 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int digit(char c, boolean hex) {
        if (c >= '0' && c <= '9') return c - '0';
        if (hex && c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (hex && c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** An {@code i32} literal (unsigned up to 2^32-1, or signed from -2^31): its bits. */
    public static int parseI32(Token t) {
        return (int) parseInt(t, 32);
    }

    /** An {@code i64} literal (unsigned up to 2^64-1, or signed from -2^63): its bits. */
    public static long parseI64(Token t) {
        return parseInt(t, 64);
    }

    /**
     * An integer literal of {@code bits} bits (8, 16, 32 or 64; lane values of {@code v128.const}
     * too): unsigned below 2^bits, or with a sign, from -2^(bits-1) below 2^(bits-1). Its bits in
     * the low {@code bits} of the result.
     */
    public static long parseInt(Token t, int bits) {
        String s = t.text();
        if (t.kind() != Kind.NUMBER || !isInteger(s)) {
            throw t.error(t.kind() == Kind.NUMBER || t.kind() == Kind.RESERVED ? "unknown operator" : "unexpected token");
        }
        boolean neg = s.charAt(0) == '-';
        boolean signed = neg || s.charAt(0) == '+';
        int i = signed ? 1 : 0;
        boolean hex = s.startsWith("0x", i);
        if (hex) i += 2;
        long v = 0;
        boolean over = false;
        for (; i < s.length(); i++) {
            int d = digit(s.charAt(i), hex);
            if (d < 0) continue;
            if (hex) {
                if ((v >>> 60) != 0) over = true;
                v = (v << 4) | d;
            } else {
                // v * 10 + d must stay below 2^64 (unsigned)
                if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) over = true;
                v = v * 10 + d;
            }
        }
        // the spec's scripts expect "constant out of range" for const operands (a prefix of it);
        // limits, offsets and indices say "i32 constant out of range" (see Space.u32)
        String name = "constant out of range";
        if (over) throw t.error(name);
        if (!signed) {
            if (bits < 64 && Long.compareUnsigned(v, 1L << bits) >= 0) throw t.error(name);
            return v;
        }
        long limit = 1L << (bits - 1); // magnitude allowed: below it, or equal when negative
        if (Long.compareUnsigned(v, limit) > 0 || (!neg && v == limit)) throw t.error(name);
        long r = neg ? -v : v;
        return bits == 64 ? r : r & ((1L << bits) - 1);
    }

    /**
     * The error for {@code t} where a number must be: a malformed literal (a reserved token such as
     * {@code 0x}, or {@code nan:1}) is "unknown operator", anything else "unexpected token".
     */
    static dev.bytelift.runtime.TextFormatException notANumber(Token t) {
        // nan:canonical and nan:arithmetic are keywords (of scripts); another nan:... is a bad literal
        boolean badNan = t.kind() == Kind.KEYWORD && t.text().startsWith("nan:") && !t.text().equals("nan:canonical")
                && !t.text().equals("nan:arithmetic");
        return t.error(t.kind() == Kind.RESERVED || badNan ? "unknown operator" : "unexpected token");
    }

    /** An {@code f32} literal: its IEEE 754 bits. */
    public static int parseF32Bits(Token t) {
        return (int) parseFloat(t, 23, 8);
    }

    /** An {@code f64} literal: its IEEE 754 bits. */
    public static long parseF64Bits(Token t) {
        return parseFloat(t, 52, 11);
    }

    private static long parseFloat(Token t, int mantBits, int expBits) {
        if (t.kind() != Kind.NUMBER) throw notANumber(t);
        String s = t.text();
        boolean neg = s.charAt(0) == '-';
        int i = neg || s.charAt(0) == '+' ? 1 : 0;
        long sign = neg ? 1L << (mantBits + expBits) : 0;
        long expMask = (1L << expBits) - 1;
        if (s.startsWith("inf", i)) return sign | (expMask << mantBits);
        if (s.startsWith("nan", i)) {
            if (s.length() == i + 3) return sign | (mantBits == 23 ? CANONICAL_NAN_32 : CANONICAL_NAN_64);
            long payload = 0;
            for (int k = i + 6; k < s.length(); k++) {
                int d = digit(s.charAt(k), true);
                if (d < 0) continue;
                if ((payload >>> 56) != 0) throw t.error("constant out of range");
                payload = (payload << 4) | d;
            }
            if (payload == 0 || payload >= (1L << mantBits)) throw t.error("constant out of range");
            return sign | (expMask << mantBits) | payload;
        }
        long bits;
        if (s.startsWith("0x", i)) {
            bits = hexFloat(s, i + 2, mantBits, expBits);
        } else {
            bits = decimalFloat(s.substring(i).replace("_", ""), mantBits, expBits);
        }
        if (bits < 0) throw t.error("constant out of range");
        return sign | bits;
    }

    /** A non-negative decimal float's bits, or -1 if it rounds to infinity. */
    private static long decimalFloat(String s, int mantBits, int expBits) {
        double d = Double.parseDouble(s); // correctly rounded to double
        if (Double.isInfinite(d)) return -1;
        if (mantBits == 52) return Double.doubleToRawLongBits(d);
        float f = (float) d;
        // (float) d rounds twice; that errs only when d lies exactly halfway between two floats
        if (Float.isInfinite(f)) {
            if (d != Float.MAX_VALUE + (double) Math.ulp(Float.MAX_VALUE) / 2) return -1;
        } else if ((double) f == d) {
            return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
        } else {
            float other = (double) f < d ? Math.nextUp(f) : Math.nextDown(f);
            if (((double) f + (double) other) / 2 != d) return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
        }
        return exactDecimal(s, mantBits, expBits);
    }

    /** The slow, exact path: the decimal {@code s} (no sign, no underscores) as M * 10^E. */
    private static long exactDecimal(String s, int mantBits, int expBits) {
        int e = s.indexOf('e');
        if (e < 0) e = s.indexOf('E');
        String mant = e < 0 ? s : s.substring(0, e);
        long exp = e < 0 ? 0 : clampedExponent(s.substring(e + 1));
        int dot = mant.indexOf('.');
        if (dot >= 0) {
            exp -= mant.length() - dot - 1;
            mant = mant.substring(0, dot) + mant.substring(dot + 1);
        }
        BigInteger m = new BigInteger(mant);
        if (m.signum() == 0) return 0;
        double log2 = m.bitLength() + exp * 3.3219280948873626;
        if (log2 > (1 << (expBits - 1)) + 4) return -1;
        if (log2 < -(1 << (expBits - 1)) - mantBits - 8) return 0;
        BigInteger num = m;
        BigInteger den = BigInteger.ONE;
        if (exp >= 0) num = m.multiply(BigInteger.TEN.pow((int) exp));
        else den = BigInteger.TEN.pow((int) -exp);
        return round(num, den, mantBits, expBits);
    }

    /** A hexadecimal float's bits (from after {@code 0x}), or -1 if it rounds to infinity. */
    private static long hexFloat(String s, int i, int mantBits, int expBits) {
        BigInteger m = BigInteger.ZERO;
        long exp = 0;
        boolean frac = false;
        StringBuilder digits = new StringBuilder();
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') continue;
            if (c == '.') {
                frac = true;
                continue;
            }
            if (c == 'p' || c == 'P') {
                exp += clampedExponent(s.substring(i + 1));
                break;
            }
            digits.append(c);
            if (frac) exp -= 4;
        }
        if (digits.length() <= 13) {
            // up to 52 bits: exact as a double, and scaling by a power of two is exact while the
            // result stays normal; then a double of at most 24 significant bits is an exact float
            long small = Long.parseLong(digits.toString(), 16);
            if (small == 0) return 0;
            long e = exp + 63 - Long.numberOfLeadingZeros(small); // the exponent of the leading bit
            if (mantBits == 52 && e >= -1022 && e <= 1023) {
                return Double.doubleToRawLongBits(Math.scalb((double) small, (int) exp));
            }
            if (mantBits == 23 && e >= -126 && e <= 127 && 64 - Long.numberOfLeadingZeros(small)
                    - Long.numberOfTrailingZeros(small) <= 24) {
                return Float.floatToRawIntBits(Math.scalb((float) small, (int) exp)) & 0xFFFF_FFFFL;
            }
        }
        m = new BigInteger(digits.toString(), 16);
        if (m.signum() == 0) return 0;
        long log2 = m.bitLength() + exp;
        if (log2 > (1 << (expBits - 1)) + 4) return -1;
        if (log2 < -(1 << (expBits - 1)) - mantBits - 8) return 0;
        BigInteger num = exp >= 0 ? m.shiftLeft((int) exp) : m;
        BigInteger den = exp >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft((int) -exp);
        return round(num, den, mantBits, expBits);
    }

    /** An exponent's value (sign, digits, underscores), clamped to +-10^9 (beyond, all round alike). */
    private static long clampedExponent(String s) {
        long v = 0;
        boolean neg = s.startsWith("-");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') v = Math.min(v * 10 + (c - '0'), 1_000_000_000L);
        }
        return neg ? -v : v;
    }

    /** num/den (positive) rounded to nearest-even in the format; -1 if that is infinity. */
    static long round(BigInteger num, BigInteger den, int mantBits, int expBits) {
        int p = mantBits + 1;
        int bias = (1 << (expBits - 1)) - 1;
        int emin = 1 - bias;
        int e = num.bitLength() - den.bitLength();
        // floor(log2(num/den)) is e or e - 1
        if (e >= 0 ? num.compareTo(den.shiftLeft(e)) < 0 : num.shiftLeft(-e).compareTo(den) < 0) e--;
        e = Math.max(e, emin);
        int shift = p - 1 - e;
        BigInteger n2 = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d2 = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n2.divideAndRemainder(d2);
        BigInteger q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(d2);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        if (q.bitLength() > p) {
            q = q.shiftRight(1);
            e++;
        }
        if (e > bias) return -1;
        long qv = q.longValue();
        if (q.bitLength() < p) return qv; // subnormal (e == emin)
        return ((long) (e + bias) << mantBits) | (qv & ((1L << mantBits) - 1));
    }
}
