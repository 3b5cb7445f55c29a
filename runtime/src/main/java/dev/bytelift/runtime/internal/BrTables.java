package dev.bytelift.runtime.internal;

/**
 * Tables of {@code br_table}s kept in string constants (one char per entry) by generated code:
 * the branch depths of a table in a piece of a split function whose branches leave the piece, and
 * the destination ordinals of a large table (the compiler's {@code LargeBrTable}). A constant
 * string is read with {@code charAt} where it is: nothing is decoded or cached, so nothing outlives
 * the module's classes.
 */
public final class BrTables {
    private BrTables() {}

    /**
     * Entries per string constant of a large table: at most 3 bytes per char in the class file's
     * modified UTF-8, so a chunk stays under the 65,535-byte limit of a constant. A power of two.
     */
    public static final int CHUNK = 16_384;

    /** The branch depth of entry {@code index} ({@code index} out of range: the default, last). */
    public static int depth(int index, String table) {
        int last = table.length() - 1;
        return table.charAt(index >= 0 && index < last ? index : last);
    }

    /**
     * The destination ordinal of entry {@code index} of a large table, from the chunk holding
     * it ({@code ""} when the index is past the last chunk): 0, the default's, when out of range.
     */
    public static int entry(int index, String chunk) {
        int i = index & (CHUNK - 1);
        return i < chunk.length() ? chunk.charAt(i) : 0;
    }

    /** The exit code of a large table's entry leaving a region, from its ordinal (see {@link #entry}). */
    public static int exitCode(int ordinal, int base, int defaultCode) {
        return ordinal == 0 ? defaultCode : ordinal - base;
    }
}
