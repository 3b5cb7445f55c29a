package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where an open file was found: the directory handle it was opened through ({@code base}, held
 * while the file is open), the directories from there to the file's directory, the file's name and
 * its file key. The JDK gives a {@code FileChannel} no way to read or set the file's times, so
 * {@code fd_filestat_get} and {@code fd_filestat_set_times} find the file again: through handles,
 * one directory at a time, never following a link ({@link DirHandle}), so the walk cannot leave
 * {@code base}; and only if the entry there is still the same file (file key). Otherwise the file
 * has been moved or replaced, and the caller says so (ENOENT) or falls back on what it knows.
 */
record Location(DirHandle base, List<String> dirs, String name, Object fileKey) {
    Location {
        dirs = List.copyOf(dirs);
    }

    /**
     * The file's directory, opened (the caller releases it), if the entry {@code name} there is
     * still the file; else ENOENT.
     */
    DirHandle find() throws IOException {
        DirHandle h = base.retain();
        try {
            for (String d : dirs) {
                DirHandle next;
                try {
                    next = h.openDir(d);
                } catch (IOException e) {
                    throw new WasiError(Errno.ENOENT); // gone, or replaced by a link or a file
                }
                h.release();
                h = next;
            }
            BasicFileAttributes a = h.lstat(name);
            if (a == null || a.isSymbolicLink() || (fileKey != null && !fileKey.equals(a.fileKey()))) {
                throw new WasiError(Errno.ENOENT);
            }
            return h;
        } catch (IOException | RuntimeException e) {
            h.release();
            throw e;
        }
    }

    /** Lets go of {@code base}. */
    void close() throws IOException {
        base.release();
    }
}
