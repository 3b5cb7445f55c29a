package dev.bytelift.compiler.decode;

import java.util.function.ObjIntConsumer;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.ValType;

/**
 * The limits of memories and tables as WebAssembly 3.0 encodes them (memory64 and table64): a flags
 * byte (bit 0 a maximum follows, bit 2 64-bit addresses) and {@code u64} sizes, bounded by
 * validation for each address type.
 */
final class Limits64 {
    private Limits64() {}

    /** 2^16 pages: 4 GiB, all a 32-bit address reaches. */
    private static final long MAX_PAGES_32 = 1L << 16;
    /** 2^48 pages: 2^64 bytes. */
    private static final long MAX_PAGES_64 = 1L << 48;

    /** Limits with the address type their flags give. */
    record Typed(Limits limits, ValType addressType) {}

    /**
     * Reads limits at {@code in}'s position, a memory's or a table's; reports invalid sizes to
     * {@code invalid} (message, offset).
     */
    static Typed read(ByteReader in, boolean memory, ObjIntConsumer<String> invalid) {
        int at = in.pos();
        int flags = in.u8();
        // 0x02 and 0x03 are shared memories (threads, not supported)
        if (flags != 0 && flags != 1 && flags != 4 && flags != 5) throw in.malformed("malformed limits flags", at);
        boolean is64 = (flags & 4) != 0;
        long min = in.u64();
        long max = (flags & 1) != 0 ? in.u64() : -1;
        boolean hasMax = (flags & 1) != 0;
        if (memory) {
            long limit = is64 ? MAX_PAGES_64 : MAX_PAGES_32;
            if (Long.compareUnsigned(min, limit) > 0 || hasMax && Long.compareUnsigned(max, limit) > 0) {
                invalid.accept(is64 ? "memory size must be at most 2^48 pages" : "memory size must be at most 65536 pages (4GiB)", at);
            }
        } else if (!is64) {
            if (Long.compareUnsigned(min, 0xFFFF_FFFFL) > 0 || hasMax && Long.compareUnsigned(max, 0xFFFF_FFFFL) > 0) {
                invalid.accept("table size must be at most 2^32-1", at);
            }
        }
        if (hasMax && Long.compareUnsigned(min, max) > 0) invalid.accept("size minimum must not be greater than maximum", at);
        // a table64 maximum of 2^64 - 1 reads as none (-1): the same bound in practice
        return new Typed(new Limits(min, max), is64 ? ValType.I64 : ValType.I32);
    }
}
