package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code fd_*} calls: each looks up the descriptor, checks its rights and delegates to it. */
public final class FdOps {
    private FdOps() {}

    public static int advise(WasiContext ctx, int fd, long offset, long len, int advice) {
        Descriptor d = ctx.fds.get(fd);
        if (advice < 0 || advice > Abi.ADVICE_MAX || offset < 0 || len < 0) throw new WasiError(Errno.EINVAL);
        if (d instanceof StreamFd) throw new WasiError(Errno.ESPIPE);
        if (d instanceof DirFd) throw new WasiError(Errno.EBADF);
        d.require(Rights.FD_ADVISE);
        return Errno.SUCCESS; // advice only: nothing to do
    }

    public static int allocate(WasiContext ctx, int fd, long offset, long len) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_ALLOCATE);
        d.allocate(offset, len);
        return Errno.SUCCESS;
    }

    public static int close(WasiContext ctx, int fd) throws IOException {
        ctx.fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    public static int sync(WasiContext ctx, int fd, boolean metadata) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(metadata ? Rights.FD_SYNC : Rights.FD_DATASYNC);
        d.sync(metadata);
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_get}: the 24-byte {@code $fdstat}. */
    public static int fdstatGet(WasiContext ctx, GuestMemory mem, int fd, int ptr) {
        Descriptor d = ctx.fds.get(fd);
        mem.check(ptr, Abi.FDSTAT_SIZE);
        mem.zero(ptr, Abi.FDSTAT_SIZE);
        mem.setU8(ptr, d.filetype());
        mem.setU16(ptr + 2, d.fdflags);
        mem.setI64(ptr + 8, d.rightsBase);
        mem.setI64(ptr + 16, d.rightsInheriting);
        return Errno.SUCCESS;
    }

    public static int fdstatSetFlags(WasiContext ctx, int fd, int flags) {
        Descriptor d = ctx.fds.get(fd);
        if ((flags & ~Abi.FDFLAGS_ALL) != 0) throw new WasiError(Errno.EINVAL);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        d.setFlags(flags);
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_set_rights}: rights can only be dropped. */
    public static int fdstatSetRights(WasiContext ctx, int fd, long base, long inheriting) {
        Descriptor d = ctx.fds.get(fd);
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    public static int filestatGet(WasiContext ctx, GuestMemory mem, int fd, int ptr) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET);
        mem.check(ptr, Abi.FILESTAT_SIZE);
        d.filestat().writeTo(mem, ptr);
        return Errno.SUCCESS;
    }

    public static int filestatSetSize(WasiContext ctx, int fd, long size) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_SIZE);
        d.setSize(size);
        return Errno.SUCCESS;
    }

    public static int filestatSetTimes(WasiContext ctx, int fd, long atim, long mtim, int fstFlags) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        d.setTimes(atim, mtim, fstFlags);
        return Errno.SUCCESS;
    }

    public static int pread(WasiContext ctx, GuestMemory mem, int fd, int iovs, int iovsLen, long offset, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        int[] v = mem.iovecs(iovs, iovsLen);
        mem.check(resultPtr, 4);
        mem.setI32(resultPtr, d.pread(mem, v, offset));
        return Errno.SUCCESS;
    }

    public static int pwrite(WasiContext ctx, GuestMemory mem, int fd, int iovs, int iovsLen, long offset, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        int[] v = mem.iovecs(iovs, iovsLen);
        mem.check(resultPtr, 4);
        mem.setI32(resultPtr, d.pwrite(mem, v, offset));
        return Errno.SUCCESS;
    }

    public static int read(WasiContext ctx, GuestMemory mem, int fd, int iovs, int iovsLen, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        int[] v = mem.iovecs(iovs, iovsLen);
        mem.check(resultPtr, 4);
        mem.setI32(resultPtr, d.read(mem, v));
        return Errno.SUCCESS;
    }

    public static int write(WasiContext ctx, GuestMemory mem, int fd, int iovs, int iovsLen, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        int[] v = mem.iovecs(iovs, iovsLen);
        mem.check(resultPtr, 4);
        mem.setI32(resultPtr, d.write(mem, v));
        return Errno.SUCCESS;
    }

    /** {@code fd_prestat_get}: EBADF for anything but a preopened directory (wasi-libc stops there). */
    public static int prestatGet(WasiContext ctx, GuestMemory mem, int fd, int ptr) {
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof DirFd dir) || dir.preopenName == null) throw new WasiError(Errno.EBADF);
        mem.check(ptr, Abi.PRESTAT_SIZE);
        mem.zero(ptr, Abi.PRESTAT_SIZE);
        mem.setU8(ptr, Abi.PREOPENTYPE_DIR);
        mem.setI32(ptr + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    public static int prestatDirName(WasiContext ctx, GuestMemory mem, int fd, int path, int pathLen) {
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof DirFd dir) || dir.preopenName == null) throw new WasiError(Errno.EBADF);
        byte[] name = dir.preopenName.getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(pathLen) < name.length) throw new WasiError(Errno.ENAMETOOLONG);
        mem.write(path, name);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_readdir}: as many {@code $dirent} headers (24 bytes) plus names as fit in the
     * buffer, the last one cut short if it does not fit (the guest then knows to call again).
     */
    public static int readdir(WasiContext ctx, GuestMemory mem, int fd, int buf, int bufLen, long cookie, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof DirFd dir)) throw new WasiError(Errno.ENOTDIR);
        d.require(Rights.FD_READDIR);
        long cap = Integer.toUnsignedLong(bufLen);
        mem.check(buf, cap);
        mem.check(resultPtr, 4);
        if (cookie < 0) throw new WasiError(Errno.EINVAL);
        List<DirFd.Entry> entries = dir.entries(cookie);
        long used = 0;
        long next = cookie;
        byte[] one = new byte[Abi.DIRENT_SIZE + 256];
        for (DirFd.Entry e : entries) {
            if (used >= cap) break;
            next++;
            int size = Abi.DIRENT_SIZE + e.name().length;
            if (one.length < size) one = new byte[size];
            java.util.Arrays.fill(one, 0, Abi.DIRENT_SIZE, (byte) 0);
            putI64(one, 0, next);
            putI64(one, 8, e.ino());
            putI32(one, 16, e.name().length);
            one[20] = (byte) e.type();
            System.arraycopy(e.name(), 0, one, Abi.DIRENT_SIZE, e.name().length);
            int n = (int) Math.min(size, cap - used);
            mem.write(buf + (int) used, one, 0, n);
            used += n;
        }
        mem.setI32(resultPtr, (int) used);
        return Errno.SUCCESS;
    }

    private static void putI64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    private static void putI32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    /** {@code fd_renumber}: both numbers must be open (EBADF otherwise). */
    public static int renumber(WasiContext ctx, int from, int to) throws IOException {
        ctx.fds.renumber(from, to);
        return Errno.SUCCESS;
    }

    public static int seek(WasiContext ctx, GuestMemory mem, int fd, long offset, int whence, int resultPtr)
            throws IOException {
        Descriptor d = ctx.fds.get(fd);
        mem.check(resultPtr, 8);
        if (d instanceof FileFd) {
            boolean tellOnly = whence == Abi.WHENCE_CUR && offset == 0;
            if (!tellOnly) d.require(Rights.FD_SEEK);
            else if ((d.rightsBase & (Rights.FD_SEEK | Rights.FD_TELL)) == 0) throw new WasiError(Errno.ENOTCAPABLE);
        }
        mem.setI64(resultPtr, d.seek(offset, whence));
        return Errno.SUCCESS;
    }

    public static int tell(WasiContext ctx, GuestMemory mem, int fd, int resultPtr) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof FileFd f)) {
            d.seek(0, Abi.WHENCE_CUR); // fails with the kind's errno: ESPIPE, EBADF
            throw new WasiError(Errno.ESPIPE);
        }
        d.require(Rights.FD_TELL);
        mem.check(resultPtr, 8);
        mem.setI64(resultPtr, f.position());
        return Errno.SUCCESS;
    }
}
