package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's file descriptors: 0-2 are stdio, 3 onwards the preopened directories in the order
 * they were granted, then whatever the guest opens. A new descriptor takes the lowest free
 * number, as on POSIX. At most {@link #MAX_OPEN} descriptors are open at once (then EMFILE), so a
 * guest cannot exhaust the host's file handles.
 */
public final class FdTable {
    /** The most descriptors open at once. */
    public static final int MAX_OPEN = 4096;

    private final List<Descriptor> slots = new ArrayList<>();
    private int open;

    /** The descriptor {@code fd}; EBADF if it is not open. */
    public Descriptor get(int fd) {
        if (fd < 0 || fd >= slots.size() || slots.get(fd) == null) throw new WasiError(Errno.EBADF);
        return slots.get(fd);
    }

    /** The directory {@code fd}; EBADF if it is not open, ENOTDIR if it is not a directory. */
    public DirFd dir(int fd) {
        Descriptor d = get(fd);
        if (!(d instanceof DirFd dir)) throw new WasiError(Errno.ENOTDIR);
        return dir;
    }

    /** Whether {@code fd} is open. */
    public boolean isOpen(int fd) {
        return fd >= 0 && fd < slots.size() && slots.get(fd) != null;
    }

    /** Adds {@code d} under the lowest free number and returns it. */
    public int add(Descriptor d) {
        if (open >= MAX_OPEN) throw new WasiError(Errno.EMFILE);
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == null) {
                slots.set(i, d);
                open++;
                return i;
            }
        }
        slots.add(d);
        open++;
        return slots.size() - 1;
    }

    /** Removes {@code fd} from the table (without closing it) and returns it; EBADF if not open. */
    public Descriptor remove(int fd) {
        Descriptor d = get(fd);
        slots.set(fd, null);
        open--;
        return d;
    }

    /** {@code fd_renumber}: moves {@code from} to {@code to}, closing what {@code to} held. Both must be open. */
    public void renumber(int from, int to) throws IOException {
        Descriptor d = get(from);
        Descriptor old = get(to);
        if (from == to) return;
        slots.set(to, d);
        slots.set(from, null);
        open--;
        old.close();
    }

    /** Closes every descriptor (the host's stdio streams are only flushed). */
    public void closeAll() {
        for (int i = 0; i < slots.size(); i++) {
            Descriptor d = slots.get(i);
            if (d == null) continue;
            try {
                d.close();
            } catch (IOException | RuntimeException e) {
                // closing at the end of a run (e.g. stdout's reader has gone): nothing to report to
            }
            slots.set(i, null);
        }
        open = 0;
    }
}
