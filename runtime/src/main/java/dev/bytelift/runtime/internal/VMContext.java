package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Store;

/**
 * The per-instance context passed as the last parameter of every generated function (Cranelift's
 * {@code vmctx}). ABI: generated code reads these fields directly.
 */
public final class VMContext {
    public final Store store;
    public final VMRuntimeLimits limits;
    public final Scratch scratch;
    /** The store's stack of split functions' locals (one per store, like the scratch). */
    public final FrameStack frames;
    /** The engine's epoch counter. */
    public final EpochCounter epoch;
    /** What host functions called from this instance see (one per instance: host calls allocate nothing). */
    public final Caller caller;

    /** Memory 0, or {@code null} if the module has none. */
    public VMMemory memory;
    /** Every memory of the index space (imports first); memory 0 is {@link #memory}. */
    public VMMemory[] memories;
    public VMTable[] tables;
    public VMGlobal[] globals;
    /** The instance's tags, imported ones first (exception handling): compared by identity. */
    public dev.bytelift.runtime.Tag[] tags;
    /** Every function of the index space (imports first) as a {@link Func}. */
    public Func[] funcs;
    /** Data segments for {@code memory.init}; an entry is {@code null} once dropped. */
    public byte[][] data;
    /** Element segments for {@code table.init}; an entry is {@code null} once dropped. */
    public Object[][] elems;
    /** Makes the invokers of this instance's functions (see {@link dev.bytelift.runtime.Func#invoker()}). */
    public Invokers invokers;
    /** The instance this context belongs to (set once instantiation succeeds). */
    public Instance instance;

    public VMContext(Store store) {
        this.store = store;
        RuntimeAccess access = RuntimeAccess.get();
        this.limits = access.limits(store);
        this.scratch = access.scratch(store);
        this.frames = access.frames(store);
        this.epoch = access.epochCounter(store.engine());
        this.caller = access.newCaller(this, store);
    }
}
