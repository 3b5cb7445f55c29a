package dev.bytelift.runtime;

/**
 * A WebAssembly value type, with the JVM representation generated code uses for it.
 *
 * <p>A value type is a number type, {@code v128}, or a reference type {@code (ref null? ht)} of a
 * {@link HeapType} (typed function references). Its {@link #kind()} decides the representation:
 * {@code v128} is carried as two {@code long}s (low half first, lanes little-endian); every
 * reference is carried as an {@code Object} ({@code null} is the null reference), a function
 * reference as a {@link Func}. The number types, {@code v128} and the reference types of abstract
 * heap types are interned (the constants below and {@link #ref}), so they may be compared with
 * {@code ==}; a reference type of a concrete heap type compares structurally ({@link #equals}).
 * Whether one type may stand for another is {@link #isSubtypeOf}.
 */
public final class ValType {
    /**
     * The representation of a value type, and for references the hierarchy it belongs to (the
     * top type's name): every {@code (ref null? $t)} and {@code (ref nofunc)} is of kind
     * {@code FUNCREF}.
     */
    public enum Kind {
        /** {@code i32}, an {@code int}. */
        I32("I", 1),
        /** {@code i64}, a {@code long}. */
        I64("J", 2),
        /** {@code f32}, a {@code float}. */
        F32("F", 1),
        /** {@code f64}, a {@code double}. */
        F64("D", 2),
        /** {@code v128}, two {@code long}s. */
        V128("JJ", 4),
        /** Function references, a {@link Func} or {@code null}. */
        FUNCREF("Ljava/lang/Object;", 1),
        /** External references, any object or {@code null}. */
        EXTERNREF("Ljava/lang/Object;", 1),
        /** Exception references (exception handling), a {@link ThrownException} or {@code null}. */
        EXNREF("Ljava/lang/Object;", 1);

        private final String descriptor;
        private final int slots;

        Kind(String descriptor, int slots) {
            this.descriptor = descriptor;
            this.slots = slots;
        }

        /** The JVM descriptor of this kind's representation. */
        public String descriptor() {
            return descriptor;
        }

        /** How many JVM local-variable slots a value of this kind occupies. */
        public int slots() {
            return slots;
        }
    }

    /** {@code i32}. */
    public static final ValType I32 = new ValType(Kind.I32, 0x7F, "i32", false, null);
    /** {@code i64}. */
    public static final ValType I64 = new ValType(Kind.I64, 0x7E, "i64", false, null);
    /** {@code f32}. */
    public static final ValType F32 = new ValType(Kind.F32, 0x7D, "f32", false, null);
    /** {@code f64}. */
    public static final ValType F64 = new ValType(Kind.F64, 0x7C, "f64", false, null);
    /** {@code v128}. */
    public static final ValType V128 = new ValType(Kind.V128, 0x7B, "v128", false, null);
    /** {@code funcref}, that is {@code (ref null func)}. */
    public static final ValType FUNCREF = new ValType(Kind.FUNCREF, 0x70, "funcref", true, HeapType.FUNC);
    /** {@code externref}, that is {@code (ref null extern)}. */
    public static final ValType EXTERNREF = new ValType(Kind.EXTERNREF, 0x6F, "externref", true, HeapType.EXTERN);
    /** {@code exnref}, that is {@code (ref null exn)} (exception handling): a {@link ThrownException} or null. */
    public static final ValType EXNREF = new ValType(Kind.EXNREF, 0x69, "exnref", true, HeapType.EXN);
    /** {@code nullexnref}, that is {@code (ref null noexn)}: only null. */
    public static final ValType NULLEXNREF = new ValType(Kind.EXNREF, 0x74, "nullexnref", true, HeapType.NOEXN);
    /** {@code nullfuncref}, that is {@code (ref null nofunc)}: only null. */
    public static final ValType NULLFUNCREF = new ValType(Kind.FUNCREF, 0x73, "nullfuncref", true, HeapType.NOFUNC);
    /** {@code nullexternref}, that is {@code (ref null noextern)}: only null. */
    public static final ValType NULLEXTERNREF = new ValType(Kind.EXTERNREF, 0x72, "nullexternref", true, HeapType.NOEXTERN);

    private static final ValType REF_FUNC = new ValType(Kind.FUNCREF, 0x64, "(ref func)", false, HeapType.FUNC);
    private static final ValType REF_EXTERN = new ValType(Kind.EXTERNREF, 0x64, "(ref extern)", false, HeapType.EXTERN);
    private static final ValType REF_NOFUNC = new ValType(Kind.FUNCREF, 0x64, "(ref nofunc)", false, HeapType.NOFUNC);
    private static final ValType REF_NOEXTERN = new ValType(Kind.EXTERNREF, 0x64, "(ref noextern)", false, HeapType.NOEXTERN);
    private static final ValType REF_EXN = new ValType(Kind.EXNREF, 0x64, "(ref exn)", false, HeapType.EXN);
    private static final ValType REF_NOEXN = new ValType(Kind.EXNREF, 0x64, "(ref noexn)", false, HeapType.NOEXN);
    private static final ValType REF_BOTTOM = new ValType(Kind.FUNCREF, 0x64, "(ref bot)", false, HeapType.BOTTOM);

    private final Kind kind;
    private final int code;
    private final String name;
    private final boolean nullable;
    private final HeapType heap;

