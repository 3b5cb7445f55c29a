package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What the generated host-to-WebAssembly (entry) trampolines compute from the
 * {@link dev.bytelift.runtime.VMRuntimeLimits} they save; failures go to {@link Traps#translate}.
 */
public final class EntryCalls {
    private EntryCalls() {}

    /**
     * The JVM stack (in 8-byte words: 4 KiB) the frames of host functions between two WebAssembly
     * activations count for: the import stub, the exit and entry trampolines, the method handles between them
     * and the host function itself, as the interpreter lays them out, with a margin. (A host
     * function that uses much more stack of its own needs a thread with room for it.)
     */
    public static final int HOST_FRAMES = 512;

    /**
     * The call depth (8-byte words of WebAssembly frames below, see {@code EngineConfig.maxWasmStack})
     * of the function the host enters: 1 from outside WebAssembly; from a host function called by
     * WebAssembly ({@code exitFp} + 1 is the stack taken up to the calling frame), the depth
     * after the host's frames ({@link #HOST_FRAMES}), so that host↔WebAssembly recursion counts
     * towards the stack limit. A host function called directly from the host runs at depth 1.
     */
    public static int depth(int exitFp, boolean host) {
        return host || exitFp == 0 ? 1 : exitFp + 1 + HOST_FRAMES;
    }

    /** The value of {@code lastWasmEntrySp} while the entered function runs: -1 for a host function. */
    public static int entrySp(int depth, boolean host) {
        return host ? -1 : depth;
    }

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(VMRuntimeLimits.class, "ownerThreadId", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /*
     * A store's running state (its scratch space, its limits fields) is not shared safely between
     * threads, so an entry claims the store for its thread: VMRuntimeLimits.ownerThreadId is the id
     * of the thread whose activation runs in the store, 0 when none does. The outermost entry
     * (saved lastWasmEntrySp 0) sets it and gives it up on the way out; nested entries (host
     * functions calling back) find their own thread there. An id rather than the Thread: storing a
     * reference costs GC write barriers, which made a typed call of a small function 1.2 ns slower.
     */

    /**
     * Claims the store on entry (typed entries): with no owner the entering thread becomes it; an
     * owner must be this thread. Then, entering WebAssembly ({@code host} false: not a host function
     * called directly from the host) with epochs on, checks the deadline ({@link #checkEpoch}).
     * Plain field accesses, so that a typed call costs nothing measurable: two threads entering at
     * the same instant may both pass, and {@link #leave} then fails one of them or both.
     *
     * @throws IllegalStateException if another thread's call is running in the store
     */
    public static void claim(VMRuntimeLimits limits, boolean host) {
        long current = Thread.currentThread().getId();
        long owner = limits.ownerThreadId;
        if (owner == 0) limits.ownerThreadId = current;
        else if (owner != current) throw concurrentUse(owner);
        if (limits.epoch != null && !host) checkEpoch(limits);
    }

    /**
     * Claims the store on entry (generic entries, {@code Func.call}, which box and allocate anyway):
     * like {@link #claim} but with a compare-and-set, so that no two threads' calls through it
     * ever overlap unnoticed. This is the path of multi-value results, which go through the store.
     *
     * @throws IllegalStateException if another thread's call is running in the store
     */
    public static void claimExclusive(VMRuntimeLimits limits, boolean host) {
        long current = Thread.currentThread().getId();
        long owner = limits.ownerThreadId;
        if (owner != current && !(owner == 0 && OWNER.compareAndSet(limits, 0L, current))) throw concurrentUse(owner);
        if (limits.epoch != null && !host) checkEpoch(limits);
    }

    /**
     * An entry's epoch check, once the store is claimed (the deadline path may run the store's
     * callback, which may move the deadline on): generated code does not check at the entry of a
     * function whose runs are bounded (the compiler's {@code EpochCheck}), so the host's calls
     * check here that the deadline has not passed, as Wasmtime's function entries do. If the
     * deadline path throws, the entry gives the store up again (the entry fields are not set yet).
     */
    private static void checkEpoch(VMRuntimeLimits limits) {
        if (limits.epoch.value < limits.epochDeadline) return;
        boolean continued = false;
        try {
            RuntimeAccess.get().onEpochDeadline(limits.store); // the callback's exception goes on as itself
            continued = true;
        } finally {
            if (!continued) release(limits, limits.lastWasmEntrySp);
        }
    }

    /**
     * On a normal return: the outermost entry ({@code sp == 0}) gives the store up; fails if the
     * store's owner is no longer this thread (another thread entered while the call ran, so its
     * results may be the other call's).
     *
     * @throws IllegalStateException if another thread entered the store during the call
     */
    public static void leave(VMRuntimeLimits limits, int sp) {
        long owner = limits.ownerThreadId;
        if (sp == 0) OWNER.setRelease(limits, 0L);
        if (owner != Thread.currentThread().getId()) throw concurrentUse(owner);
    }

    /** On an exceptional return: the outermost entry gives the store up (the exception goes on). */
    public static void release(VMRuntimeLimits limits, int sp) {
        if (sp == 0) OWNER.setRelease(limits, 0L);
    }

    private static IllegalStateException concurrentUse(long owner) {
        Thread t = Thread.currentThread();
        return new IllegalStateException("store used by two threads at once: thread \"" + t.getName() + "\" (id "
                + t.getId() + ") called into WebAssembly while the thread of id " + owner
                + " was running in it (a Store may be used by one thread at a time)");
    }
}
