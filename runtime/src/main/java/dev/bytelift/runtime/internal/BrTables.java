package dev.bytelift.runtime.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * For a {@code br_table} in a piece of a function split over several methods: the branch depth of
 * each entry, from a table encoded in a string constant (one char per entry, the default last),
 * so that the branches that leave the piece share one exit instead of one stub each.
 */
public final class BrTables {
    private BrTables() {}

    private static final ConcurrentHashMap<String, char[]> DECODED = new ConcurrentHashMap<>();

    /** The branch depth of entry {@code index} ({@code index} out of range: the default). */
    public static int depth(int index, String table) {
        char[] t = DECODED.computeIfAbsent(table, String::toCharArray);
        int last = t.length - 1;
        return t[index >= 0 && index < last ? index : last];
    }
}
