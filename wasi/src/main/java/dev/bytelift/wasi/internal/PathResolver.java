package dev.bytelift.wasi.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sandbox: resolves a guest path against a directory descriptor, one component at a time,
 * without ever letting the host resolve anything but a single plain name in a directory already
 * checked.
 *
 * <ul>
 *   <li>An absolute path fails with ENOTCAPABLE.</li>
 *   <li>The resolver keeps the stack of directory names below the descriptor's directory.
 *       {@code .} is skipped; {@code ..} pops a name, and fails with ENOTCAPABLE when the stack is
 *       empty (the path would leave the directory).</li>
 *   <li>Each other component is {@code lstat}ed. A symbolic link (in any component but the last,
 *       and in the last one too when the caller follows links) is read and its target spliced into
 *       the components still to resolve: an absolute target fails with ENOTCAPABLE, and a relative
 *       one is resolved by the same rules, so a {@code ..} in it can climb at most to the
 *       descriptor's directory. More than {@value #MAX_SYMLINKS} links fail with ELOOP.</li>
 *   <li>A component that is neither the last nor a directory fails with ENOTDIR, a missing one
 *       with ENOENT. The last component may be missing (for creating it).</li>
 * </ul>
 *
 * The result is a directory path with no symbolic link below the descriptor's directory, plus
 * the last name (or none when the path names that directory itself). Operations on it never
 * follow a link in the last name ({@code NOFOLLOW_LINKS}, {@code unlink}, {@code rename}...),
 * so even a link that appears there after resolution is not followed.
 *
 * <p>Java's {@code Path.normalize} and {@code toRealPath} are not used on guest input: they
 * resolve {@code ..} lexically or let the host follow links outside the sandbox.
 */
public final class PathResolver {
    private PathResolver() {}

    /** The most symbolic links one resolution may follow (Linux's limit). */
    public static final int MAX_SYMLINKS = 40;

    /**
     * A resolved path: {@code dir} (a directory below or at the descriptor's directory) and the
     * last component {@code name}, or {@code name == null} when the path names {@code dir} itself.
     *
     * @param components the names of the directories from the descriptor's directory to {@code dir}
     * @param mustBeDir the guest path ended with {@code /}
     */
    public record Resolved(Path dir, String name, List<String> components, boolean mustBeDir) {
        /** How many directories {@code dir} is below the descriptor's directory. */
        public int depth() {
            return components.size();
        }

        /** The host path. */
        public Path host() {
            return name == null ? dir : dir.resolve(name);
        }

        /** {@code lstat} of the host path, or {@code null} if it does not exist. */
        public BasicFileAttributes lstat() throws IOException {
            return HostFs.lstatOrNull(host());
        }
    }

    /**
     * Resolves {@code path} against {@code base}.
     *
     * @param followLast whether a symbolic link in the last component is followed too
     */
    public static Resolved resolve(DirFd base, String path, boolean followLast) throws IOException {
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
        List<String> stack = new ArrayList<>();
        Path dir = base.path();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            boolean last = todo.isEmpty();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (stack.isEmpty()) throw new WasiError(Errno.ENOTCAPABLE);
                stack.remove(stack.size() - 1);
                dir = dir.getParent();
                continue;
            }
            checkName(c);
            Path p = dir.resolve(c);
            BasicFileAttributes a = HostFs.lstatOrNull(p);
            if (a == null) {
                if (last) return new Resolved(dir, c, List.copyOf(stack), mustBeDir);
                throw new WasiError(Errno.ENOENT);
            }
            if (a.isSymbolicLink() && (!last || followLast)) {
                if (++links > MAX_SYMLINKS) throw new WasiError(Errno.ELOOP);
                String target = Files.readSymbolicLink(p).toString();
                if (target.isEmpty()) throw new WasiError(Errno.ENOENT);
                if (isAbsolute(target)) throw new WasiError(Errno.ENOTCAPABLE);
                List<String> parts = split(target);
                if (target.endsWith("/")) parts.add(".");
                for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                continue;
            }
            if (last) return new Resolved(dir, c, List.copyOf(stack), mustBeDir);
            if (!a.isDirectory()) throw new WasiError(Errno.ENOTDIR);
            stack.add(c);
            dir = p;
        }
        return new Resolved(dir, null, List.copyOf(stack), mustBeDir);
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
