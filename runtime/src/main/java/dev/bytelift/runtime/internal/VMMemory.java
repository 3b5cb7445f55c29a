package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Memory;

/**
 * ABI: the state of a linear memory that generated code reads (Wasmtime's
 * {@code VMMemoryDefinition}): an array and the memory's size in bytes. One per {@link Memory},
 * shared by every instance that defines or imports it; {@link VMContext#memory} points here, and
 * generated code caches both fields in locals (reloaded after whatever may grow the memory). The
 * public API type keeps it private: an embedder cannot replace the array behind the store's
 * allocation accounting.
 *
 * <p>The array may be longer than the memory (capacity it grows into without copying, see
 * {@link Memory#grow}); every access is checked against {@link #size}, so the bytes past it are
 * never written and stay zero, as the pages a grow adds must be.
 */
public final class VMMemory {
    /** The contents, {@link #size} bytes and then zeros; replaced by a longer array when a grow needs one. */
    public byte[] bytes;
    /**
     * The memory's size in bytes (a whole number of pages): at most {@code bytes.length}.
     * Volatile, and written after {@link #bytes} by a grow, so that a thread reading the size
     * first and then the array always finds an array at least that long, even if another thread
     * grows the memory meanwhile (which a store's one-thread-at-a-time rule forbids, but
     * {@code Unsafe} accesses must stay inside the array whatever a host does); generated code
     * reads them in that order ({@code MemoryCaches.arrayAndSize}).
     */
    public volatile int size;
    /** The memory this is the state of. */
    public final Memory api;

    /** A memory of exactly {@code bytes.length} bytes. */
    public VMMemory(Memory api, byte[] bytes) {
        this.api = api;
        this.bytes = bytes;
        this.size = bytes.length;
    }
}
