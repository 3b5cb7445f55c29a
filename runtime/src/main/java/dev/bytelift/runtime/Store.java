package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.FrameStack;
import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.internal.Traps;
import dev.bytelift.runtime.internal.VMRuntimeLimits;

/**
 * Owns instances and their state and the limits their code runs under: fuel, epoch deadline,
 * stack limit, and the {@linkplain #setAllocationLimit allocation limit} of its
 * tables and memories.
 *
 * <p><b>Threads.</b> Like a Wasmtime store (which is {@code Send} but not {@code Sync}), a store
 * and everything in it (instances, functions, tables, memories, globals) may be used by one thread
 * at a time only: the state of running code, such as the extra results of multi-value calls, is
 * kept per store. A store may move from one thread to another between calls. Calling into
 * WebAssembly of a store from a second thread while a call of another thread runs in it throws
 * an {@link IllegalStateException} (checked by the entry trampolines, which record the thread
 * that entered; the check is a best effort that catches overlapping calls, not a lock, so use
 * one store per thread or synchronise). {@link Engine#incrementEpoch} may be called from any
 * thread. In an {@linkplain EngineConfig.Builder#interruptible interruptible} engine,
 * {@link Thread#interrupt()} stops a call running on the interrupted thread with an
 * {@link TrapCode#INTERRUPT} trap.
 *
 * <p><b>Stores.</b> Functions, tables, memories and globals belong to one store and may not be
 * used with another: {@link Linker#instantiate} rejects such imports with a {@link LinkException}.
 * A host function a {@link Linker} defines without a store becomes a function of each store that
 * imports it; its state per store is the store's {@linkplain #setData data}. Stores are cheap: a
 * service may make one per request, instantiating with an {@link InstancePre}.
 */
public final class Store {
    static {
        InternalAccess.install();
    }

    private final Engine engine;
    private final VMRuntimeLimits limits;
    private final Scratch scratch = new Scratch();
    private final FrameStack frames = new FrameStack();
    private OutOfFuelCallback outOfFuel;
    private EpochDeadlineCallback epochCallback;
    /**
     * The deadline in the engine's epochs ({@link #setEpochDeadline}). Compiled code checks
     * {@code limits.epochDeadline}, which is the same number unless the engine is interruptible:
     * then it counts the ticker's advances too (an interrupt seen, the start of a pause) and is
     * always the next one, so that the slow path runs at each and compares this deadline itself.
     */
    private long epochDeadline;
    private final boolean interruptible;
    /** Bytes of tables and memories that may still be allocated (see {@link #setAllocationLimit}). */
    private long allocationLimit = Runtime.getRuntime().maxMemory();
    private long allocated;
    private boolean trapOnGrowFailure;

    /** An empty store of {@code engine}. */
    public Store(Engine engine) {
        this.engine = engine;
        this.limits = new VMRuntimeLimits(engine.config().maxWasmStack());
        // a store with fuel on starts with none; epochs: the first check interrupts (deadline 0);
        // interruptible only: no deadline, the first check looks at the interrupt status
        this.limits.fuelConsumed = 0;
        this.limits.epochDeadline = 0;
        this.interruptible = engine.config().interruptible();
        this.limits.store = this;
        if (engine.config().checksEpochs()) this.limits.epoch = engine.epochCounter();
        if (interruptible) InterruptTicker.watch(limits);
        this.epochDeadline = engine.config().epochInterruption() ? 0 : Long.MAX_VALUE;
    }

    /** The engine this store's modules are compiled with. */
    public Engine engine() {
        return engine;
    }

    /** The limits object generated code reads; embedders use the methods of this class. */
    VMRuntimeLimits limits() {
        return limits;
    }

    /** Internal: the scratch space generated code passes extra results through. */
    Scratch scratch() {
        return scratch;
    }

    /** Internal: the frames of the split functions running in this store. */
    FrameStack frames() {
        return frames;
    }

    // ---- allocation

