package dev.bytelift.compiler.decode;

import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.ValType;

/**
 * Decodes value, reference and heap types (typed function references: {@code 0x63}/{@code 0x64}
 * prefixes and heap types, which may name a type index). The one place their encoding is known;
 * a concrete heap type is resolved by a {@link Resolver}, or not at all while skimming.
 */
public final class TypeReader {
    /** {@code (ref null ht)} and {@code (ref ht)}: the prefixes of a reference type with its heap type. */
    public static final int REF_NULL = 0x63, REF = 0x64;

    /** Resolves type index {@code index} (read at {@code at}) to a heap type; may report "unknown type". */
    @FunctionalInterface
    public interface Resolver {
        HeapType resolve(int index, int at);
    }

    private TypeReader() {}

    /** A value type; "malformed value type" if none starts here. */
    public static ValType valType(ByteReader in, Features features, Resolver types) {
        int at = in.pos();
        int code = in.u8();
        ValType t = code == REF_NULL || code == REF ? afterPrefix(code, in, features, types, at) : ValType.fromCode(code);
        if (t == null) throw in.malformed("malformed value type", at);
        if (features != null) features.requireValueType(t, at);
        return t;
    }

    /** A reference type (of a table, an element segment); "malformed reference type" if none starts here. */
    public static ValType refType(ByteReader in, Features features, Resolver types) {
        int at = in.pos();
        int code = in.u8();
        ValType t = code == REF_NULL || code == REF ? afterPrefix(code, in, features, types, at) : ValType.fromCode(code);
        if (t == null || !t.isReference()) throw in.malformed("malformed reference type", at);
        if (features != null) features.requireValueType(t, at);
        return t;
    }

    /**
     * The reference type after its prefix {@code code} ({@link #REF_NULL} or {@link #REF}), which was
     * read at {@code at} (a block type reads the prefix as part of its s33).
     */
    public static ValType afterPrefix(int code, ByteReader in, Features features, Resolver types, int at) {
        if (features != null) features.require(Feature.FUNCTION_REFERENCES, at);
        return ValType.ref(code == REF_NULL, heapType(in, features, types));
    }

    /** A heap type: an abstract one's code, or a type index (s33). */
    public static HeapType heapType(ByteReader in, Features features, Resolver types) {
        int at = in.pos();
        long v = in.s33();
        if (v >= 0) {
            if (types == null) return HeapType.FUNC; // skimming: nothing is resolved
            return types.resolve((int) Math.min(v, Integer.MAX_VALUE), at);
        }
        switch ((int) (v & 0x7F)) {
            case 0x70: return HeapType.FUNC;
            case 0x6F: return HeapType.EXTERN;
            case 0x73:
                if (features != null) features.require(Feature.FUNCTION_REFERENCES, at);
                return HeapType.NOFUNC;
            case 0x72:
                if (features != null) features.require(Feature.FUNCTION_REFERENCES, at);
                return HeapType.NOEXTERN;
            case 0x6E: case 0x6D: case 0x6C: case 0x6B: case 0x6A: case 0x71:
                // any, eq, i31, struct, array, none
                throw new dev.bytelift.runtime.DisabledFeatureException(Feature.GC, at);
            case 0x69:
                if (features != null) features.require(Feature.EXCEPTIONS, at);
                return HeapType.EXN;
            case 0x74:
                if (features != null) {
                    features.require(Feature.EXCEPTIONS, at);
                    features.require(Feature.FUNCTION_REFERENCES, at);
                }
                return HeapType.NOEXN;
            default:
                throw in.malformed("malformed reference type", at);
        }
    }
}
