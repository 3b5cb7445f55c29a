package dev.bytelift.runtime;

/**
 * The heap type of a reference type: what a reference points to. An abstract heap type
 * ({@link #FUNC}, {@link #EXTERN}, {@link #EXN} and their bottoms {@link #NOFUNC}, {@link #NOEXTERN},
 * {@link #NOEXN}) or a
 * concrete one, a function type ({@link #of(FuncType)}: typed function references). Immutable;
 * abstract heap types are interned, concrete ones compare structurally (their function types).
 */
public final class HeapType {
    /** {@code func}: any function. */
    public static final HeapType FUNC = new HeapType("func", 0x70, ValType.Kind.FUNCREF, null);
    /** {@code extern}: any host reference. */
    public static final HeapType EXTERN = new HeapType("extern", 0x6F, ValType.Kind.EXTERNREF, null);
    /** {@code exn}: any exception (exception handling). */
    public static final HeapType EXN = new HeapType("exn", 0x69, ValType.Kind.EXNREF, null);
    /** {@code noexn}: the bottom of the exception hierarchy. */
    public static final HeapType NOEXN = new HeapType("noexn", 0x74, ValType.Kind.EXNREF, null);
    /** {@code nofunc}: the bottom of the function hierarchy (no function has it; only null references). */
    public static final HeapType NOFUNC = new HeapType("nofunc", 0x73, ValType.Kind.FUNCREF, null);
    /** {@code noextern}: the bottom of the extern hierarchy. */
    public static final HeapType NOEXTERN = new HeapType("noextern", 0x72, ValType.Kind.EXTERNREF, null);
    /**
     * The validator's bottom type of unreachable code (the spec's {@code bot}): a subtype of every
     * heap type. No value and no declaration has it.
     */
    public static final HeapType BOTTOM = new HeapType("bot", -1, ValType.Kind.FUNCREF, null);

    private final String name;
    private final int code;
    private final ValType.Kind kind;
    private final FuncType funcType;

    private HeapType(String name, int code, ValType.Kind kind, FuncType funcType) {
        this.name = name;
        this.code = code;
        this.kind = kind;
        this.funcType = funcType;
    }

    /** The concrete heap type of the functions of type {@code type}. */
    public static HeapType of(FuncType type) {
        return new HeapType(null, -1, ValType.Kind.FUNCREF, java.util.Objects.requireNonNull(type));
    }

    /** The function type of a concrete heap type, or null for an abstract one. */
    public FuncType funcType() {
        return funcType;
    }

    /** Whether this is a concrete heap type (a function type). */
    public boolean isConcrete() {
        return funcType != null;
    }

    /** The kind (top type's representation) of references to this heap type. */
    ValType.Kind kind() {
        return kind;
    }

    /** The binary code of an abstract heap type (-1 for a concrete one). */
    int code() {
        return code;
    }

    /** Whether every reference of heap type {@code this} is one of heap type {@code other}. */
    public boolean isSubtypeOf(HeapType other) {
        if (this == other || this == BOTTOM) return true;
        if (funcType != null) return other == FUNC || (other.funcType != null && funcType.equals(other.funcType));
        if (this == NOFUNC) return other == FUNC || other.funcType != null;
        if (this == NOEXTERN) return other == EXTERN;
        if (this == NOEXN) return other == EXN;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (funcType != null && o instanceof HeapType h && funcType.equals(h.funcType));
    }

    @Override
    public int hashCode() {
        return funcType != null ? funcType.hashCode() : name.hashCode();
    }

    /** {@code func}, {@code extern}..., or a concrete type as its function type. */
    @Override
    public String toString() {
        return funcType != null ? funcType.toString() : name;
    }
}
