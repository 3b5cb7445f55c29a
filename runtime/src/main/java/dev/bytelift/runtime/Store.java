package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.internal.Traps;

/**
 * Owns instances and their state and the {@link VMRuntimeLimits} their code runs under: fuel,
 * epoch deadline, stack limit. Like a Wasmtime store, a store is used by one thread at a time
 * (though {@link Engine#incrementEpoch} may be called from any thread).
 */
public final class Store {
    private final Engine engine;
    private final VMRuntimeLimits limits;
    private final Scratch scratch = new Scratch();
    private OutOfFuelCallback outOfFuel;
    private EpochDeadlineCallback epochCallback;

    public Store(Engine engine) {
        this.engine = engine;
        this.limits = new VMRuntimeLimits(engine.config().maxWasmStack());
        // a store with fuel on starts with none; epochs: the first check interrupts (deadline 0)
        this.limits.fuelConsumed = 0;
        this.limits.epochDeadline = 0;
    }

    public Engine engine() {
        return engine;
    }

    /** The limits object generated code reads; embedders should use the methods of this class. */
    public VMRuntimeLimits limits() {
        return limits;
    }

    /** Internal: the scratch space generated code passes extra results through. */
    public Scratch scratch() {
        return scratch;
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
    public long refillFuel() {
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
        limits.epochDeadline = engine.currentEpoch() + delta;
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

    /** Internal: the deadline path; returns the new deadline or throws. */
    public long onEpochDeadline() {
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
        limits.epochDeadline = engine.currentEpoch() + delta;
        return limits.epochDeadline;
    }
}
