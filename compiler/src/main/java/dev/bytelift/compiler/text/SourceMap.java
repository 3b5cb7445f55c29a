package dev.bytelift.compiler.text;

import java.util.Arrays;

/**
 * Where in the text each instruction of a module's code came from: binary offsets (ascending, as
 * instructions are written in order) with the line and column of the instruction's token. It turns a validation error's offset into
 * {@code app.wat:5:7}.
 */
public final class SourceMap {
    private int[] offsets = new int[256];
    private int[] lines = new int[256];
    private int[] columns = new int[256];
    private int count;
    private int end = Integer.MAX_VALUE;

    SourceMap() {}

    /** Records that the instruction at {@code offset} (relative to where the caller will say) came from {@code t}. */
    void add(int offset, Token t) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lines = Arrays.copyOf(lines, count * 2);
            columns = Arrays.copyOf(columns, count * 2);
        }
        offsets[count] = offset;
        lines[count] = t.line();
        columns[count] = t.column();
        count++;
    }

    int size() {
        return count;
    }

    /** Adds {@code delta} to the offsets of entries {@code from} on (a function body placed in its section). */
    void shift(int from, int delta) {
        for (int i = from; i < count; i++) offsets[i] += delta;
    }

    /** The end of the code section: offsets from there on are not in the code. */
    void limit(int end) {
        this.end = end;
    }

    /**
     * The line and column of the instruction at or last before binary {@code offset}, or null if
     * the offset is not in the code.
     */
    public int[] position(long offset) {
        if (count == 0 || offset < offsets[0] || offset >= end) return null;
        int i = Arrays.binarySearch(offsets, 0, count, (int) offset);
        if (i < 0) i = -i - 2;
        return new int[] {lines[i], columns[i]};
    }
}
