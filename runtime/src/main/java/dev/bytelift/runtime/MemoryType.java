package dev.bytelift.runtime;

/**
 * A memory type: limits in 64 KiB pages and the address type, {@link ValType#I32} or
 * {@link ValType#I64} (memory64: addresses, sizes and {@code memory.grow}'s operand are 64-bit).
 *
 * @param limits the size limits in pages
 * @param addressType {@link ValType#I32} or {@link ValType#I64}
 */
public record MemoryType(Limits limits, ValType addressType) implements ExternType {
    /** Bytes per WebAssembly page. */
    public static final int PAGE_SIZE = 65536;

    /** Checks the address type. */
    public MemoryType {
        if (addressType != ValType.I32 && addressType != ValType.I64) {
            throw new IllegalArgumentException("a memory's address type is i32 or i64, not " + addressType);
        }
    }

    /** A memory type with 32-bit addresses. */
    public MemoryType(Limits limits) {
        this(limits, ValType.I32);
    }

    /** Whether addresses are 64-bit (memory64). */
    public boolean is64() {
        return addressType == ValType.I64;
    }

    @Override
    public String kind() {
        return "memory";
    }
}
