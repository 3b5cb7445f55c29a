package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import dev.bytelift.wasi.internal.PathResolver.Resolved;

/**
 * The {@code path_*} calls. Every guest path goes through {@link PathResolver}, which yields an
 * open handle on a directory inside the descriptor's plus one name; the host operation then acts
 * on that name relative to the handle and never follows a link in it ({@link DirHandle}), or, where
 * the JDK has no such form, goes through {@link Staging}. The checks made here before the host
 * call only choose the errno: if the entry changes in between, the host call fails or acts on
 * the new entry, still in the same directory. The errno of each failure is what Linux gives for
 * the same call.
 */
public final class PathOps {
    private PathOps() {}

    private static boolean follow(int lookupFlags) {
        return (lookupFlags & Abi.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0;
    }

    public static int createDirectory(WasiContext ctx, GuestMemory mem, int fd, int path, int pathLen)
            throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), false)) {
            if (r.name() == null) throw new WasiError(Errno.EEXIST);
            Staging.createDirectory(r.dir(), r.name());
        }
        return Errno.SUCCESS;
    }

    public static int filestatGet(WasiContext ctx, GuestMemory mem, int fd, int flags, int path, int pathLen,
            int resultPtr) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_FILESTAT_GET);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), follow(flags))) {
            mem.check(resultPtr, Abi.FILESTAT_SIZE);
            Filestat st = r.name() == null ? HostFs.stat(r.dir()) : HostFs.stat(r.dir(), r.name());
            if (r.mustBeDir() && st.filetype() != Abi.FILETYPE_DIRECTORY) throw new WasiError(Errno.ENOTDIR);
            st.writeTo(mem, resultPtr);
        }
        return Errno.SUCCESS;
    }

    public static int filestatSetTimes(WasiContext ctx, GuestMemory mem, int fd, int flags, int path, int pathLen,
            long atim, long mtim, int fstFlags) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        FileTime[] times = HostFs.times(atim, mtim, fstFlags);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), follow(flags))) {
            BasicFileAttributes a = r.lstat();
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (times[0] == null && times[1] == null) return Errno.SUCCESS;
            if (r.name() != null && a.isSymbolicLink()) {
                Staging.setLinkTimes(r.dir(), r.name(), times); // the link itself (not followed)
            } else {
                r.dir().setTimes(r.name(), times[1], times[0]);
            }
        }
        return Errno.SUCCESS;
    }

    public static int link(WasiContext ctx, GuestMemory mem, int oldFd, int oldFlags, int oldPath, int oldPathLen,
            int newFd, int newPath, int newPathLen) throws IOException {
        DirFd from = ctx.fds.dir(oldFd);
        DirFd to = ctx.fds.dir(newFd);
        from.require(Rights.PATH_LINK_SOURCE);
        to.require(Rights.PATH_LINK_TARGET);
        try (Resolved src = PathResolver.resolve(from, mem.string(oldPath, oldPathLen), follow(oldFlags));
                Resolved dst = PathResolver.resolve(to, mem.string(newPath, newPathLen), false)) {
            BasicFileAttributes a = src.lstat();
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (a.isDirectory()) throw new WasiError(Errno.EPERM);
            if (src.mustBeDir()) throw new WasiError(Errno.ENOTDIR);
            if (dst.name() == null || dst.lstat() != null) throw new WasiError(Errno.EEXIST);
            Staging.createLink(src.dir(), src.name(), dst.dir(), dst.name());
        }
        return Errno.SUCCESS;
    }

    /** {@code path_open}: a new descriptor for a file or directory, created if asked. */
    public static int open(WasiContext ctx, GuestMemory mem, int fd, int dirflags, int path, int pathLen, int oflags,
            long rightsBase, long rightsInheriting, int fdflags, int resultPtr) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_OPEN);
        if ((oflags & ~Abi.OFLAGS_ALL) != 0 || (fdflags & ~Abi.FDFLAGS_ALL) != 0) throw new WasiError(Errno.EINVAL);
        boolean creat = (oflags & Abi.OFLAGS_CREAT) != 0;
        boolean directory = (oflags & Abi.OFLAGS_DIRECTORY) != 0;
        boolean excl = (oflags & Abi.OFLAGS_EXCL) != 0;
        boolean trunc = (oflags & Abi.OFLAGS_TRUNC) != 0;
        if (creat) dir.require(Rights.PATH_CREATE_FILE);
        if (trunc) dir.require(Rights.PATH_FILESTAT_SET_SIZE);
        String guestPath = mem.string(path, pathLen);
        mem.check(resultPtr, 4);
        try (Resolved r = PathResolver.resolve(dir, guestPath, follow(dirflags))) {
            BasicFileAttributes a = r.lstat();
            long inheriting = rightsInheriting & dir.rightsInheriting;
            if (a != null && a.isSymbolicLink()) {
                // the last component is a link and the guest asked not to follow it
                throw new WasiError(directory ? Errno.ENOTDIR : Errno.ELOOP);
            }
            if (a == null) {
                if (!creat) throw new WasiError(Errno.ENOENT);
                if (directory) throw new WasiError(Errno.EINVAL);
                if (r.mustBeDir()) throw new WasiError(Errno.EISDIR);
            } else {
                if (creat && excl) throw new WasiError(Errno.EEXIST);
                if (a.isDirectory()) {
                    if (trunc || (rightsBase & Rights.FD_WRITE) != 0) throw new WasiError(Errno.EISDIR);
                    long base = rightsBase & dir.rightsInheriting & Rights.DIRECTORY_BASE;
                    DirHandle h = r.name() == null ? r.dir().retain() : r.dir().openDir(r.name());
                    try {
                        mem.setI32(resultPtr, ctx.fds.add(new DirFd(h, null, base, inheriting, fdflags)));
                    } catch (RuntimeException e) {
                        h.release();
                        throw e;
                    }
                    return Errno.SUCCESS;
                }
                if (directory || r.mustBeDir()) throw new WasiError(Errno.ENOTDIR);
            }
            return openFile(ctx, mem, dir, r, a, oflags, rightsBase, inheriting, fdflags, resultPtr);
        }
    }

    /** The regular-file half of {@code path_open}: {@code r.name()} in {@code r.dir()}, {@code a} its lstat or {@code null}. */
    private static int openFile(WasiContext ctx, GuestMemory mem, DirFd dir, Resolved r, BasicFileAttributes a,
            int oflags, long rightsBase, long inheriting, int fdflags, int resultPtr) throws IOException {
        boolean creat = (oflags & Abi.OFLAGS_CREAT) != 0;
        boolean excl = (oflags & Abi.OFLAGS_EXCL) != 0;
        boolean trunc = (oflags & Abi.OFLAGS_TRUNC) != 0;
        long base = rightsBase & dir.rightsInheriting & Rights.REGULAR_FILE_BASE;
        boolean read = (base & Rights.FD_READ) != 0;
        boolean write = (base & Rights.FD_WRITE) != 0;
        Set<OpenOption> options = new HashSet<>();
        if (write) options.add(StandardOpenOption.WRITE);
        if (read || !write) options.add(StandardOpenOption.READ);
        if (creat) options.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if (trunc && write) options.add(StandardOpenOption.TRUNCATE_EXISTING);
        if ((fdflags & Abi.FDFLAGS_SYNC) != 0) options.add(StandardOpenOption.SYNC);
        else if ((fdflags & (Abi.FDFLAGS_DSYNC | Abi.FDFLAGS_RSYNC)) != 0) options.add(StandardOpenOption.DSYNC);
        if (trunc && !write && a != null) {
            // O_TRUNC on a descriptor opened without write access
            r.dir().openFile(r.name(), Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)).close();
        }
        FileChannel channel;
        try {
            channel = r.dir().openFile(r.name(), options);
        } catch (AccessDeniedException e) {
            if (read || write || creat) throw e;
            channel = null; // neither read nor write asked for: a descriptor for fd_filestat_* only
        }
        Location at = null;
        try {
            Filestat st = HostFs.stat(r.dir(), r.name());
            at = new Location(dir.handle().retain(), r.components(), r.name(), st.fileKey());
            FileFd f = new FileFd(at, channel, st, base, inheriting, fdflags);
            mem.setI32(resultPtr, ctx.fds.add(f));
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) channel.close();
            } finally {
                if (at != null) at.close();
            }
            throw e;
        }
        return Errno.SUCCESS;
    }

    public static int readlink(WasiContext ctx, GuestMemory mem, int fd, int path, int pathLen, int buf, int bufLen,
            int resultPtr) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_READLINK);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), false)) {
            mem.check(buf, Integer.toUnsignedLong(bufLen));
            mem.check(resultPtr, 4);
            if (r.name() == null) throw new WasiError(Errno.EINVAL);
            BasicFileAttributes a = r.lstat();
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (!a.isSymbolicLink()) throw new WasiError(Errno.EINVAL);
            byte[] target = Staging.readLink(r.dir(), r.name()).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
            mem.write(buf, target, 0, n);
            mem.setI32(resultPtr, n);
        }
        return Errno.SUCCESS;
    }

    public static int removeDirectory(WasiContext ctx, GuestMemory mem, int fd, int path, int pathLen)
            throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), false)) {
            if (r.name() == null) throw new WasiError(Errno.EINVAL);
            BasicFileAttributes a = r.lstat();
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (!a.isDirectory()) throw new WasiError(Errno.ENOTDIR);
            r.dir().deleteDirectory(r.name());
        }
        return Errno.SUCCESS;
    }

    /** {@code path_rename}, with POSIX {@code rename} semantics (replaces a file or an empty directory). */
    public static int rename(WasiContext ctx, GuestMemory mem, int fd, int oldPath, int oldPathLen, int newFd,
            int newPath, int newPathLen) throws IOException {
        DirFd from = ctx.fds.dir(fd);
        DirFd to = ctx.fds.dir(newFd);
        from.require(Rights.PATH_RENAME_SOURCE);
        to.require(Rights.PATH_RENAME_TARGET);
        try (Resolved src = PathResolver.resolve(from, mem.string(oldPath, oldPathLen), false);
                Resolved dst = PathResolver.resolve(to, mem.string(newPath, newPathLen), false)) {
            if (src.name() == null || dst.name() == null) throw new WasiError(Errno.EBUSY);
            BasicFileAttributes s = src.lstat();
            if (s == null) throw new WasiError(Errno.ENOENT);
            if (src.mustBeDir() && !s.isDirectory()) throw new WasiError(Errno.ENOTDIR);
            BasicFileAttributes d = dst.lstat();
            if (d != null) {
                if (s.fileKey() != null && Objects.equals(s.fileKey(), d.fileKey())) return Errno.SUCCESS;
                if (s.isDirectory()) {
                    if (!d.isDirectory()) throw new WasiError(Errno.ENOTDIR);
                    if (!dst.dir().isEmptyDir(dst.name())) throw new WasiError(Errno.ENOTEMPTY);
                } else if (d.isDirectory()) {
                    throw new WasiError(Errno.EISDIR);
                }
            } else if (dst.mustBeDir() && !s.isDirectory()) {
                throw new WasiError(Errno.ENOTDIR);
            }
            // a directory moved into itself: the kernel refuses (EINVAL)
            src.dir().move(src.name(), dst.dir(), dst.name());
        }
        return Errno.SUCCESS;
    }

    /**
     * {@code path_symlink}: the target must not be absolute (EPERM) nor climb out of the
     * descriptor's directory from the link's own directory (ENOTCAPABLE); see
     * {@link PathResolver#checkSymlinkTarget}.
     */
    public static int symlink(WasiContext ctx, GuestMemory mem, int oldPath, int oldPathLen, int fd, int newPath,
            int newPathLen) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_SYMLINK);
        String target = mem.string(oldPath, oldPathLen);
        try (Resolved link = PathResolver.resolve(dir, mem.string(newPath, newPathLen), false)) {
            if (link.name() == null) throw new WasiError(Errno.EEXIST);
            PathResolver.checkSymlinkTarget(target, link.depth());
            if (link.lstat() != null) throw new WasiError(Errno.EEXIST);
            Staging.createSymbolicLink(link.dir(), link.name(), target);
        }
        return Errno.SUCCESS;
    }

    public static int unlinkFile(WasiContext ctx, GuestMemory mem, int fd, int path, int pathLen) throws IOException {
        DirFd dir = ctx.fds.dir(fd);
        dir.require(Rights.PATH_UNLINK_FILE);
        try (Resolved r = PathResolver.resolve(dir, mem.string(path, pathLen), false)) {
            if (r.name() == null) throw new WasiError(Errno.EISDIR);
            BasicFileAttributes a = r.lstat();
            if (a == null) throw new WasiError(Errno.ENOENT);
            if (a.isDirectory()) throw new WasiError(Errno.EISDIR);
            if (r.mustBeDir()) throw new WasiError(Errno.ENOTDIR);
            r.dir().deleteFile(r.name());
        }
        return Errno.SUCCESS;
    }
}
