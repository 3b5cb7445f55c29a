package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Host file-system queries that never follow a symbolic link in the last component: WASI path
 * resolution ({@link PathResolver}) follows links itself, so by the time a path reaches the host
 * every link in it has been checked.
 */
public final class HostFs {
    private HostFs() {}

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime,fileKey";
    private static volatile boolean unixView = true;

    /** {@code lstat}: the attributes of {@code path} itself, or {@code null} if it does not exist. */
    public static BasicFileAttributes lstatOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The WASI file type of attributes read without following links. */
    public static int filetype(BasicFileAttributes a) {
        if (a.isSymbolicLink()) return Abi.FILETYPE_SYMBOLIC_LINK;
        if (a.isDirectory()) return Abi.FILETYPE_DIRECTORY;
        if (a.isRegularFile()) return Abi.FILETYPE_REGULAR_FILE;
        return Abi.FILETYPE_UNKNOWN;
    }

    /** {@code lstat} as a WASI filestat. */
    public static Filestat stat(Path path) throws IOException {
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
     * Sets the access and modification times of {@code path} itself (not a link's target) as
     * {@code fd_filestat_set_times} / {@code path_filestat_set_times} describe them.
     */
    public static void setTimes(Path path, long atim, long mtim, int fstFlags) throws IOException {
        FileTime[] times = times(atim, mtim, fstFlags);
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
