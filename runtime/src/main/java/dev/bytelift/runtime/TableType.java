package dev.bytelift.runtime;

/**
 * A table type: element reference type, limits in elements and the address type of its indices,
 * {@link ValType#I32} or {@link ValType#I64} (table64).
 *
 * @param elementType the element reference type
 * @param limits the size limits in elements
 * @param addressType {@link ValType#I32} or {@link ValType#I64}
 */
public record TableType(ValType elementType, Limits limits, ValType addressType) implements ExternType {
    /** Checks the address type. */
    public TableType {
        if (addressType != ValType.I32 && addressType != ValType.I64) {
            throw new IllegalArgumentException("a table's address type is i32 or i64, not " + addressType);
        }
    }

    /** A table type with 32-bit indices. */
    public TableType(ValType elementType, Limits limits) {
        this(elementType, limits, ValType.I32);
    }

    /** Whether indices are 64-bit (table64). */
    public boolean is64() {
        return addressType == ValType.I64;
    }
    @Override
    public String kind() {
        return "table";
    }
}
