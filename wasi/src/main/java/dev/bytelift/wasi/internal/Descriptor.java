package dev.bytelift.wasi.internal;

import java.io.IOException;

/**
 * An entry of the WASI file-descriptor table: its file type, rights and flags, and the operations
 * every kind of descriptor answers. An operation a kind does not support fails with the errno a
 * POSIX host gives for it (for example ESPIPE for seeking a stream).
 */
public abstract class Descriptor {
    /** The rights of this descriptor ({@code fs_rights_base}). */
    long rightsBase;
    /** The rights descriptors opened through this one may get ({@code fs_rights_inheriting}). */
    long rightsInheriting;
    /** The {@code $fdflags}. */
    int fdflags;

    Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    /** The WASI {@code $filetype}. */
    public abstract int filetype();

    /** Fails with ENOTCAPABLE unless this descriptor has every right in {@code rights}. */
    void require(long rights) {
        if ((rightsBase & rights) != rights) throw new WasiError(Errno.ENOTCAPABLE);
    }

    /** Fails with {@code errno} unless this descriptor has every right in {@code rights}. */
    void require(long rights, int errno) {
        if ((rightsBase & rights) != rights) throw new WasiError(errno);
    }

    /** {@code fd_read}: scatters into the guest buffers {@code iovs} ({@code [ptr, len, ...]}). */
    int read(GuestMemory mem, int[] iovs) throws IOException {
        throw new WasiError(Errno.EBADF);
    }

    /** {@code fd_write}: gathers from the guest buffers {@code iovs}. */
    int write(GuestMemory mem, int[] iovs) throws IOException {
        throw new WasiError(Errno.EBADF);
    }

    /** {@code fd_pread}. */
    int pread(GuestMemory mem, int[] iovs, long offset) throws IOException {
        throw new WasiError(Errno.ESPIPE);
    }

    /** {@code fd_pwrite}. */
    int pwrite(GuestMemory mem, int[] iovs, long offset) throws IOException {
        throw new WasiError(Errno.ESPIPE);
    }

    /** {@code fd_seek}: the new offset. */
    long seek(long offset, int whence) throws IOException {
        throw new WasiError(Errno.ESPIPE);
    }

    /** {@code fd_filestat_get}. */
    abstract Filestat filestat() throws IOException;

    /** {@code fd_filestat_set_size}. */
    void setSize(long size) throws IOException {
        throw new WasiError(Errno.EINVAL);
    }

    /** {@code fd_filestat_set_times}. */
    void setTimes(long atim, long mtim, int fstFlags) throws IOException {
        HostFs.times(atim, mtim, fstFlags); // validates the flags
        throw new WasiError(Errno.EBADF);
    }

    /** {@code fd_allocate}. */
    void allocate(long offset, long length) throws IOException {
        throw new WasiError(Errno.ESPIPE);
    }

    /** {@code fd_sync} / {@code fd_datasync}. */
    void sync(boolean metadata) throws IOException {
    }

    /** {@code fd_fdstat_set_flags}: may the flags change to {@code flags}? */
    void setFlags(int flags) {
        if ((flags & Abi.FDFLAGS_SYNC_ALL) != (fdflags & Abi.FDFLAGS_SYNC_ALL)) throw new WasiError(Errno.ENOTSUP);
        fdflags = flags;
    }

    /**
     * For {@code poll_oneoff}: how many bytes can be read without blocking (0 at end of file), or
     * -1 if a read would block now.
     */
    long readableBytes() throws IOException {
        return 0;
    }

    /** Releases the host resources; called once, when the descriptor leaves the table. */
    void close() throws IOException {
    }
}