    /**
     * Limits what the tables and memories of this store may take together, in bytes: instantiation
     * fails with a {@link Trap} of code {@link TrapCode#HOST_RESOURCE_EXHAUSTED} when creating them
     * would pass it, and {@code memory.grow}, {@code table.grow} and {@link Memory#grow} /
     * {@link Table#grow} return -1. A memory counts its bytes, a table 8 bytes per element; a
     * memory counts its size, as Wasmtime's {@code ResourceLimiter} sees it, not the capacity it
     * may hold behind it to grow into (up to 1.5 times its size, see {@link Memory#grow}). The
     * default is the JVM's maximum heap size ({@link Runtime#maxMemory}): a guest cannot ask for more
     * than the heap, and an allocation the heap cannot satisfy fails the same way. What a store has
     * allocated is never given back (like Wasmtime, a store keeps its instances alive).
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public void setAllocationLimit(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("the allocation limit must not be negative");
        allocationLimit = bytes;
    }

    /**
     * Whether a {@code memory.grow} or {@code table.grow} that the {@linkplain #setAllocationLimit
     * allocation limit} (or the heap) refuses traps with {@link TrapCode#HOST_RESOURCE_EXHAUSTED}
     * instead of returning -1, as Wasmtime's {@code trap_on_grow_failure} (off by default). The
     * embedder's {@link Memory#grow} and {@link Table#grow} then throw that trap too. Growing
     * past the module's own maximum still returns -1, as the specification says.
     */
    public void setTrapOnGrowFailure(boolean trap) {
        trapOnGrowFailure = trap;
    }

    /** Whether refused growth traps (see {@link #setTrapOnGrowFailure}). */
    public boolean trapOnGrowFailure() {
        return trapOnGrowFailure;
    }

