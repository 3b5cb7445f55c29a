package dev.bytelift.runtime;

/**
 * Called when running code has consumed all its fuel: returns more fuel to continue with, or 0
 * to trap with {@link TrapCode#OUT_OF_FUEL}.
 */
@FunctionalInterface
public interface OutOfFuelCallback {
    /** Returns the fuel to add to {@code store}'s (0 or less: trap); an exception reaches the embedder as itself. */
    long refill(Store store) throws Exception;
}
