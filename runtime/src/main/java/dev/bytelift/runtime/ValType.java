package dev.bytelift.runtime;

/**
 * A WebAssembly value type, with the JVM representation generated code uses for it.
 *
 * <p>{@code v128} is carried as two {@code long}s (low half first, lanes little-endian); the
 * reference types are carried as {@code Object} ({@code null} is the null reference).
 */
public enum ValType {
    I32(0x7F, "i32", "I", 1),
    I64(0x7E, "i64", "J", 2),
    F32(0x7D, "f32", "F", 1),
    F64(0x7C, "f64", "D", 2),
    V128(0x7B, "v128", "JJ", 4),
    FUNCREF(0x70, "funcref", "Ljava/lang/Object;", 1),
    EXTERNREF(0x6F, "externref", "Ljava/lang/Object;", 1),
    /** An exception reference (exception handling, WebAssembly 3.0): a {@link ThrownException} or null. */
    EXNREF(0x69, "exnref", "Ljava/lang/Object;", 1);

    private final int code;
    private final String wasmName;
    private final String descriptor;
    private final int slots;

    ValType(int code, String wasmName, String descriptor, int slots) {
        this.code = code;
        this.wasmName = wasmName;
        this.descriptor = descriptor;
        this.slots = slots;
    }

    /** The byte that encodes this type in the binary format. */
    public int code() {
        return code;
    }

    /** The JVM descriptor of this type's representation ({@code "JJ"} for v128). */
    public String descriptor() {
        return descriptor;
    }

    /** How many JVM local-variable slots a value of this type occupies. */
    public int slots() {
        return slots;
    }

    /** Whether this is {@code funcref}, {@code externref} or {@code exnref}. */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF || this == EXNREF;
    }

    /** The type encoded by {@code code}, or {@code null} if none is. */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            case 0x69: return EXNREF;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return wasmName;
    }

    /** Whether the boxed {@code v} is a value of type {@code t} as the embedding API passes it. */
    static boolean holds(ValType t, Object v) {
        switch (t) {
            case I32: return v instanceof Integer;
            case I64: return v instanceof Long;
            case F32: return v instanceof Float;
            case F64: return v instanceof Double;
            case V128: return v instanceof V128;
            case FUNCREF: return v == null || v instanceof Func;
            case EXNREF: return v == null || v instanceof ThrownException;
            default: return true;
        }
    }

    /** What the embedding API takes for a value of type {@code t}, for messages. */
    static String javaName(ValType t) {
        switch (t) {
            case I32: return "an Integer";
            case I64: return "a Long";
            case F32: return "a Float";
            case F64: return "a Double";
            case V128: return "a V128";
            case FUNCREF: return "a Func or null";
            case EXNREF: return "a ThrownException or null";
            default: return "any object or null";
        }
    }
}
