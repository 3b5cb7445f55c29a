package dev.bytelift.chicory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** wast2json's values in Chicory's {@code long[]} encoding, and the comparison of results with the expected ones. */
final class SpecValues {
    private SpecValues() {}

    static long[] args(JsonArray args) {
        long[] out = new long[slots(args)];
        int k = 0;
        for (JsonElement e : args) {
            JsonObject v = e.getAsJsonObject();
            String t = v.get("type").getAsString();
            if (t.equals("v128")) {
                long[] lanes = v128(v);
                out[k++] = lanes[0];
                out[k++] = lanes[1];
            } else {
                out[k++] = scalar(t, v.get("value").getAsString());
            }
        }
        return out;
    }

    private static int slots(JsonArray values) {
        int n = 0;
        for (JsonElement e : values) n += e.getAsJsonObject().get("type").getAsString().equals("v128") ? 2 : 1;
        return n;
    }

    private static long scalar(String type, String value) {
        return switch (type) {
            case "i32", "f32" -> (int) Long.parseUnsignedLong(value);
            case "i64", "f64" -> Long.parseUnsignedLong(value);
            case "funcref", "externref" -> value.equals("null") ? com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE : Long.parseLong(value);
            default -> throw new IllegalArgumentException("value type " + type);
        };
    }

    /** A v128 constant as two longs (little-endian lanes). */
    private static long[] v128(JsonObject v) {
        String lane = v.get("lane_type").getAsString();
        JsonArray lanes = v.getAsJsonArray("value");
        int bits = laneBits(lane);
        long lo = 0, hi = 0;
        for (int i = 0; i < lanes.size(); i++) {
            long x = Long.parseUnsignedLong(lanes.get(i).getAsString());
            if (bits < 64) x &= (1L << bits) - 1;
            int at = i * bits;
            if (at < 64) lo |= x << at;
            else hi |= x << (at - 64);
        }
        return new long[] {lo, hi};
    }

    private static int laneBits(String lane) {
        return switch (lane) {
            case "i8" -> 8;
            case "i16" -> 16;
            case "i32", "f32" -> 32;
            default -> 64;
        };
    }

    /** Null if {@code actual} holds the expected values, else what differs. */
    static String compare(JsonArray expected, long[] actual) {
        int n = slots(expected);
        if (n == 0) return actual == null || actual.length == 0 ? null : "expected no results";
        if (actual == null || actual.length < n) return "expected " + n + " result slots, got " + (actual == null ? "none" : actual.length);
        int k = 0;
        for (JsonElement e : expected) {
            JsonObject v = e.getAsJsonObject();
            String t = v.get("type").getAsString();
            if (t.equals("v128")) {
                String err = compareV128(v, actual[k], actual[k + 1]);
                k += 2;
                if (err != null) return err;
                continue;
            }
            long a = actual[k++];
            String err = compareScalar(t, v.has("value") ? v.get("value").getAsString() : null, a);
            if (err != null) return err;
        }
        return null;
    }

    private static String compareScalar(String t, String value, long a) {
        switch (t) {
            case "i32" -> { if ((int) a == (int) Long.parseUnsignedLong(value)) return null; }
            case "i64" -> { if (a == Long.parseUnsignedLong(value)) return null; }
            case "f32" -> { if (floatMatches(value, (int) a)) return null; }
            case "f64" -> { if (doubleMatches(value, a)) return null; }
            case "funcref", "externref" -> {
                if (value == null) { if (a != com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE) return null; }
                else if (a == scalar(t, value)) return null;
            }
            default -> { return "result type " + t; }
        }
        return t + " expected " + value + ", got " + a;
    }

    private static boolean floatMatches(String expected, int bits) {
        if (expected.equals("nan:canonical")) return (bits & 0x7fffffff) == 0x7fc00000;
        if (expected.equals("nan:arithmetic")) return (bits & 0x7fc00000) == 0x7fc00000;
        return bits == (int) Long.parseUnsignedLong(expected);
    }

    private static boolean doubleMatches(String expected, long bits) {
        if (expected.equals("nan:canonical")) return (bits & 0x7fffffffffffffffL) == 0x7ff8000000000000L;
        if (expected.equals("nan:arithmetic")) return (bits & 0x7ff8000000000000L) == 0x7ff8000000000000L;
        return bits == Long.parseUnsignedLong(expected);
    }

    private static String compareV128(JsonObject v, long lo, long hi) {
        String lane = v.get("lane_type").getAsString();
        JsonArray lanes = v.getAsJsonArray("value");
        int bits = laneBits(lane);
        for (int i = 0; i < lanes.size(); i++) {
            int at = i * bits;
            long word = at < 64 ? lo : hi;
            long x = bits == 64 ? word : (word >>> (at % 64)) & ((1L << bits) - 1);
            String e = lanes.get(i).getAsString();
            boolean ok = switch (lane) {
                case "f32" -> floatMatches(e, (int) x);
                case "f64" -> doubleMatches(e, x);
                default -> x == (bits == 64 ? Long.parseUnsignedLong(e) : Long.parseUnsignedLong(e) & ((1L << bits) - 1));
            };
            if (!ok) return "v128 lane " + i + " (" + lane + ") expected " + e + ", got " + Long.toUnsignedString(x);
        }
        return null;
    }
}
