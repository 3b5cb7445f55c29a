package dev.bytelift.cli;

import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;

/** Parses command-line arguments by WebAssembly type and prints results. */
final class ValueFormat {
    private ValueFormat() {}

    /** Parses {@code s} as a value of type {@code t}; throws IllegalArgumentException with a clear message. */
    static Object parse(ValType t, String s) {
        try {
            switch (t.kind()) {
                case I32: {
                    long v = Long.decode(s);
                    if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) throw new NumberFormatException();
                    return (int) v;
                }
                case I64:
                    if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
                    if (!s.startsWith("-") && s.length() >= 19) return Long.parseUnsignedLong(s);
                    return Long.parseLong(s);
                case F32: return Float.parseFloat(floatText(s));
                case F64: return Double.parseDouble(floatText(s));
                case V128: return parseV128(s);
                case FUNCREF:
                    if (s.equals("null")) return null;
                    throw new NumberFormatException();
                default:
                    return s.equals("null") ? null : s;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid " + t + hint(t));
        }
    }

    private static String hint(ValType t) {
        switch (t.kind()) {
            case V128: return " (write 0x followed by 32 hex digits, most significant byte first)";
            case FUNCREF: return " (only null can be given)";
            default: return "";
        }
    }

    private static String floatText(String s) {
        switch (s) {
            case "nan": case "+nan": return "NaN";
            case "-nan": return "-NaN";
            case "inf": case "+inf": return "Infinity";
            case "-inf": return "-Infinity";
            default: return s;
        }
    }

    private static V128 parseV128(String s) {
        if (!(s.startsWith("0x") || s.startsWith("0X"))) throw new NumberFormatException();
        String hex = s.substring(2).replace("_", "");
        if (hex.isEmpty() || hex.length() > 32) throw new NumberFormatException();
        hex = "0".repeat(32 - hex.length()) + hex;
        return new V128(Long.parseUnsignedLong(hex.substring(16), 16), Long.parseUnsignedLong(hex.substring(0, 16), 16));
    }

    /** Formats a result: integers in decimal, floats in Java's form, v128 as 0x + 32 hex digits. */
    static String format(ValType t, Object v) {
        switch (t.kind()) {
            case I32: case I64: case F32: case F64: return String.valueOf(v);
            case V128: {
                V128 x = (V128) v;
                return String.format("0x%016x%016x", x.hi(), x.lo());
            }
            case FUNCREF:
                if (v == null) return "null";
                return "funcref(" + ((Func) v).type() + ")";
            default:
                return v == null ? "null" : "externref(" + v + ")";
        }
    }
}
