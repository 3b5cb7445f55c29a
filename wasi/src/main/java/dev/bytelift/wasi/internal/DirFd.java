package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory: a preopened one (with the name the guest knows it by) or one opened with
 * {@code path_open}. It is a capability: paths resolved against it can never leave it (see
 * {@link PathResolver}). It holds a handle on the host directory ({@link DirHandle}), so like a
 * POSIX descriptor it keeps naming the same directory when that is moved or renamed, and nothing
 * done to the path it was opened by can redirect it.
 */
public final class DirFd extends Descriptor {
    private final DirHandle handle;
    /** The guest's name for a preopened directory ({@code fd_prestat_dir_name}), else {@code null}. */
    final String preopenName;
    private List<Entry> listing;

    /** One directory entry as {@code fd_readdir} returns it. */
    record Entry(byte[] name, long ino, int type) {}

    /** Takes over {@code handle} (released on {@link #close}). */
    DirFd(DirHandle handle, String preopenName, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.handle = handle;
        this.preopenName = preopenName;
    }

    /**
     * A preopened directory with every right.
     *
     * @param hostDir the directory, as a real path (the host's choice: trusted)
     * @throws UnsupportedOperationException if the host cannot hold directory handles
     */
    public static DirFd preopen(Path hostDir, String guestName) throws IOException {
        return new DirFd(DirHandle.openRoot(hostDir), guestName, Rights.DIRECTORY_BASE, Rights.DIRECTORY_INHERITING, 0);
    }

    /** The handle on the host directory (not retained: valid while this descriptor is open). */
    DirHandle handle() {
        return handle;
    }

    @Override
    public int filetype() {
        return Abi.FILETYPE_DIRECTORY;
    }

    @Override
    int read(GuestMemory mem, int[] iovs) {
        throw new WasiError(Errno.EISDIR);
    }

    @Override
    long seek(long offset, int whence) {
        throw new WasiError(Errno.EBADF);
    }

    @Override
    void allocate(long offset, long length) {
        throw new WasiError(Errno.EBADF);
    }

    @Override
    Filestat filestat() throws IOException {
        return HostFs.stat(handle);
    }

    @Override
    void setTimes(long atim, long mtim, int fstFlags) throws IOException {
        FileTime[] times = HostFs.times(atim, mtim, fstFlags);
        if (times[0] != null || times[1] != null) handle.setTimes(null, times[1], times[0]);
    }

    @Override
    void setFlags(int flags) {
        fdflags = flags; // nothing to change on the host for a directory
    }

    /**
     * The entries from index {@code cookie} on: {@code .}, {@code ..}, then the names sorted. The
     * listing is read afresh when {@code cookie} is 0 and reused while the guest continues it, like
     * a host directory stream.
     */
    List<Entry> entries(long cookie) throws IOException {
        if (cookie == 0 || listing == null) listing = list();
        if (cookie >= listing.size()) return List.of();
        return listing.subList((int) cookie, listing.size());
    }

    private List<Entry> list() throws IOException {
        List<String> names = handle.names();
        names.sort(null);
        List<Entry> out = new ArrayList<>(names.size() + 2);
        long self = HostFs.inode(handle.stat().fileKey());
        out.add(new Entry(new byte[] {'.'}, self, Abi.FILETYPE_DIRECTORY));
        // the parent may lie outside the sandbox: report this directory's own inode for it
        out.add(new Entry(new byte[] {'.', '.'}, self, Abi.FILETYPE_DIRECTORY));
        for (String name : names) {
            BasicFileAttributes a = handle.lstat(name);
            if (a == null) continue; // removed meanwhile
            out.add(new Entry(name.getBytes(StandardCharsets.UTF_8), HostFs.inode(a.fileKey()), HostFs.filetype(a)));
        }
        return out;
    }

    @Override
    void close() throws IOException {
        handle.release();
    }
}
