package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The path operations the JDK has no handle-relative form for ({@code mkdir}, {@code symlink},
 * {@code link}, {@code readlink}, setting a link's own times): they take a host path, and the
 * kernel follows every link in a path but the last. A path through directories the guests control
 * could be redirected outside between any check and the call, so these operations use only paths
 * of the form <em>preopen root</em> + <em>one name</em>:
 *
 * <ul>
 *   <li>The root's path is the host's (pinned with {@code toRealPath} when granted); no guest can
 *       replace it, since no guest reaches the directory that holds it. The last name is never
 *       followed by these calls ({@code mkdir}, {@code symlink} and {@code link} fail on an
 *       existing name, {@code readlink} and Linux's {@code link} do not follow a link there, and
 *       link times are set with {@code lutimes}). Where {@code link} may follow a link (not
 *       Linux), {@code path_link} is refused.</li>
 *   <li>In the root itself, the operation is done in place.</li>
 *   <li>Below it, the entry is <em>staged</em> through the root under a random temporary name,
 *       moved with {@code renameat} between directory handles ({@link DirHandle#move}): a new
 *       directory or link is made in the root and moved into place; the source of a hard link, a
 *       link to read or a link whose times are set is moved to the root for the call and moved
 *       back.</li>
 * </ul>
 *
 * An existing entry is checked, once in the root, to be the one seen through the handle (file
 * key); otherwise it is moved back and the operation tries again. A concurrent guest can at worst
 * make the temporary name of a new entry hold some other entry of the grant (which is then moved
 * into place instead), see a staged entry briefly under its temporary name in the root, have an
 * entry it made at the same name meanwhile replaced ({@code renameat} replaces), or, by putting a
 * directory where a staged entry must return, leave that entry in the root under its temporary
 * name. Every one of those effects stays inside the grant. The costs: staging needs write
 * access to the root and the directory involved, and both on one file system ({@code EXDEV}
 * otherwise); a crash between the two moves can leave a {@code .bytelift-} entry in the root.
 */
final class Staging {
    private Staging() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How often an operation retries staging an entry that another program keeps replacing. */
    private static final int MAX_ATTEMPTS = 8;

    /** A fresh name in the root (a guest that guessed it could only make the call fail with EEXIST). */
    private static String tempName() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return ".bytelift-" + HexFormat.of().formatHex(b);
    }

    /** {@code mkdir} of {@code name} in {@code dir}. */
    static void createDirectory(DirHandle dir, String name) throws IOException {
        DirHandle.check(name);
        Path here = dir.trustedPath();
        if (here != null) {
            Files.createDirectory(here.resolve(name));
            return;
        }
        String temp = tempName();
        Files.createDirectory(dir.root.path.resolve(temp));
        putInPlace(dir.root, temp, dir, name, true);
    }

    /** {@code symlink}: a link {@code name} in {@code dir} with the (already checked) {@code target}. */
    static void createSymbolicLink(DirHandle dir, String name, String target) throws IOException {
        DirHandle.check(name);
        Path here = dir.trustedPath();
        if (here != null) {
            Files.createSymbolicLink(here.resolve(name), Path.of(target));
            return;
        }
        String temp = tempName();
        Files.createSymbolicLink(dir.root.path.resolve(temp), Path.of(target));
        putInPlace(dir.root, temp, dir, name, false);
    }

    /**
     * Whether {@code link(2)} is known not to follow a symbolic link it is given as the source.
     * Linux's does not (POSIX leaves it open; the BSDs' and macOS's may follow it): elsewhere a
     * racing guest could swap a link to the outside in at the staged name and get a hard link to
     * an outside file made inside the grant.
     */
    private static final boolean LINK_DOES_NOT_FOLLOW = System.getProperty("os.name", "").startsWith("Linux");

    /**
     * {@code link}: a new name {@code toName} in {@code to} for the entry {@code fromName} in
     * {@code from}. ENOTSUP on hosts other than Linux (see {@link #LINK_DOES_NOT_FOLLOW}).
     */
    static void createLink(DirHandle from, String fromName, DirHandle to, String toName) throws IOException {
        if (!LINK_DOES_NOT_FOLLOW) throw new WasiError(Errno.ENOTSUP);
        DirHandle.check(fromName);
        DirHandle.check(toName);
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes a = from.lstat(fromName);
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (a.isDirectory()) throw new WasiError(Errno.EPERM);
            Staged source;
            try {
                source = Staged.of(from, fromName, a.fileKey());
            } catch (WasiError e) {
                if (e.errno == Errno.EAGAIN && attempt < MAX_ATTEMPTS) continue;
                throw e;
            }
            try {
                Path here = to.trustedPath();
                if (here != null) {
                    Files.createLink(here.resolve(toName), source.path);
                } else {
                    String temp = tempName();
                    Files.createLink(to.root.path.resolve(temp), source.path);
                    putInPlace(to.root, temp, to, toName, false);
                }
                return;
            } finally {
                source.restore();
            }
        }
    }

    /** {@code readlink} of the link {@code name} in {@code dir}, for the guest to see: EINVAL if it is not a link. */
    static String readLink(DirHandle dir, String name) throws IOException {
        DirHandle.check(name);
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes a = dir.lstat(name);
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (!a.isSymbolicLink()) throw new WasiError(Errno.EINVAL);
            try {
                return readStaged(dir, name, a.fileKey());
            } catch (WasiError e) {
                if (e.errno != Errno.EAGAIN || attempt >= MAX_ATTEMPTS) throw e;
            }
        }
    }

    /** The text of the link {@code name} (whose file key is {@code key}); EAGAIN if it was replaced meanwhile. */
    private static String readStaged(DirHandle dir, String name, Object key) throws IOException {
        Staged link = Staged.of(dir, name, key);
        try {
            return Files.readSymbolicLink(link.path).toString();
        } finally {
            link.restore();
        }
    }

    /**
     * The target of the link {@code name} in {@code dir}, whose attributes {@code a} were read
     * through the handle, for path resolution to follow. Unlike {@link #readLink} this does not
     * stage the link (resolution must work in directories that are not writable): it reads the
     * path {@code dir} had when it was opened, and takes the text if it is as long as the link
     * the handle saw. If not, and that path still leads to {@code dir}, the entry has changed and
     * the resolver looks at it again; only if {@code dir} has moved is the link staged. A racing
     * guest could thus at most substitute the text of some other link of the same length. That
     * text is never shown to the guest: resolution treats it as guest input, relative to the
     * handle it holds (absolute: ENOTCAPABLE, {@code ..} bounded by its own stack), so it can only
     * lead to files inside the grant.
     *
     * @return the text, or {@code null} if the entry is no longer that link (look at it again)
     */
    static String linkToFollow(DirHandle dir, String name, BasicFileAttributes a) throws IOException {
        DirHandle.check(name);
        Path here = dir.trustedPath();
        try {
            if (here != null) return Files.readSymbolicLink(here.resolve(name)).toString();
            String text = Files.readSymbolicLink(dir.path.resolve(name)).toString();
            if (text.getBytes(StandardCharsets.UTF_8).length == a.size()) return text;
        } catch (NotLinkException | NoSuchFileException e) {
            // replaced or moved meanwhile (or this directory has moved since it was opened)
        }
        if (here != null || stillThere(dir)) return null; // the entry changed: look at it again
        // this directory has moved since it was opened: read the link where it is now, if it is
        // still the link the handle saw (else the resolver looks at the entry again)
        BasicFileAttributes now = dir.lstat(name);
        if (now == null || !now.isSymbolicLink() || !Objects.equals(now.fileKey(), a.fileKey())) return null;
        try {
            return readStaged(dir, name, a.fileKey());
        } catch (WasiError e) {
            if (e.errno == Errno.EAGAIN) return null;
            throw e;
        }
    }

    /** Whether the path {@code dir} was opened by leads to it still (so a failed read there means the entry changed). */
    private static boolean stillThere(DirHandle dir) {
        try {
            Object key = dir.stat().fileKey();
            return key != null && key.equals(Files.readAttributes(dir.path, BasicFileAttributes.class).fileKey());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sets the times of the link {@code name} in {@code dir} itself ({@code lutimes}). */
    static void setLinkTimes(DirHandle dir, String name, FileTime[] times) throws IOException {
        DirHandle.check(name);
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes a = dir.lstat(name);
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (!a.isSymbolicLink()) {
                dir.setTimes(name, times[1], times[0]); // no longer a link: through the handle
                return;
            }
            Staged link;
            try {
                link = Staged.of(dir, name, a.fileKey());
            } catch (WasiError e) {
                if (e.errno == Errno.EAGAIN && attempt < MAX_ATTEMPTS) continue;
                throw e;
            }
            try {
                HostFs.setTimes(link.path, times);
                return;
            } finally {
                link.restore();
            }
        }
    }

    /**
     * Moves the new entry {@code temp} from {@code root} to {@code name} in {@code dir}, unless
     * something is there (EEXIST); removes it on failure.
     */
    private static void putInPlace(DirHandle root, String temp, DirHandle dir, String name, boolean directory)
            throws IOException {
        boolean placed = false;
        try {
            if (dir.lstat(name) != null) throw new FileAlreadyExistsException(name);
            root.move(temp, dir, name);
            placed = true;
        } finally {
            if (!placed) {
                try {
                    if (directory) root.deleteDirectory(temp);
                    else root.deleteFile(temp);
                } catch (IOException | RuntimeException e) {
                    // someone replaced it meanwhile; it stays inside the grant either way
                }
            }
        }
    }

    /** An existing entry made reachable by a trusted path: in place in a root, else moved into the root. */
    private static final class Staged {
        final Path path;
        private final DirHandle home;
        private final String name;
        private final String temp;

        private Staged(Path path, DirHandle home, String name, String temp) {
            this.path = path;
            this.home = home;
            this.name = name;
            this.temp = temp;
        }

        /**
         * Makes the entry {@code name} in {@code dir}, whose file key is {@code key}, reachable by
         * a trusted path. If what was moved into the root is not that entry (replaced meanwhile),
         * it is moved back and the call fails with EAGAIN.
         */
        static Staged of(DirHandle dir, String name, Object key) throws IOException {
            Path here = dir.trustedPath();
            if (here != null) return new Staged(here.resolve(name), dir, name, null);
            String temp = tempName();
            dir.move(name, dir.root, temp);
            Staged staged = new Staged(dir.root.path.resolve(temp), dir, name, temp);
            BasicFileAttributes moved = dir.root.lstat(temp);
            if (moved == null || !Objects.equals(moved.fileKey(), key)) {
                staged.restore();
                throw new WasiError(Errno.EAGAIN);
            }
            return staged;
        }

        /**
         * Moves a staged entry back to its name. If another entry took the name meanwhile and
         * cannot be replaced (a directory), this fails and the entry stays in the root under its
         * temporary name, inside the grant.
         */
        void restore() throws IOException {
            if (temp != null) home.root.move(temp, home, name);
        }
    }
}