    /** Internal: what a grow of {@code what} that the limit or the heap refused returns: -1, or it traps. */
    int growRefused(String what, long bytes) {
        if (!trapOnGrowFailure) return -1;
        throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, "growing " + what + " by " + bytes
                + " bytes was refused: the store's allocation limit is " + allocationLimit + " bytes, "
                + allocated + " allocated", null);
    }

    /** The allocation limit (see {@link #setAllocationLimit}). */
    public long allocationLimit() {
        return allocationLimit;
    }

    /** The bytes of tables and memories allocated in this store so far. */
    public long allocated() {
        return allocated;
    }

    /** Internal: whether {@code bytes} more would fit the limit now (checked before allocating several things). */
    boolean fits(long bytes) {
        return bytes <= 0 || bytes <= allocationLimit - allocated;
    }

    /** Internal: counts {@code bytes} against the limit; false (counting nothing) if they do not fit. */
    boolean reserve(long bytes) {
        if (bytes > 0 && bytes > allocationLimit - allocated) return false;
        allocated += bytes;
        return true;
    }

    /** Internal: gives back what a failed allocation reserved. */
    void release(long bytes) {
        allocated -= bytes;
    }

    /** Rethrows a callback's exception as itself: it reaches the embedder unchanged. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    // ---- fuel

    private void requireFuel() {
        if (!engine.config().consumeFuel()) {
            throw new IllegalStateException("fuel is not enabled: use EngineConfig.builder().consumeFuel(true)");
        }
    }

    /** Sets the fuel available to code in this store to {@code fuel} (replacing what was left). */
    public void setFuel(long fuel) {
        requireFuel();
        if (fuel < 0) throw new IllegalArgumentException("fuel must not be negative");
        limits.fuelConsumed = -fuel;
    }

    /** The fuel left (0 once exhausted). Inside a host function: what its caller has left. */
    public long getFuel() {
        requireFuel();
        return Math.max(0, -limits.fuelConsumed);
    }

    /**
     * Called when code runs out of fuel: may return more fuel to continue with (like Wasmtime's
     * async yield interval); without one, running out traps with {@link TrapCode#OUT_OF_FUEL}.
     */
    public void onOutOfFuel(OutOfFuelCallback callback) {
        requireFuel();
        this.outOfFuel = callback;
    }

    /** Internal: the out-of-fuel path; returns the fuel added (0: trap). */
    long refillFuel() {
        if (outOfFuel == null) return 0;
        long more;
        try {
            more = outOfFuel.refill(this);
        } catch (WasmException e) {
            throw e;
        } catch (Throwable t) {
            throw Store.<RuntimeException>sneaky(t);
        }
        if (more <= 0) return 0;
        limits.fuelConsumed -= more;
        if (limits.fuelConsumed >= 0) return 0;
        return more;
    }

    // ---- epochs

    private void requireEpochs() {
        if (!engine.config().epochInterruption()) {
            throw new IllegalStateException("epoch interruption is not enabled: use EngineConfig.builder().epochInterruption(true)");
        }
    }

    /** Sets the deadline to the engine's current epoch plus {@code delta}. */
    public void setEpochDeadline(long delta) {
        requireEpochs();
        epochDeadline = engine.currentEpoch() + delta;
        limits.epochDeadline = interruptible ? 0 : epochDeadline; // interruptible: the next check looks
    }

    /**
     * The epoch at or past which running code is interrupted (see {@link #setEpochDeadline}):
     * a host function that waits (WASI's {@code poll_oneoff}) can stop waiting once
     * {@link Engine#currentEpoch()} reaches it.
     */
    public long epochDeadline() {
        requireEpochs();
        return epochDeadline;
    }

    /** At the deadline, trap with {@link TrapCode#INTERRUPT} (the default). */
    public void epochDeadlineTrap() {
        requireEpochs();
        epochCallback = null;
    }

    /** At the deadline, call {@code callback}, which returns how many more epochs to run. */
    public void epochDeadlineCallback(EpochDeadlineCallback callback) {
        requireEpochs();
        epochCallback = callback;
    }

    /** Internal: the deadline path; returns the new deadline (of the checked counter) or throws. */
    long onEpochDeadline() {
        if (interruptible) {
            InterruptTicker.running();
            // the status stays set: the code that interrupted the thread, or catches the trap, sees it
            if (Thread.currentThread().isInterrupted()) throw new Trap(TrapCode.INTERRUPT, "the thread was interrupted", null);
            if (engine.currentEpoch() < epochDeadline) return limits.epochDeadline = engine.checkedEpoch() + 1;
        }
        if (epochCallback == null) throw Traps.trap(TrapCode.INTERRUPT);
        long delta;
        try {
            delta = epochCallback.onDeadline(this);
        } catch (WasmException e) {
            throw e;
        } catch (Throwable t) {
            throw Store.<RuntimeException>sneaky(t);
        }
        if (delta < 1) delta = 1;
        epochDeadline = engine.currentEpoch() + delta;
        limits.epochDeadline = interruptible ? engine.checkedEpoch() + 1 : epochDeadline;
        return limits.epochDeadline;
    }

    // ---- what a linker shares between stores, and the embedder's data

    /** This store's functions of {@link Linker} definitions made without a store, by definition. */
    private java.util.IdentityHashMap<HostDefinition, Func> hostFuncs;
    /** The context of host functions called from the host ({@link #hostContext}), made on first use. */
    private dev.bytelift.runtime.internal.VMContext hostContext;
    /** {@link #setData} pairs: key, value, key, value... */
    private Object[] data = NO_DATA;
    private static final Object[] NO_DATA = {};

    /** Internal: this store's function of {@code definition}, made once (then imports share it). */
    Func hostFunc(HostDefinition definition) {
        if (hostFuncs == null) hostFuncs = new java.util.IdentityHashMap<>();
        Func f = hostFuncs.get(definition);
        if (f == null) {
            f = definition.newFunc(this);
            hostFuncs.put(definition, f);
        }
        return f;
    }

    /**
     * Internal: the calling context of host functions the host calls directly ({@link Func#call},
     * typed entries): of this store, with no instance (its {@link Caller} has no instance and no
     * memory). Exit trampolines are bound to no store and read the store's state from it.
     */
    dev.bytelift.runtime.internal.VMContext hostContext() {
        var c = hostContext;
        if (c == null) hostContext = c = new dev.bytelift.runtime.internal.VMContext(this);
        return c;
    }

    /**
     * Attaches {@code value} to this store under {@code key}, replacing what was attached under it
     * ({@code null} removes it). This is the per-store state of host functions that a
     * {@link Linker} shares between stores (Wasmtime's {@code Store<T>} data): a host function
     * finds it with {@code caller.store().data(key)}. WASI keeps its state here
     * ({@code Wasi.attachTo(store)}).
     *
     * @throws IllegalArgumentException if {@code value} is not null and not an instance of {@code key}
     */
    public <T> void setData(Class<T> key, T value) {
        java.util.Objects.requireNonNull(key, "key");
        if (value != null && !key.isInstance(value)) {
            throw new IllegalArgumentException(value + " is not an instance of " + key.getName());
        }
        Object[] d = data;
        for (int i = 0; i < d.length; i += 2) {
            if (d[i] == key) {
                if (value == null) {
                    Object[] shorter = new Object[d.length - 2];
                    System.arraycopy(d, 0, shorter, 0, i);
                    System.arraycopy(d, i + 2, shorter, i, d.length - i - 2);
                    data = shorter;
                } else {
                    d[i + 1] = value;
                }
                return;
            }
        }
        if (value == null) return;
        Object[] longer = java.util.Arrays.copyOf(d, d.length + 2);
        longer[d.length] = key;
        longer[d.length + 1] = value;
        data = longer;
    }

    /** What is attached under {@code key} ({@link #setData}), or {@code null}. */
    public <T> T data(Class<T> key) {
        Object[] d = data;
        for (int i = 0; i < d.length; i += 2) {
            if (d[i] == key) return key.cast(d[i + 1]);
        }
        return null;
    }
}
