package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.TrapCode;

/** The fuel check generated code calls at function entry and loop headers. */
public final class Fuel {
    private Fuel() {}

    /**
     * Returns {@code consumed} while fuel remains (it is negative); otherwise the refill path:
     * the new consumed value after the store's callback topped up, or the out-of-fuel trap.
     */
    public static long check(long consumed, VMContext ctx) {
        if (consumed < 0) return consumed;
        return outOfFuel(consumed, ctx);
    }

    private static long outOfFuel(long consumed, VMContext ctx) {
        ctx.limits.fuelConsumed = consumed;
        long refilled = ctx.store.refillFuel();
        if (refilled <= 0) throw Traps.trap(TrapCode.OUT_OF_FUEL);
        return ctx.limits.fuelConsumed;
    }
}
