package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.VMContext;

/** What a host function sees of the WebAssembly instance that called it. */
public final class Caller {
    private final VMContext context;
    private final Store store;

    /** Created by the runtime (one per instance, and one for calls from the host). */
    Caller(VMContext context, Store store) {
        this.context = context;
        this.store = store;
    }

    /** The calling instance, or {@code null} when the host called the function directly. */
    public Instance instance() {
        return context == null ? null : context.instance;
    }

    /** The store the call runs in. */
    public Store store() {
        return store;
    }

    /** The calling instance's memory (its memory 0, exported or not), or {@code null}. */
    public Memory memory() {
        return context == null || context.memory == null ? null : context.memory.api;
    }

    /** The calling instance's export named {@code name}, or {@code null}. */
    public Extern getExport(String name) {
        Instance i = instance();
        return i == null ? null : i.getExport(name);
    }
}
