package dev.bytelift.runtime.internal;

/**
 * The operand stack of a function translated in deep-stack mode (compiler translate/DeepStack): its
 * values beyond what one JVM method can hold live in the split frame, each stack position with two
 * entries of the {@code long[]} (raw bits; a v128 takes both) and one of the {@code Object[]}. These
 * helpers move many such values at once: the values a branch carries to their place at its target,
 * and a function's results to and from the scratch area. A kinds string has one character per value:
 * {@code 'n'} a number, {@code 'v'} a v128, {@code 'r'} a reference.
 */
public final class DeepStacks {
    private DeepStacks() {}

    /** Moves {@code count} stack positions: longs from {@code lFrom} to {@code lTo}, references from {@code rFrom} to {@code rTo}. */
    public static void move(long[] l, Object[] r, int lFrom, int lTo, int rFrom, int rTo, int count) {
        System.arraycopy(l, lFrom, l, lTo, 2 * count);
        if (r != null) System.arraycopy(r, rFrom, r, rTo, count);
    }

    /** Puts the values of consecutive positions (from longs {@code lPos}, references {@code rPos}) into the scratch from {@code slot}. */
    public static void putResults(long[] l, Object[] r, int lPos, int rPos, int slot, String kinds, VMContext c) {
        long[] results = c.scratch.results;
        Object[] refs = c.scratch.refResults;
        for (int i = 0; i < kinds.length(); i++, lPos += 2, rPos++) {
            switch (kinds.charAt(i)) {
                case 'r' -> refs[slot++] = r[rPos];
                case 'v' -> {
                    results[slot++] = l[lPos];
                    results[slot++] = l[lPos + 1];
                }
                default -> results[slot++] = l[lPos];
            }
        }
    }

    /** Takes values from the scratch from {@code slot} into consecutive positions (the reverse of {@link #putResults}). */
    public static void takeResults(long[] l, Object[] r, int lPos, int rPos, int slot, String kinds, VMContext c) {
        long[] results = c.scratch.results;
        Object[] refs = c.scratch.refResults;
        for (int i = 0; i < kinds.length(); i++, lPos += 2, rPos++) {
            switch (kinds.charAt(i)) {
                case 'r' -> {
                    r[rPos] = refs[slot];
                    refs[slot++] = null; // do not keep the object alive from the scratch space
                }
                case 'v' -> {
                    l[lPos] = results[slot++];
                    l[lPos + 1] = results[slot++];
                }
                default -> l[lPos] = results[slot++];
            }
        }
    }
}
