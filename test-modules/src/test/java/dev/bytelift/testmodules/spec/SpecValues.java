package dev.bytelift.testmodules.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.V128;

/** Converts the JSON values of wast2json scripts to and from the embedding API's boxed values. */
final class SpecValues {
    private SpecValues() {}

    /** A host reference {@code ref.extern N} of the scripts; one object per N. */
    record HostRef(long n) {}

    static Object arg(JsonObject v, Map<Long, HostRef> hostRefs) {
        String type = v.get("type").getAsString();
        JsonElement value = v.get("value");
        switch (type) {
            case "i32": return Integer.parseUnsignedInt(value.getAsString());
            case "i64": return Long.parseUnsignedLong(value.getAsString());
            case "f32": return Float.intBitsToFloat(Integer.parseUnsignedInt(value.getAsString()));
            case "f64": return Double.longBitsToDouble(Long.parseUnsignedLong(value.getAsString()));
            case "v128": return v128(v.get("lane_type").getAsString(), value.getAsJsonArray());
            case "funcref":
            case "externref": {
                String s = value.getAsString();
                if (s.equals("null")) return null;
                long n = Long.parseLong(s);
                return hostRefs.computeIfAbsent(n, HostRef::new);
            }
            default: throw new IllegalArgumentException("unknown value type " + type);
        }
    }

    static V128 v128(String laneType, JsonArray lanes) {
        int bits = switch (laneType) {
            case "i8" -> 8;
            case "i16" -> 16;
            case "i32", "f32" -> 32;
            default -> 64;
        };
        byte[] bytes = new byte[16];
        for (int i = 0; i < lanes.size(); i++) {
            long lane = Long.parseUnsignedLong(lanes.get(i).getAsString());
            for (int b = 0; b < bits / 8; b++) bytes[i * bits / 8 + b] = (byte) (lane >>> (8 * b));
        }
        return V128.fromBytes(bytes);
    }

    /** Why {@code actual} does not match {@code expected}, or null if it does. */
    static String mismatch(JsonObject expected, Object actual, Map<Long, HostRef> hostRefs) {
        String type = expected.get("type").getAsString();
        JsonElement value = expected.get("value");
        switch (type) {
            case "i32": {
                if (!(actual instanceof Integer a)) return "expected i32, got " + describe(actual);
                int e = Integer.parseUnsignedInt(value.getAsString());
                return a == e ? null : "expected " + e + ", got " + a;
            }
            case "i64": {
                if (!(actual instanceof Long a)) return "expected i64, got " + describe(actual);
                long e = Long.parseUnsignedLong(value.getAsString());
                return a == e ? null : "expected " + e + ", got " + a;
            }
            case "f32": {
                if (!(actual instanceof Float a)) return "expected f32, got " + describe(actual);
                return f32Mismatch(value.getAsString(), Float.floatToRawIntBits(a));
            }
            case "f64": {
                if (!(actual instanceof Double a)) return "expected f64, got " + describe(actual);
                return f64Mismatch(value.getAsString(), Double.doubleToRawLongBits(a));
            }
            case "v128": {
                if (!(actual instanceof V128 a)) return "expected v128, got " + describe(actual);
                return v128Mismatch(expected.get("lane_type").getAsString(), value.getAsJsonArray(), a);
            }
            case "funcref": {
                String s = value.getAsString();
                if (s.equals("null")) return actual == null ? null : "expected null funcref, got " + describe(actual);
                return actual instanceof Func ? null : "expected a funcref, got " + describe(actual);
            }
            case "externref": {
                String s = value.getAsString();
                if (s.equals("null")) return actual == null ? null : "expected null externref, got " + describe(actual);
                HostRef e = hostRefs.computeIfAbsent(Long.parseLong(s), HostRef::new);
                return actual == e ? null : "expected " + e + ", got " + describe(actual);
            }
            default:
                return "unknown expected type " + type;
        }
    }

    private static String f32Mismatch(String e, int bits) {
        if (e.equals("nan:canonical")) {
            return (bits & 0x7FFFFFFF) == 0x7FC00000 ? null : "expected canonical NaN, got 0x" + Integer.toHexString(bits);
        }
        if (e.equals("nan:arithmetic")) {
            return (bits & 0x7FC00000) == 0x7FC00000 ? null : "expected arithmetic NaN, got 0x" + Integer.toHexString(bits);
        }
        int eb = Integer.parseUnsignedInt(e);
        return eb == bits ? null : "expected f32 0x" + Integer.toHexString(eb) + " (" + Float.intBitsToFloat(eb)
                + "), got 0x" + Integer.toHexString(bits) + " (" + Float.intBitsToFloat(bits) + ")";
    }

    private static String f64Mismatch(String e, long bits) {
        if (e.equals("nan:canonical")) {
            return (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L ? null : "expected canonical NaN, got 0x" + Long.toHexString(bits);
        }
        if (e.equals("nan:arithmetic")) {
            return (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L ? null : "expected arithmetic NaN, got 0x" + Long.toHexString(bits);
        }
        long eb = Long.parseUnsignedLong(e);
        return eb == bits ? null : "expected f64 0x" + Long.toHexString(eb) + " (" + Double.longBitsToDouble(eb)
                + "), got 0x" + Long.toHexString(bits) + " (" + Double.longBitsToDouble(bits) + ")";
    }

    private static String v128Mismatch(String laneType, JsonArray lanes, V128 actual) {
        byte[] bytes = actual.toBytes();
        int bits = switch (laneType) {
            case "i8" -> 8;
            case "i16" -> 16;
            case "i32", "f32" -> 32;
            default -> 64;
        };
        int width = bits / 8;
        for (int i = 0; i < lanes.size(); i++) {
            long lane = 0;
            for (int b = width - 1; b >= 0; b--) lane = (lane << 8) | (bytes[i * width + b] & 0xFF);
            String e = lanes.get(i).getAsString();
            String why;
            if (laneType.equals("f32")) why = f32Mismatch(e, (int) lane);
            else if (laneType.equals("f64")) why = f64Mismatch(e, lane);
            else {
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                why = (Long.parseUnsignedLong(e) & mask) == (lane & mask) ? null : "expected " + e + ", got " + Long.toUnsignedString(lane);
            }
            if (why != null) return "lane " + i + " (" + laneType + "): " + why + "; whole value " + actual;
        }
        return null;
    }

    static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }
}