    private ValType(Kind kind, int code, String name, boolean nullable, HeapType heap) {
        this.kind = kind;
        this.code = code;
        this.name = name;
        this.nullable = nullable;
        this.heap = heap;
    }

    /**
     * The reference type {@code (ref null? heap)}: the interned constant for an abstract heap type
     * ({@code ref(true, HeapType.FUNC) == FUNCREF}).
     */
    public static ValType ref(boolean nullable, HeapType heap) {
        if (heap == HeapType.FUNC) return nullable ? FUNCREF : REF_FUNC;
        if (heap == HeapType.EXTERN) return nullable ? EXTERNREF : REF_EXTERN;
        if (heap == HeapType.NOFUNC) return nullable ? NULLFUNCREF : REF_NOFUNC;
        if (heap == HeapType.NOEXTERN) return nullable ? NULLEXTERNREF : REF_NOEXTERN;
        if (heap == HeapType.EXN) return nullable ? EXNREF : REF_EXN;
        if (heap == HeapType.NOEXN) return nullable ? NULLEXNREF : REF_NOEXN;
        if (heap == HeapType.BOTTOM) return REF_BOTTOM;
        return new ValType(heap.kind(), nullable ? 0x63 : 0x64, null, nullable, heap);
    }

    /** The representation of this type, and for a reference the hierarchy it is in. */
    public Kind kind() {
        return kind;
    }

    /**
     * The byte that encodes this type in the binary format: the type's own for number types,
     * {@code v128} and the shorthand reference types; {@code 0x63}/{@code 0x64}
     * ({@code ref null}/{@code ref}, followed by the heap type) for the others.
     */
    public int code() {
        return code;
    }

    /** The JVM descriptor of this type's representation ({@code "JJ"} for v128). */
    public String descriptor() {
        return kind.descriptor;
    }

    /** How many JVM local-variable slots a value of this type occupies. */
    public int slots() {
        return kind.slots;
    }

    /** Whether this is a reference type. */
    public boolean isReference() {
        return heap != null;
    }

    /** Whether this is a reference type that admits {@code null}. */
    public boolean isNullable() {
        return nullable;
    }

    /** The heap type of a reference type, or null for a number type or {@code v128}. */
    public HeapType heapType() {
        return heap;
    }

    /** Whether a local of this type has a default value (every type but the non-nullable references). */
    public boolean isDefaultable() {
        return heap == null || nullable;
    }

    /** This reference type without null ({@code (ref ht)}), or this type if it is not a reference. */
    public ValType asNonNullable() {
        return heap == null || !nullable ? this : ref(false, heap);
    }

    /**
     * Whether a value of this type may be used where {@code other} is expected: equal types, or
     * reference types with {@code (ref ht1) <: (ref null ht1)} and {@code ht1 <: ht2}
     * ({@link HeapType#isSubtypeOf}).
     */
    public boolean isSubtypeOf(ValType other) {
        if (this == other) return true;
        if (heap == null || other.heap == null) return false;
        return (!nullable || other.nullable) && heap.isSubtypeOf(other.heap);
    }

    /**
     * The type encoded by the single byte {@code code} (a number type, {@code v128} or a shorthand
     * reference type), or {@code null} if none is.
     */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            case 0x73: return NULLFUNCREF;
            case 0x72: return NULLEXTERNREF;
            case 0x69: return EXNREF;
            case 0x74: return NULLEXNREF;
            default: return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        return o instanceof ValType t && heap != null && heap.isConcrete() && nullable == t.nullable && heap.equals(t.heap);
    }

    @Override
    public int hashCode() {
        return heap != null && heap.isConcrete() ? 31 * heap.hashCode() + (nullable ? 1 : 0) : System.identityHashCode(this);
    }

    /** The text format's name: {@code i32}, {@code funcref}, {@code (ref func)}, {@code (ref null (func ...))}. */
    @Override
    public String toString() {
        return name != null ? name : "(ref " + (nullable ? "null " : "") + heap + ")";
    }

    /** Whether the boxed {@code v} is a value of type {@code t} as the embedding API passes it. */
    static boolean holds(ValType t, Object v) {
        switch (t.kind) {
            case I32: return v instanceof Integer;
            case I64: return v instanceof Long;
            case F32: return v instanceof Float;
            case F64: return v instanceof Double;
            case V128: return v instanceof V128;
            case FUNCREF:
                if (v == null) return t.nullable;
                return v instanceof Func f && f.type() != null && HeapType.of(f.type()).isSubtypeOf(t.heap);
            case EXNREF:
                return v == null ? t.nullable : v instanceof ThrownException && t.heap != HeapType.NOEXN;
            default:
                return v != null ? t.heap != HeapType.NOEXTERN : t.nullable;
        }
    }

    /** What the embedding API takes for a value of type {@code t}, for messages. */
    static String javaName(ValType t) {
        switch (t.kind) {
            case I32: return "an Integer";
            case I64: return "a Long";
            case F32: return "a Float";
            case F64: return "a Double";
            case V128: return "a V128";
            case FUNCREF: return t.heap.isConcrete() ? "a Func of type " + t.heap + (t.nullable ? " or null" : "")
                    : t.nullable ? "a Func or null" : "a Func";
            case EXNREF: return t.nullable ? "a ThrownException or null" : "a ThrownException";
            default: return t.nullable ? "any object or null" : "any object but null";
        }
    }
}
