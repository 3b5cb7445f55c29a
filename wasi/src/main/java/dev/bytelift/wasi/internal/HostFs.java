package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Host file attributes as WASI sees them, never following a symbolic link. The attributes of a
 * name in a directory come from the directory's handle ({@code fstatat}, race-free, see
 * {@link DirHandle}); the JDK exposes {@code nlink} and {@code ctime} (and plain {@code dev} and
 * {@code ino}) only for a host path, so those are read from the path the directory had when it
 * was opened and used only if that path still names the very same file (same file key).
 */
public final class HostFs {
    private HostFs() {}

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime,fileKey";
    private static volatile boolean unixView = true;

    /** The WASI file type of attributes read without following links. */
    public static int filetype(BasicFileAttributes a) {
        if (a.isSymbolicLink()) return Abi.FILETYPE_SYMBOLIC_LINK;
        if (a.isDirectory()) return Abi.FILETYPE_DIRECTORY;
        if (a.isRegularFile()) return Abi.FILETYPE_REGULAR_FILE;
        return Abi.FILETYPE_UNKNOWN;
    }

    /** The WASI filestat of {@code name} in {@code dir} (not following a link); ENOENT if it is not there. */
    static Filestat stat(DirHandle dir, String name) throws IOException {
        BasicFileAttributes a = dir.lstat(name);
        if (a == null) throw new WasiError(Errno.ENOENT);
        return precise(a, dir.path.resolve(name));
    }

    /** The WASI filestat of the directory {@code dir} itself. */
    static Filestat stat(DirHandle dir) throws IOException {
        return precise(dir.stat(), dir.path);
    }

    /**
     * {@code a} (read through a handle), with the Unix details read at {@code hint} if that is
     * the same file. {@code hint} may lead anywhere by now (a directory on the way replaced by a
     * link): what is read there is thrown away unless its file key is {@code a}'s, so nothing
     * about a file outside the sandbox ever reaches the guest.
     */
    private static Filestat precise(BasicFileAttributes a, Path hint) {
        Object key = a.fileKey();
        if (key != null) {
            try {
                Filestat there = stat(hint);
                if (key.equals(there.fileKey())) return there;
            } catch (IOException | RuntimeException e) {
                // moved, replaced or gone: the handle's attributes are what is known
            }
        }
        return new Filestat(0, inode(key), filetype(a), 1, a.size(), nanos(a.lastAccessTime()),
                nanos(a.lastModifiedTime()), nanos(a.lastModifiedTime()), key);
    }

    /**
     * The inode number in a file key: the JDK's Unix file key prints as {@code (dev=..,ino=N)}
     * and offers no accessor. Anything else gives a hash, stable for the same file.
     */
    static long inode(Object fileKey) {
        if (fileKey == null) return 0;
        String s = fileKey.toString();
        int at = s.indexOf("ino=");
        if (at >= 0) {
            int end = at + 4;
            while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
            try {
                return Long.parseLong(s.substring(at + 4, end));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return fileKey.hashCode() & 0xffffffffL;
    }

    /** {@code lstat} of a host path as a WASI filestat (only for a path the sandbox trusts, or checked by file key). */
    static Filestat stat(Path path) throws IOException {
        if (unixView) {
            try {
                Map<String, Object> m = Files.readAttributes(path, UNIX_ATTRIBUTES, NOFOLLOW);
                int mode = (Integer) m.get("mode");
                return new Filestat(
                        ((Number) m.get("dev")).longValue(),
                        ((Number) m.get("ino")).longValue(),
                        filetypeOfMode(mode),
                        ((Number) m.get("nlink")).longValue(),
                        ((Number) m.get("size")).longValue(),
                        nanos((FileTime) m.get("lastAccessTime")),
                        nanos((FileTime) m.get("lastModifiedTime")),
                        nanos((FileTime) m.get("ctime")),
                        m.get("fileKey"));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false; // not a Unix host: basic attributes only
            }
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        Object key = a.fileKey();
        return new Filestat(0, key == null ? 0 : key.hashCode() & 0xffffffffL, filetype(a), 1, a.size(),
                nanos(a.lastAccessTime()), nanos(a.lastModifiedTime()), nanos(a.creationTime()), key);
    }

    private static int filetypeOfMode(int mode) {
        switch (mode & 0170000) {
            case 0140000: return Abi.FILETYPE_SOCKET_STREAM;
            case 0120000: return Abi.FILETYPE_SYMBOLIC_LINK;
            case 0100000: return Abi.FILETYPE_REGULAR_FILE;
            case 0060000: return Abi.FILETYPE_BLOCK_DEVICE;
            case 0040000: return Abi.FILETYPE_DIRECTORY;
            case 0020000: return Abi.FILETYPE_CHARACTER_DEVICE;
            default: return Abi.FILETYPE_UNKNOWN; // FIFOs have no WASI file type
        }
    }

    /** Nanoseconds since the epoch (saturating). */
    public static long nanos(FileTime t) {
        if (t == null) return 0;
        Instant i = t.toInstant();
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return i.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Sets the access and modification times ({@link #times}) of {@code path} itself, not a
     * link's target. For {@link Staging} only: it takes a host path.
     */
    static void setTimes(Path path, FileTime[] times) throws IOException {
        if (times[0] == null && times[1] == null) return;
        Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW).setTimes(times[1], times[0], null);
    }

    /** {@code [atime, mtime]} from the WASI arguments ({@code null}: unchanged); EINVAL for bad flags. */
    static FileTime[] times(long atim, long mtim, int fstFlags) {
        if ((fstFlags & ~0xf) != 0) throw new WasiError(Errno.EINVAL);
        boolean aSet = (fstFlags & Abi.FSTFLAGS_ATIM) != 0, aNow = (fstFlags & Abi.FSTFLAGS_ATIM_NOW) != 0;
        boolean mSet = (fstFlags & Abi.FSTFLAGS_MTIM) != 0, mNow = (fstFlags & Abi.FSTFLAGS_MTIM_NOW) != 0;
        if ((aSet && aNow) || (mSet && mNow)) throw new WasiError(Errno.EINVAL);
        FileTime now = (aNow || mNow) ? FileTime.from(Instant.now()) : null;
        FileTime a = aNow ? now : aSet ? FileTime.from(atim, TimeUnit.NANOSECONDS) : null;
        FileTime m = mNow ? now : mSet ? FileTime.from(mtim, TimeUnit.NANOSECONDS) : null;
        return new FileTime[] {a, m};
    }
}
