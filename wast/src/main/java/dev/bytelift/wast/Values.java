package dev.bytelift.wast;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.Func;

/**
 * A script's constants as the embedding API's boxed values, and expected results checked against
 * actual ones (bit for bit, NaN patterns, host-reference identity). One instance per script run:
 * it owns that run's host references.
 */
final class Values {
    /** The host object {@code (ref.extern N)} stands for: one per N and script, compared by identity. */
    record HostRef(long n) {}

    private final Map<Long, HostRef> hostRefs = new HashMap<>();

    private HostRef hostRef(long n) {
        return hostRefs.computeIfAbsent(n, HostRef::new);
    }

    /** {@code v} as an argument for {@link Func#call}. */
    Object toHost(Value v) {
        if (v instanceof Value.I32 x) return x.value();
        if (v instanceof Value.I64 x) return x.value();
        if (v instanceof Value.F32 x) return Float.intBitsToFloat(x.bits());
        if (v instanceof Value.F64 x) return Double.longBitsToDouble(x.bits());
        if (v instanceof Value.V128 x) return dev.bytelift.runtime.V128.fromBytes(x.bytes());
        if (v instanceof Value.RefNull) return null;
        if (v instanceof Value.RefExtern x) return hostRef(x.n());
        throw new IllegalArgumentException("no host value for " + v);
    }

    /** Why {@code actual} does not match {@code expected}, or null if it does. */
    String mismatch(Expected expected, Object actual) {
        if (expected instanceof Expected.Exact e) return exactMismatch(e.value(), actual);
        if (expected instanceof Expected.NaN n) {
            if (n.bits() == 32) {
                return actual instanceof Float f ? nanMismatch32(n.canonical(), Float.floatToRawIntBits(f)) : "expected f32, got " + describe(actual);
            }
            return actual instanceof Double d ? nanMismatch64(n.canonical(), Double.doubleToRawLongBits(d)) : "expected f64, got " + describe(actual);
        }
        if (expected instanceof Expected.Lanes l) {
            if (!(actual instanceof dev.bytelift.runtime.V128 v)) return "expected v128, got " + describe(actual);
            return lanesMismatch(l, v);
        }
        if (expected instanceof Expected.AnyExtern) {
            return actual != null && !(actual instanceof Func) ? null : "expected a non-null externref, got " + describe(actual);
        }
        if (expected instanceof Expected.AnyFunc) {
            return actual instanceof Func ? null : "expected a non-null funcref, got " + describe(actual);
        }
        if (expected instanceof Expected.Either e) {
            StringBuilder why = new StringBuilder("none of the alternatives matched:");
            for (Expected alt : e.alternatives()) {
                String w = mismatch(alt, actual);
                if (w == null) return null;
                why.append(' ').append(w).append(';');
            }
            return why.toString();
        }
        throw new IllegalArgumentException("unknown expected result " + expected);
    }

    private String exactMismatch(Value e, Object actual) {
        if (e instanceof Value.I32 x) {
            if (!(actual instanceof Integer a)) return "expected i32, got " + describe(actual);
            return a == x.value() ? null : "expected " + x.value() + ", got " + a;
        }
        if (e instanceof Value.I64 x) {
            if (!(actual instanceof Long a)) return "expected i64, got " + describe(actual);
            return a == x.value() ? null : "expected " + x.value() + ", got " + a;
        }
        if (e instanceof Value.F32 x) {
            if (!(actual instanceof Float a)) return "expected f32, got " + describe(actual);
            return f32Mismatch(x.bits(), Float.floatToRawIntBits(a));
        }
        if (e instanceof Value.F64 x) {
            if (!(actual instanceof Double a)) return "expected f64, got " + describe(actual);
            return f64Mismatch(x.bits(), Double.doubleToRawLongBits(a));
        }
        if (e instanceof Value.V128 x) {
            if (!(actual instanceof dev.bytelift.runtime.V128 a)) return "expected v128, got " + describe(actual);
            return java.util.Arrays.equals(x.bytes(), a.toBytes()) ? null
                    : "expected " + dev.bytelift.runtime.V128.fromBytes(x.bytes()) + ", got " + a;
        }
        if (e instanceof Value.RefNull) {
            return actual == null ? null : "expected a null reference, got " + describe(actual);
        }
        if (e instanceof Value.RefExtern x) {
            HostRef ref = hostRef(x.n());
            return actual == ref ? null : "expected " + ref + ", got " + describe(actual);
        }
        throw new IllegalArgumentException("unknown value " + e);
    }

    private static String nanMismatch32(boolean canonical, int bits) {
        // canonical: the quiet bit alone, either sign; arithmetic: any NaN with the quiet bit set
        if (canonical) return (bits & 0x7FFFFFFF) == 0x7FC00000 ? null : "expected canonical NaN, got " + f32(bits);
        return (bits & 0x7FC00000) == 0x7FC00000 ? null : "expected arithmetic NaN, got " + f32(bits);
    }

    private static String nanMismatch64(boolean canonical, long bits) {
        if (canonical) {
            return (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L ? null : "expected canonical NaN, got " + f64(bits);
        }
        return (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L ? null : "expected arithmetic NaN, got " + f64(bits);
    }

    private static String f32Mismatch(int expected, int actual) {
        return expected == actual ? null : "expected f32 " + f32(expected) + ", got " + f32(actual);
    }

    private static String f64Mismatch(long expected, long actual) {
        return expected == actual ? null : "expected f64 " + f64(expected) + ", got " + f64(actual);
    }

    private static String f32(int bits) {
        return "0x" + Integer.toHexString(bits) + " (" + Float.intBitsToFloat(bits) + ")";
    }

    private static String f64(long bits) {
        return "0x" + Long.toHexString(bits) + " (" + Double.longBitsToDouble(bits) + ")";
    }

    private String lanesMismatch(Expected.Lanes l, dev.bytelift.runtime.V128 actual) {
        byte[] bytes = actual.toBytes();
        int width = l.laneBits() / 8;
        List<Expected> lanes = l.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            long lane = 0;
            for (int b = width - 1; b >= 0; b--) lane = (lane << 8) | (bytes[i * width + b] & 0xFF);
            Object boxed = width == 4 ? (Object) Float.intBitsToFloat((int) lane) : (Object) Double.longBitsToDouble(lane);
            String why = mismatch(lanes.get(i), boxed);
            if (why != null) return "lane " + i + ": " + why + "; whole value " + actual;
        }
        return null;
    }

    static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }
}
