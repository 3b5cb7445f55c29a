package dev.bytelift.runtime.internal;

/**
 * ABI: the per-store limits object that generated code reads and writes directly, with the fields
 * of Wasmtime's struct of the same name. Fields are public because generated classes (defined in
 * their own class loaders) access them with plain field instructions; embedders use the
 * {@link dev.bytelift.runtime.Store} methods.
 */
public final class VMRuntimeLimits {
    /** The stack limit in bytes (compiled code checks the engine's, a constant in the code). */
    public int stackLimit;

    /**
     * Fuel consumed, relative to the fuel granted: negative while fuel remains, counting up as code
     * runs; a value at or above zero means the fuel is exhausted.
     */
    public long fuelConsumed;

    /** The engine epoch at or past which running code is interrupted. */
    public long epochDeadline;

    /**
     * The depth (words of stack up to its frame, less one) of the WebAssembly function that last called out to the host; 0 while
     * WebAssembly code runs.
     */
    public int lastWasmExitFp;

    /** The module byte offset of the call instruction that last left WebAssembly; 0 while it runs. */
    public int lastWasmExitPc;

    /**
     * The depth (words of stack) at which the host last entered WebAssembly; 0 outside WebAssembly, -1 for a
     * host function called directly from the host.
     */
    public int lastWasmEntrySp;

    /**
     * The id ({@link Thread#getId}) of the thread whose call is running in this store, or 0 when
     * none is (see {@link EntryCalls#claim}): only this thread may enter.
     */
    public long ownerThreadId;

    /**
     * The thread that last claimed this store ({@link EntryCalls#claim}; written only when another
     * thread claims it): an interruptible engine's ticker reads the interrupt status of the thread
     * of {@link #ownerThreadId} here.
     */
    public Thread thread;

    /**
     * The engine's epoch when the store's code checks one (epoch interruption, interruptible
     * engines), else null: each entry from the host into WebAssembly compares it with
     * {@link #epochDeadline} ({@link EntryCalls#claim}).
     */
    public EpochCounter epoch;

    /** The store these limits are of (the deadline path of an entry from the host needs it). */
    public dev.bytelift.runtime.Store store;

    public VMRuntimeLimits(int stackLimit) {
        this.stackLimit = stackLimit;
    }
}
