package dev.bytelift.chicory;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.Value;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;

/**
 * Chicory's {@code long[]} encoding of values and Bytelift's boxed one: an {@code i32} is a
 * sign-extended long, floats are their raw bits, a {@code v128} is two longs (low, high), a
 * function reference is a function index of the instance, an {@code externref} a long; a null
 * reference is {@link Value#REF_NULL_VALUE}.
 */
final class Values {
    private Values() {}

    /** Chicory's values of {@code types} (params or results of {@code type}) from Bytelift's boxed ones. */
    static long[] toLongs(Object[] values, FuncType type, boolean params, ByteliftMachine machine) {
        int n = params ? type.paramCount() : type.resultCount();
        int slots = 0;
        for (int i = 0; i < n; i++) slots += kind(type, params, i) == ValType.Kind.V128 ? 2 : 1;
        long[] out = new long[slots];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            switch (kind(type, params, i)) {
                case I32 -> out[k++] = (Integer) v;
                case I64 -> out[k++] = (Long) v;
                case F32 -> out[k++] = Float.floatToRawIntBits((Float) v);
                case F64 -> out[k++] = Double.doubleToRawLongBits((Double) v);
                case V128 -> {
                    V128 x = (V128) v;
                    out[k++] = x.lo();
                    out[k++] = x.hi();
                }
                case FUNCREF -> out[k++] = v == null ? Value.REF_NULL_VALUE : machine.indexOf((Func) v);
                case EXTERNREF -> out[k++] = externToLong(v);
                default -> throw new ChicoryException("Bytelift's Chicory machine does not pass " + kind(type, params, i) + " values yet");
            }
        }
        return out;
    }

    /** Bytelift's boxed values of {@code type}'s params or results from Chicory's {@code long[]}. */
    static Object[] toObjects(long[] values, FuncType type, boolean params, ByteliftMachine machine) {
        int n = params ? type.paramCount() : type.resultCount();
        Object[] out = new Object[n];
        if (n == 0) return out;
        if (values == null) throw new ChicoryException("expected " + n + " values, got none");
        int k = 0;
        for (int i = 0; i < n; i++) {
            ValType.Kind kind = kind(type, params, i);
            if (k + (kind == ValType.Kind.V128 ? 2 : 1) > values.length) {
                throw new ChicoryException("expected " + n + " values, got " + values.length + " slots");
            }
            long v = values[k++];
            out[i] = switch (kind) {
                case I32 -> (int) v;
                case I64 -> v;
                case F32 -> Float.intBitsToFloat((int) v);
                case F64 -> Double.longBitsToDouble(v);
                case V128 -> new V128(v, values[k++]);
                case FUNCREF -> v == Value.REF_NULL_VALUE ? null : machine.function(v);
                case EXTERNREF -> v == Value.REF_NULL_VALUE ? null : (Object) Long.valueOf(v);
                default -> throw new ChicoryException("Bytelift's Chicory machine does not pass " + kind + " values yet");
            };
        }
        return out;
    }

    private static ValType.Kind kind(FuncType type, boolean params, int i) {
        return (params ? type.param(i) : type.result(i)).kind();
    }

    private static long externToLong(Object v) {
        if (v == null) return Value.REF_NULL_VALUE;
        if (v instanceof Long l) return l;
        if (v instanceof Integer i) return i;
        throw new ChicoryException("an externref Chicory cannot hold: " + v.getClass().getName());
    }
}
