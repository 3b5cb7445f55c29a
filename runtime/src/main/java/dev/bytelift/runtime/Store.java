package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.Scratch;

/**
 * Owns instances and their state and the {@link VMRuntimeLimits} their code runs under. Like a
 * Wasmtime store, a store is used by one thread at a time.
 */
public final class Store {
    private final Engine engine;
    private final VMRuntimeLimits limits;
    private final Scratch scratch = new Scratch();

    public Store(Engine engine) {
        this.engine = engine;
        this.limits = new VMRuntimeLimits(engine.config().maxWasmStack());
    }

    public Engine engine() {
        return engine;
    }

    /** The limits object generated code reads; embedders should not write it directly. */
    public VMRuntimeLimits limits() {
        return limits;
    }

    /** Internal: the scratch space generated code passes extra results through. */
    public Scratch scratch() {
        return scratch;
    }
}
