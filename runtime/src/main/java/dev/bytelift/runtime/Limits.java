package dev.bytelift.runtime;

/**
 * Size limits of a table (in elements) or memory (in 64 KiB pages).
 *
 * @param min the initial size
 * @param max the maximum size, or -1 when there is none
 */
public record Limits(long min, long max) {

    /** Whether there is a maximum. */
    public boolean hasMax() {
        return max >= 0;
    }

    /** The import-matching rule of the spec: {@code actual} may stand where {@code this} is expected. */
    public boolean acceptsActual(Limits actual) {
        if (actual.min < min) return false;
        if (!hasMax()) return true;
        return actual.hasMax() && actual.max <= max;
    }

    @Override
    public String toString() {
        return hasMax() ? min + " " + max : Long.toString(min);
    }
}
