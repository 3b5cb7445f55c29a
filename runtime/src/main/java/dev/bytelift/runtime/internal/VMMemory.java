package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Memory;

/**
 * ABI: the state of a linear memory that generated code reads (Wasmtime's
 * {@code VMMemoryDefinition}). One per {@link Memory}, shared by every instance that defines or
 * imports it; {@link VMContext#memory} points here, so code reads {@code ctx.memory.bytes} with
 * two field loads, as when the array was a field of {@code Memory}. The public API type keeps
 * it private: an embedder cannot replace the array behind the store's allocation accounting.
 */
public final class VMMemory {
    /** The current contents; replaced (never resized in place) by {@link Memory#grow}. */
    public byte[] bytes;
    /** The memory this is the state of. */
    public final Memory api;

    public VMMemory(Memory api, byte[] bytes) {
        this.api = api;
        this.bytes = bytes;
    }
}
