/**
 * WASI preview 1 for Bytelift: {@code dev.bytelift.wasi} defines the imports in a
 * {@link dev.bytelift.runtime.Linker}. It uses only the runtime's public API.
 */
module dev.bytelift.wasi {
    requires transitive dev.bytelift.runtime;
    requires java.management; // the CPU-time clocks

    exports dev.bytelift.wasi;
}
