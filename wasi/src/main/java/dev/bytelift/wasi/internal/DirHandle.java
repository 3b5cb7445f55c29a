package dev.bytelift.wasi.internal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open host directory: a {@link SecureDirectoryStream}, which on Linux and macOS holds a
 * directory file descriptor and does every operation on a name relative to it ({@code openat},
 * {@code fstatat}, {@code unlinkat}, {@code renameat}). The kernel never resolves more than one
 * plain name in a directory this handle holds, and never follows a link in it: a concurrent
 * change can make an operation fail or meet a different entry of this directory, but cannot send
 * it anywhere else. This is what makes the sandbox race-free (see {@link PathResolver}).
 *
 * <p>Every name given to a handle must be one plain name: not empty, not {@code .} or {@code ..},
 * no {@code /}, no NUL ({@link #check}). The JDK would otherwise pass {@code ../x} or an absolute
 * path straight to {@code openat}, which resolves them with no regard for the handle.
 *
 * <p>A handle is shared by reference counting ({@link #retain}, {@link #release}): a directory
 * descriptor holds its handle, a file descriptor holds the handle it was opened through, and
 * every handle holds its preopen's root, which {@link Staging} needs.
 */
final class DirHandle {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> stream;
    /** Where the directory was when it was opened; trusted only for a root (see {@link #trustedPath}). */
    final Path path;
    /** The preopened directory this one was reached from ({@code this} for a root). */
    final DirHandle root;
    private int refs = 1;

    private DirHandle(SecureDirectoryStream<Path> stream, Path path, DirHandle root) {
        this.stream = stream;
        this.path = path;
        this.root = root == null ? this : root;
    }

    /**
     * Opens a preopened directory. Its path is the host's choice and trusted (pinned with
     * {@code toRealPath} by the caller).
     *
     * @throws UnsupportedOperationException if the host has no {@link SecureDirectoryStream}
     *     (Windows): the sandbox then cannot be made race-free, and directories are refused
     */
    static DirHandle openRoot(Path dir) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
        if (!(ds instanceof SecureDirectoryStream<Path> s)) {
            ds.close();
            throw new UnsupportedOperationException("this host has no SecureDirectoryStream (openat): "
                    + "WASI cannot grant directories race-free here");
        }
        return new DirHandle(s, dir, null);
    }

    /** Whether this is a preopened directory (whose {@link #path} only the host can change). */
    boolean isRoot() {
        return root == this;
    }

    /** The host path of this directory if it can be trusted (a root), else {@code null}. */
    Path trustedPath() {
        return isRoot() ? path : null;
    }

    synchronized DirHandle retain() {
        if (refs <= 0) throw new IllegalStateException("closed");
        refs++;
        return this;
    }

    /** Drops one reference; the last closes the directory and lets go of the root. */
    void release() throws IOException {
        synchronized (this) {
            if (--refs > 0) return;
        }
        try {
            stream.close();
        } finally {
            if (root != this) root.release();
        }
    }

    /**
     * The subdirectory {@code name}, opened without following a link ({@code O_NOFOLLOW}): ELOOP
     * if it is a link, ENOTDIR if it is not a directory, ENOENT if it is gone.
     */
    DirHandle openDir(String name) throws IOException {
        SecureDirectoryStream<Path> child = stream.newDirectoryStream(check(name), NOFOLLOW);
        try {
            return new DirHandle(child, path.resolve(name), root.retain());
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** A second handle on this same directory ({@code openat(fd, ".")}), e.g. to list it afresh. */
    private SecureDirectoryStream<Path> reopen() throws IOException {
        return stream.newDirectoryStream(Path.of("."), NOFOLLOW);
    }

    /** {@code fstatat(..., AT_SYMLINK_NOFOLLOW)}: the entry {@code name} itself, or {@code null} if there is none. */
    BasicFileAttributes lstat(String name) throws IOException {
        try {
            return stream.getFileAttributeView(check(name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** {@code fstat} of this directory. */
    BasicFileAttributes stat() throws IOException {
        return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    /** Opens the file {@code name} ({@code O_NOFOLLOW} is always added). */
    FileChannel openFile(String name, Set<OpenOption> options) throws IOException {
        Set<OpenOption> o = new HashSet<>(options);
        o.add(LinkOption.NOFOLLOW_LINKS);
        return (FileChannel) stream.newByteChannel(check(name), o);
    }

    /** {@code unlinkat(fd, name, 0)}. */
    void deleteFile(String name) throws IOException {
        stream.deleteFile(check(name));
    }

    /** {@code unlinkat(fd, name, AT_REMOVEDIR)}. */
    void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(check(name));
    }

    /** {@code renameat}: moves the entry {@code from} here to {@code to} in {@code target}, replacing what is there. */
    void move(String from, DirHandle target, String to) throws IOException {
        stream.move(check(from), target.stream, check(to));
    }

    /**
     * Sets the times of {@code name} (which must not be a link: the JDK opens it with
     * {@code O_NOFOLLOW} and calls {@code futimes}), or of this directory when {@code name} is
     * {@code null}. {@code null} times are left alone.
     */
    void setTimes(String name, FileTime mtime, FileTime atime) throws IOException {
        BasicFileAttributeView view = name == null
                ? stream.getFileAttributeView(BasicFileAttributeView.class)
                : stream.getFileAttributeView(check(name), BasicFileAttributeView.class, NOFOLLOW);
        view.setTimes(mtime, atime, null);
    }

    /** The names in this directory (without {@code .} and {@code ..}), read afresh. */
    List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        try (SecureDirectoryStream<Path> again = reopen()) {
            for (Path p : again) out.add(p.getFileName().toString());
        }
        return out;
    }

    /** Whether this directory's subdirectory {@code name} is empty (read through a handle on it). */
    boolean isEmptyDir(String name) throws IOException {
        try (SecureDirectoryStream<Path> d = stream.newDirectoryStream(check(name), NOFOLLOW)) {
            return !d.iterator().hasNext();
        }
    }

    /**
     * {@code name} as a JDK path, if it is one plain name. Everything that reaches the handle's
     * host calls goes through here: a slip in a caller cannot turn into {@code openat(fd, "..")}.
     */
    static Path check(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0 || name.indexOf(File.separatorChar) >= 0) {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
        Path p = Path.of(name);
        if (p.isAbsolute() || p.getNameCount() != 1) throw new WasiError(Errno.ENOTCAPABLE);
        return p;
    }
}
