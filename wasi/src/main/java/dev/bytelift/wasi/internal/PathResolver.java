package dev.bytelift.wasi.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sandbox: resolves a guest path against a directory descriptor, one component at a time,
 * through directory handles ({@link DirHandle}), so that the host never resolves more than one
 * plain name in a directory the resolver holds open, and never follows a link.
 *
 * <ul>
 *   <li>An absolute path fails with ENOTCAPABLE.</li>
 *   <li>The resolver keeps a stack of the directories it entered ({@link HandleStack}), from the
 *       descriptor's directory down. {@code .} is skipped; {@code ..} pops one, and fails with
 *       ENOTCAPABLE when only the descriptor's is left (the path would leave the directory). The
 *       host's {@code ..} is never used.</li>
 *   <li>Each other component is {@code lstat}ed through the handle on top ({@code fstatat}). A
 *       symbolic link (in any component but the last, and in the last one too when the caller
 *       follows links) is read and its target spliced into the components still to resolve: an
 *       absolute target fails with ENOTCAPABLE, and a relative one is resolved by the same rules,
 *       so a {@code ..} in it can climb at most to the descriptor's directory. More than
 *       {@value #MAX_SYMLINKS} links fail with ELOOP.</li>
 *   <li>A directory is entered by opening it through the handle on top with {@code O_NOFOLLOW}.
 *       If it has meanwhile become a link (or a file, or vanished), the open fails and the
 *       component is looked at again.</li>
 *   <li>A component that is neither the last nor a directory fails with ENOTDIR, a missing one
 *       with ENOENT. The last component may be missing (for creating it).</li>
 * </ul>
 *
 * The result is an open handle on a directory reached only through real directories below the
 * descriptor's, plus the last name (or none when the path names that directory itself). The
 * operations then act on that name relative to the handle, again never following a link in it,
 * so whatever another program changes meanwhile, nothing outside the descriptor's directory is
 * reached. The operations the JDK offers no handle-relative form for go through {@link Staging}.
 *
 * <p>Java's {@code Path.normalize} and {@code toRealPath} are not used on guest input: they
 * resolve {@code ..} lexically or let the host follow links outside the sandbox.
 */
public final class PathResolver {
    private PathResolver() {}

    /** The most symbolic links one resolution may follow (Linux's limit). */
    public static final int MAX_SYMLINKS = 40;
    /** How often an entry that changes between its lstat and its use (open, readlink) is looked at again. */
    private static final int MAX_RETRIES = 40;

    /**
     * A resolved path: {@code dir} (an open handle on a directory below or at the descriptor's
     * directory, released by {@link #close}) and the last component {@code name}, or
     * {@code name == null} when the path names {@code dir} itself.
     *
     * @param components the names of the directories from the descriptor's directory to {@code dir}
     * @param mustBeDir the guest path ended with {@code /}
     */
    record Resolved(DirHandle dir, String name, List<String> components, boolean mustBeDir)
            implements AutoCloseable {
        /** How many directories {@code dir} is below the descriptor's directory. */
        public int depth() {
            return components.size();
        }

        /** {@code lstat} of {@code name} (or {@code fstat} of {@code dir}), or {@code null} if it does not exist. */
        public BasicFileAttributes lstat() throws IOException {
            return name == null ? dir.stat() : dir.lstat(name);
        }

        @Override
        public void close() throws IOException {
            dir.release();
        }
    }

    /**
     * Resolves {@code path} against {@code base}. The caller closes the result.
     *
     * @param followLast whether a symbolic link in the last component is followed too
     */
    static Resolved resolve(DirFd base, String path, boolean followLast) throws IOException {
        if (path.isEmpty()) throw new WasiError(Errno.ENOENT);
        if (path.startsWith("/")) throw new WasiError(Errno.ENOTCAPABLE);
        boolean mustBeDir = false;
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') end--;
        if (end < path.length()) {
            mustBeDir = true;
            followLast = true; // POSIX: "name/" follows a link named "name"
        }
        Deque<String> todo = new ArrayDeque<>(split(path.substring(0, end)));
        int links = 0;
        int retries = 0;
        try (HandleStack stack = new HandleStack(base.handle())) {
            while (!todo.isEmpty()) {
                String c = todo.pollFirst();
                boolean last = todo.isEmpty();
                if (c.isEmpty() || c.equals(".")) continue;
                if (c.equals("..")) {
                    if (stack.isEmpty()) throw new WasiError(Errno.ENOTCAPABLE);
                    stack.pop();
                    continue;
                }
                checkName(c);
                DirHandle dir = stack.top();
                BasicFileAttributes a = dir.lstat(c);
                if (a == null) {
                    if (last) return result(stack, c, mustBeDir);
                    throw new WasiError(Errno.ENOENT);
                }
                if (a.isSymbolicLink() && (!last || followLast)) {
                    if (++links > MAX_SYMLINKS) throw new WasiError(Errno.ELOOP);
                    String target = Staging.linkToFollow(dir, c, a);
                    if (target == null) { // no longer the link it was a moment ago: look again
                        if (++retries > MAX_RETRIES) throw new WasiError(Errno.ELOOP);
                        links--;
                        todo.addFirst(c);
                        continue;
                    }
                    if (target.isEmpty()) throw new WasiError(Errno.ENOENT);
                    if (isAbsolute(target)) throw new WasiError(Errno.ENOTCAPABLE);
                    List<String> parts = split(target);
                    if (target.endsWith("/")) parts.add(".");
                    for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                    continue;
                }
                if (last) return result(stack, c, mustBeDir);
                if (!a.isDirectory()) throw new WasiError(Errno.ENOTDIR);
                DirHandle child;
                try {
                    child = dir.openDir(c);
                } catch (IOException e) {
                    int errno = HostErrors.errno(e);
                    boolean changed = errno == Errno.ELOOP || errno == Errno.ENOTDIR || errno == Errno.ENOENT;
                    if (!changed || ++retries > MAX_RETRIES) throw e;
                    todo.addFirst(c); // replaced since the lstat: look again
                    continue;
                }
                stack.push(c, child);
            }
            return result(stack, null, mustBeDir);
        }
    }

    /** The result on the directory on top of {@code stack} (retained for the result). */
    private static Resolved result(HandleStack stack, String name, boolean mustBeDir) throws IOException {
        return new Resolved(stack.top().retain(), name, stack.names(), mustBeDir);
    }

    /**
     * Checks, without touching the file system, that a symbolic link with {@code target} created in
     * a directory {@code depth} levels below a descriptor's directory stays inside it: EPERM for an
     * absolute target, ENOTCAPABLE for one whose {@code ..} climb out (the policy Node's WASI
     * applies, measured from the link's own directory).
     */
    public static void checkSymlinkTarget(String target, int depth) {
        if (target.isEmpty()) throw new WasiError(Errno.ENOENT);
        if (isAbsolute(target)) throw new WasiError(Errno.EPERM);
        int d = depth;
        for (String c : split(target)) {
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (--d < 0) throw new WasiError(Errno.ENOTCAPABLE);
            } else {
                checkName(c);
                d++;
            }
        }
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean isAbsolute(String target) {
        if (target.startsWith("/")) return true;
        // a host where '/' is not the only separator (Windows): refuse what it would see as rooted
        return File.separatorChar != '/' && (target.startsWith(File.separator) || target.indexOf(':') >= 0);
    }

    /** One path component must be one host name: no other separator, no NUL. */
    private static void checkName(String c) {
        if (c.indexOf('\0') >= 0) throw new WasiError(Errno.EINVAL);
        if (File.separatorChar != '/' && (c.indexOf(File.separatorChar) >= 0 || c.indexOf(':') >= 0)) {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
    }
}
