package dev.bytelift.runtime;

/**
 * What running code does when it reaches the store's epoch deadline, instead of trapping: returns
 * how many more epochs it may run (a new deadline of the current epoch plus that delta). An
 * exception thrown here reaches the embedder in place of the interrupt.
 */
@FunctionalInterface
public interface EpochDeadlineCallback {
    /** Returns the number of epochs to continue for (at least 1). */
    long onDeadline(Store store) throws Exception;
}
