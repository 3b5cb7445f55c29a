package dev.bytelift.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bytelift.runtime.internal.Scratch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: v128 values as {@code long[] {lo, hi}}, built from and split into lanes. */
final class V {
    private V() {}

    static long[] lanes(int bits, long... lanes) {
        if (lanes.length * bits != 128) {
            throw new IllegalArgumentException(lanes.length + " lanes of " + bits + " bits");
        }
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long[] v = new long[2];
        for (int k = 0; k < lanes.length; k++) {
            int bit = k * bits;
            v[bit >>> 6] |= (lanes[k] & mask) << (bit & 63);
        }
        return v;
    }

    /** Lane {@code k} of {@code v}, zero-extended. */
    static long lane(long[] v, int bits, int k) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        int bit = k * bits;
        return (v[bit >>> 6] >>> (bit & 63)) & mask;
    }

    static long[] split(long[] v, int bits) {
        long[] r = new long[128 / bits];
        for (int k = 0; k < r.length; k++) {
            r[k] = lane(v, bits, k);
        }
        return r;
    }

    static long[] i8(int... l) {
        long[] x = new long[l.length];
        for (int k = 0; k < l.length; k++) {
            x[k] = l[k];
        }
        return lanes(8, x);
    }

    static long[] i16(int... l) {
        long[] x = new long[l.length];
        for (int k = 0; k < l.length; k++) {
            x[k] = l[k];
        }
        return lanes(16, x);
    }

    static long[] i32(int... l) {
        long[] x = new long[l.length];
        for (int k = 0; k < l.length; k++) {
            x[k] = l[k];
        }
        return lanes(32, x);
    }

    static long[] i64(long... l) {
        return lanes(64, l);
    }

    static long[] f32(float... l) {
        long[] x = new long[l.length];
        for (int k = 0; k < l.length; k++) {
            x[k] = Float.floatToRawIntBits(l[k]);
        }
        return lanes(32, x);
    }

    static long[] f64(double... l) {
        long[] x = new long[l.length];
        for (int k = 0; k < l.length; k++) {
            x[k] = Double.doubleToRawLongBits(l[k]);
        }
        return lanes(64, x);
    }

    /** The v128 result of a helper: its returned low half and the high half it left in {@code s}. */
    static long[] r(long lo, Scratch s) {
        return new long[] {lo, s.v128Hi};
    }

    static String hex(long[] v) {
        return String.format("%016x_%016x", v[1], v[0]);
    }

    static void assertV(long[] expected, long[] actual) {
        assertEquals(hex(expected), hex(actual));
    }

    static void assertV(long[] expected, long[] actual, String message) {
        assertEquals(hex(expected), hex(actual), message);
    }

    /** The JVM arguments of {@code operands}: a v128 ({@code long[2]}) becomes its two halves. */
    static List<Object> flatten(Object... operands) {
        List<Object> a = new ArrayList<>();
        for (Object o : operands) {
            if (o instanceof long[]) {
                a.add(((long[]) o)[0]);
                a.add(((long[]) o)[1]);
            } else {
                a.add(o);
            }
        }
        return a;
    }

    /**
     * Calls the method implementing instruction {@code name} through {@link SimdTable}: v128
     * arguments as {@code long[2]}, others boxed; a v128 result comes back as {@code long[2]}.
     */
    static Object call(String name, Object... args) {
        SimdSignatures.Sig sig = SimdSignatures.byName(name);
        Method m = SimdTable.forOpcode(sig.opcode());
        List<Object> a = flatten(args);
        Scratch s = new Scratch();
        boolean v128 = "v128".equals(sig.result());
        if (v128) {
            a.add(s);
        }
        Object r = invoke(m, a.toArray());
        return v128 ? new long[] {(Long) r, s.v128Hi} : r;
    }

    /** Invokes static method {@code m}, rethrowing what it throws (a trap) as it is. */
    static Object invoke(Method m, Object[] args) {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    static long[] callV(String name, Object... args) {
        return (long[]) call(name, args);
    }
}
