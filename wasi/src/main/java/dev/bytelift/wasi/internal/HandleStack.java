package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a path resolution has entered below its descriptor's directory, as handles, so
 * that {@code ..} goes back to the very directory it came from without asking the host for
 * {@code ..}. Each handle costs host file descriptors, and a guest path may have thousands of
 * components, so only the {@value #MAX_HELD} most recently entered are kept open; going back past
 * them reopens the directories by name from the nearest one still held, through handles and
 * without following links ({@link DirHandle#openDir}), so the walk stays inside the descriptor's
 * directory even if those directories were moved meanwhile (it then fails or finds others there).
 */
final class HandleStack implements AutoCloseable {
    /** How many entered directories stay open at most (besides the descriptor's). */
    static final int MAX_HELD = 16;

    private final DirHandle base;
    private final List<String> names = new ArrayList<>();
    /** Parallel to {@link #names}: the open handle, or {@code null} once let go. */
    private final List<DirHandle> held = new ArrayList<>();
    private int open;

    /** Starts at {@code base} (retained until {@link #close}). */
    HandleStack(DirHandle base) {
        this.base = base.retain();
    }

    /** The names of the directories entered, from the descriptor's directory down. */
    List<String> names() {
        return List.copyOf(names);
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The directory on top (not retained: valid until the next change or {@link #close}). */
    DirHandle top() throws IOException {
        int last = names.size() - 1;
        if (last < 0) return base;
        if (held.get(last) != null) return held.get(last);
        int from = last - 1;
        while (from >= 0 && held.get(from) == null) from--;
        DirHandle at = from < 0 ? base : held.get(from);
        for (int i = from + 1; i <= last; i++) {
            at = at.openDir(names.get(i));
            hold(i, at);
        }
        return at;
    }

    /** Enters the subdirectory {@code name}, already opened as {@code handle} (taken over). */
    void push(String name, DirHandle handle) throws IOException {
        names.add(name);
        held.add(null);
        hold(names.size() - 1, handle);
    }

    /** Goes back up one directory ({@code ..}). */
    void pop() throws IOException {
        int last = names.size() - 1;
        names.remove(last);
        DirHandle h = held.remove(last);
        if (h != null) {
            open--;
            h.release();
        }
    }

    private void hold(int index, DirHandle handle) throws IOException {
        held.set(index, handle);
        open++;
        for (int i = 0; open > MAX_HELD && i < index; i++) {
            DirHandle h = held.get(i);
            if (h != null) {
                held.set(i, null);
                open--;
                h.release();
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (DirHandle h : held) {
            if (h != null) h.release();
        }
        held.clear();
        base.release();
    }
}
