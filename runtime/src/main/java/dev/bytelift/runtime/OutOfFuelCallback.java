package dev.bytelift.runtime;

/**
 * Called when running code has consumed all its fuel: returns more fuel to continue with, or 0
 * to trap with {@link TrapCode#OUT_OF_FUEL}.
 */
@FunctionalInterface
public interface OutOfFuelCallback {
    long refill(Store store) throws Exception;
}
