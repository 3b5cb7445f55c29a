package dev.bytelift.runtime;

/** A memory type: limits in 64 KiB pages. */
public record MemoryType(Limits limits) implements ExternType {
    /** Bytes per WebAssembly page. */
    public static final int PAGE_SIZE = 65536;

    @Override
    public String kind() {
        return "memory";
    }
}
