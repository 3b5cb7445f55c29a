package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Global;

/**
 * ABI: the value of a global that generated code reads and writes through {@link GlobalAccess}
 * (Wasmtime's {@code VMGlobalDefinition}). Numbers are raw bits in {@link #value} (i32 and f32 in
 * the low 32 bits), a {@code v128} in {@link #value} (low half) and {@link #valueHi}, references
 * in {@link #ref}. One per {@link Global}, shared by every instance that defines or imports it;
 * the public API type keeps it private and checks what the embedder stores.
 */
public final class VMGlobal {
    /** Raw bits of a number, or the low half of a v128. */
    public long value;
    /** The high half of a v128. */
    public long valueHi;
    /** A reference value. */
    public Object ref;
    /** The global this is the value of. */
    public final Global api;

    public VMGlobal(Global api) {
        this.api = api;
    }
}
