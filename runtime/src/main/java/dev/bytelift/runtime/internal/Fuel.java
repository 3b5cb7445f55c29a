package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.TrapCode;

/** The slow path of the fuel check at function entry and loop headers. */
public final class Fuel {
    private Fuel() {}

    /**
     * Called by generated code when {@code consumed >= 0}: returns the new consumed value after
     * the store's callback topped up, or throws the out-of-fuel trap.
     */
    public static long outOfFuel(long consumed, VMContext ctx) {
        ctx.limits.fuelConsumed = consumed;
        long refilled = RuntimeAccess.get().refillFuel(ctx.store);
        if (refilled <= 0) throw Traps.trap(TrapCode.OUT_OF_FUEL);
        return ctx.limits.fuelConsumed;
    }
}
