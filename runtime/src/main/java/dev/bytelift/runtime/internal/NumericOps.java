package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.TrapCode;

/**
 * Numeric instructions whose WebAssembly semantics differ from a single JVM instruction:
 * comparisons producing 0/1, trapping division and truncation, unsigned conversions, and the
 * float operations whose NaN and signed-zero rules need care. Small static methods C2 inlines.
 */
public final class NumericOps {
    private NumericOps() {}

    // ---- i32 comparisons

    public static int i32Eqz(int a) { return a == 0 ? 1 : 0; }
    public static int i32Eq(int a, int b) { return a == b ? 1 : 0; }
    public static int i32Ne(int a, int b) { return a != b ? 1 : 0; }
    public static int i32LtS(int a, int b) { return a < b ? 1 : 0; }
    public static int i32LtU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int i32GtS(int a, int b) { return a > b ? 1 : 0; }
    public static int i32GtU(int a, int b) { return Integer.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int i32LeS(int a, int b) { return a <= b ? 1 : 0; }
    public static int i32LeU(int a, int b) { return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int i32GeS(int a, int b) { return a >= b ? 1 : 0; }
    public static int i32GeU(int a, int b) { return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    // ---- i64 comparisons

    public static int i64Eqz(long a) { return a == 0 ? 1 : 0; }
    public static int i64Eq(long a, long b) { return a == b ? 1 : 0; }
    public static int i64Ne(long a, long b) { return a != b ? 1 : 0; }
    public static int i64LtS(long a, long b) { return a < b ? 1 : 0; }
    public static int i64LtU(long a, long b) { return Long.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int i64GtS(long a, long b) { return a > b ? 1 : 0; }
    public static int i64GtU(long a, long b) { return Long.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int i64LeS(long a, long b) { return a <= b ? 1 : 0; }
    public static int i64LeU(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int i64GeS(long a, long b) { return a >= b ? 1 : 0; }
    public static int i64GeU(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    // ---- float comparisons (false when either operand is NaN, except ne)

    public static int f32Eq(float a, float b) { return a == b ? 1 : 0; }
    public static int f32Ne(float a, float b) { return a != b ? 1 : 0; }
    public static int f32Lt(float a, float b) { return a < b ? 1 : 0; }
    public static int f32Gt(float a, float b) { return a > b ? 1 : 0; }
    public static int f32Le(float a, float b) { return a <= b ? 1 : 0; }
    public static int f32Ge(float a, float b) { return a >= b ? 1 : 0; }
    public static int f64Eq(double a, double b) { return a == b ? 1 : 0; }
    public static int f64Ne(double a, double b) { return a != b ? 1 : 0; }
    public static int f64Lt(double a, double b) { return a < b ? 1 : 0; }
    public static int f64Gt(double a, double b) { return a > b ? 1 : 0; }
    public static int f64Le(double a, double b) { return a <= b ? 1 : 0; }
    public static int f64Ge(double a, double b) { return a >= b ? 1 : 0; }

    // ---- division: the JVM raises ArithmeticException for a zero divisor (the trap is made where
    // it leaves WebAssembly) but does not trap on MIN / -1, which WebAssembly does.

    // Integer division checks the divisor explicitly and throws a fresh trap: the JVM's own
    // ArithmeticException may come without a stack trace from C2-compiled code ("fast throw").

    public static int i32DivS(int a, int b) {
        if (b == 0) throw Traps.divisionByZero();
        if (b == -1 && a == Integer.MIN_VALUE) throw Traps.trap(TrapCode.INTEGER_OVERFLOW);
        return a / b;
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw Traps.divisionByZero();
        if (b == -1 && a == Long.MIN_VALUE) throw Traps.trap(TrapCode.INTEGER_OVERFLOW);
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw Traps.divisionByZero();
        return Integer.divideUnsigned(a, b);
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) throw Traps.divisionByZero();
        return Long.divideUnsigned(a, b);
    }

    public static int i32RemS(int a, int b) {
        if (b == 0) throw Traps.divisionByZero();
        return a % b;
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) throw Traps.divisionByZero();
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw Traps.divisionByZero();
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw Traps.divisionByZero();
        return Long.remainderUnsigned(a, b);
    }

    // ---- float unary operations with exact NaN and sign rules

    public static float f32Abs(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFFFFFF); }
    public static float f32Neg(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x80000000); }
    public static double f64Abs(double a) { return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL); }
    public static double f64Neg(double a) { return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000000L); }

    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7FFFFFFF) | (Float.floatToRawIntBits(b) & 0x80000000));
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL)
                | (Double.doubleToRawLongBits(b) & 0x8000000000000000L));
    }

    // NaN inputs go through an addition so that a signalling NaN comes out quiet (an
    // "arithmetic NaN"), as WebAssembly requires of these operators.

    public static float f32Ceil(float a) { return a != a ? a + a : (float) Math.ceil(a); }
    public static float f32Floor(float a) { return a != a ? a + a : (float) Math.floor(a); }
    public static float f32Trunc(float a) { return a != a ? a + a : (float) (a < 0 ? Math.ceil(a) : Math.floor(a)); }
    public static float f32Nearest(float a) { return a != a ? a + a : (float) Math.rint(a); }
    public static float f32Sqrt(float a) { return a != a ? a + a : (float) Math.sqrt(a); }
    public static double f64Ceil(double a) { return a != a ? a + a : Math.ceil(a); }
    public static double f64Floor(double a) { return a != a ? a + a : Math.floor(a); }
    public static double f64Trunc(double a) { return a != a ? a + a : (a < 0 ? Math.ceil(a) : Math.floor(a)); }
    public static double f64Nearest(double a) { return a != a ? a + a : Math.rint(a); }
    public static double f64Sqrt(double a) { return a != a ? a + a : Math.sqrt(a); }

    public static float f32Min(float a, float b) { return a != a || b != b ? a + b : Math.min(a, b); }
    public static float f32Max(float a, float b) { return a != a || b != b ? a + b : Math.max(a, b); }
    public static double f64Min(double a, double b) { return a != a || b != b ? a + b : Math.min(a, b); }
    public static double f64Max(double a, double b) { return a != a || b != b ? a + b : Math.max(a, b); }

    // ---- trapping float-to-int truncation

    private static RuntimeException badTruncation(boolean nan) {
        return Traps.trap(nan ? TrapCode.BAD_CONVERSION_TO_INTEGER : TrapCode.INTEGER_OVERFLOW);
    }

    public static int i32TruncF32S(float a) {
        if (!(a >= -2147483648f && a < 2147483648f)) throw badTruncation(a != a);
        return (int) a;
    }

    public static int i32TruncF32U(float a) {
        if (!(a > -1f && a < 4294967296f)) throw badTruncation(a != a);
        return (int) (long) a;
    }

    public static int i32TruncF64S(double a) {
        if (!(a > -2147483649.0 && a < 2147483648.0)) throw badTruncation(a != a);
        return (int) a;
    }

    public static int i32TruncF64U(double a) {
        if (!(a > -1.0 && a < 4294967296.0)) throw badTruncation(a != a);
        return (int) (long) a;
    }

    public static long i64TruncF32S(float a) {
        if (!(a >= -9223372036854775808f && a < 9223372036854775808f)) throw badTruncation(a != a);
        return (long) a;
    }

    public static long i64TruncF32U(float a) {
        if (!(a > -1f && a < 18446744073709551616f)) throw badTruncation(a != a);
        return a < 9223372036854775808f ? (long) a : (long) (a - 9223372036854775808f) | Long.MIN_VALUE;
    }

    public static long i64TruncF64S(double a) {
        if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0)) throw badTruncation(a != a);
        return (long) a;
    }

    public static long i64TruncF64U(double a) {
        if (!(a > -1.0 && a < 18446744073709551616.0)) throw badTruncation(a != a);
        return a < 9223372036854775808.0 ? (long) a : (long) (a - 9223372036854775808.0) | Long.MIN_VALUE;
    }

    // ---- saturating truncation: the JVM's f2i/d2i/f2l/d2l already saturate signed conversions
    // and map NaN to 0; the unsigned ones are here.

    public static int i32TruncSatF32U(float a) {
        if (!(a > -1f)) return 0;
        if (a >= 4294967296f) return -1;
        return (int) (long) a;
    }

    public static int i32TruncSatF64U(double a) {
        if (!(a > -1.0)) return 0;
        if (a >= 4294967296.0) return -1;
        return (int) (long) a;
    }

    public static long i64TruncSatF32U(float a) {
        if (!(a > -1f)) return 0;
        if (a >= 18446744073709551616f) return -1;
        return a < 9223372036854775808f ? (long) a : (long) (a - 9223372036854775808f) | Long.MIN_VALUE;
    }

    public static long i64TruncSatF64U(double a) {
        if (!(a > -1.0)) return 0;
        if (a >= 18446744073709551616.0) return -1;
        return a < 9223372036854775808.0 ? (long) a : (long) (a - 9223372036854775808.0) | Long.MIN_VALUE;
    }

    // ---- unsigned int-to-float conversion, correctly rounded

    public static float f32ConvertI32U(int a) { return (float) (a & 0xFFFFFFFFL); }
    public static double f64ConvertI32U(int a) { return (double) (a & 0xFFFFFFFFL); }

    public static float f32ConvertI64U(long a) {
        if (a >= 0) return (float) a;
        // halve with the lost bit kept sticky, so that rounding the half rounds like the whole
        return (float) ((a >>> 1) | (a & 1)) * 2f;
    }

    public static double f64ConvertI64U(long a) {
        if (a >= 0) return (double) a;
        return (double) ((a >>> 1) | (a & 1)) * 2.0;
    }

    // ---- select (keeps generated code free of branches, so it needs no stack-map frames)

    public static int selectI(int a, int b, int c) { return c != 0 ? a : b; }
    public static long selectJ(long a, long b, int c) { return c != 0 ? a : b; }
    public static float selectF(float a, float b, int c) { return c != 0 ? a : b; }
    public static double selectD(double a, double b, int c) { return c != 0 ? a : b; }
    public static Object selectA(Object a, Object b, int c) { return c != 0 ? a : b; }

    public static long selectV(long aLo, long aHi, long bLo, long bHi, int c, Scratch s) {
        s.v128Hi = c != 0 ? aHi : bHi;
        return c != 0 ? aLo : bLo;
    }

    public static int refIsNull(Object r) { return r == null ? 1 : 0; }
}
