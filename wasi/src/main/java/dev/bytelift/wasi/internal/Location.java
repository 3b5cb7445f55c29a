package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an open file or directory was found: a preopened root (the host's real path) and the
 * names below it, as {@link PathResolver} resolved them. A host file descriptor would follow its
 * file wherever it moves; a {@code Path} does not, and the host kernel follows symbolic links in
 * it, so a stale path could lead out of the sandbox once the guest has replaced a directory on
 * the way with a link. {@link #check} therefore walks the names again: each directory on the way
 * must still be a real directory (not a link), and the last entry must not be a link and must be
 * the same file as when it was opened (same file key, where the host has them).
 */
record Location(Path root, List<String> names, Object fileKey) {
    Location {
        names = List.copyOf(names);
    }

    /** A preopened root. */
    static Location root(Path root) {
        return new Location(root, List.of(), null);
    }

    /** The entry {@code more} names below this location (not yet checked nor identified). */
    Location below(List<String> more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(more);
        return new Location(root, all, null);
    }

    /** This location, identified by the file there now; ENOENT if there is none. */
    Location identify() throws IOException {
        Path p = unchecked();
        BasicFileAttributes a = HostFs.lstatOrNull(p);
        if (a == null) throw new WasiError(Errno.ENOENT);
        return new Location(root, names, a.fileKey());
    }

    /** The host path without checks. */
    Path unchecked() {
        Path p = root;
        for (String n : names) p = p.resolve(n);
        return p;
    }

    /** The host path, checked as the class describes; ENOENT if the file is no longer there. */
    Path check() throws IOException {
        Path p = root;
        BasicFileAttributes a = null;
        for (String n : names) {
            if (a != null && !a.isDirectory()) throw new WasiError(Errno.ENOENT);
            p = p.resolve(n);
            a = HostFs.lstatOrNull(p);
            if (a == null || a.isSymbolicLink()) throw new WasiError(Errno.ENOENT);
        }
        if (a != null && fileKey != null && !fileKey.equals(a.fileKey())) throw new WasiError(Errno.ENOENT);
        return p;
    }
}
