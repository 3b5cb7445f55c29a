package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory: a preopened one (with the name the guest knows it by) or one opened with
 * {@code path_open}. It is a capability: paths resolved against it can never leave it (see
 * {@link PathResolver}). A directory below a preopen is found again through its
 * {@link Location} on every use, so a guest that moves it and puts a link in its place gets
 * ENOENT instead of wherever the link leads.
 */
public final class DirFd extends Descriptor {
    private final Location location;
    /** The guest's name for a preopened directory ({@code fd_prestat_dir_name}), else {@code null}. */
    final String preopenName;
    private List<Entry> listing;

    /** One directory entry as {@code fd_readdir} returns it. */
    record Entry(byte[] name, long ino, int type) {}

    private DirFd(Location location, String preopenName, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.location = location;
        this.preopenName = preopenName;
    }

    /** A preopened directory with every right. */
    public static DirFd preopen(Path hostDir, String guestName) {
        return new DirFd(Location.root(hostDir), guestName, Rights.DIRECTORY_BASE, Rights.DIRECTORY_INHERITING, 0);
    }

    /** The location of the entry {@code names} below this directory (as {@link PathResolver} resolved them). */
    Location below(List<String> names) {
        return location.below(names);
    }

    /** The directory at {@code names} below this one, as a new descriptor. */
    DirFd open(List<String> names, long rightsBase, long rightsInheriting, int fdflags) throws IOException {
        Location at = location.below(names).identify();
        return new DirFd(at, null, rightsBase, rightsInheriting, fdflags);
    }

    /** The host directory, checked (see {@link Location#check}). */
    Path path() throws IOException {
        return location.check();
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
        return HostFs.stat(path());
    }

    @Override
    void setTimes(long atim, long mtim, int fstFlags) throws IOException {
        HostFs.setTimes(path(), atim, mtim, fstFlags);
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
        Path path = path();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        names.sort(null);
        List<Entry> out = new ArrayList<>(names.size() + 2);
        long self = inode(path);
        out.add(new Entry(new byte[] {'.'}, self, Abi.FILETYPE_DIRECTORY));
        // the parent may lie outside the sandbox: report this directory's own inode for it
        out.add(new Entry(new byte[] {'.', '.'}, self, Abi.FILETYPE_DIRECTORY));
        for (String name : names) {
            Path p = path.resolve(name);
            long ino = 0;
            int type = Abi.FILETYPE_UNKNOWN;
            try {
                Filestat st = HostFs.stat(p);
                ino = st.ino();
                type = st.filetype();
            } catch (IOException e) {
                BasicFileAttributes a = HostFs.lstatOrNull(p);
                if (a == null) continue; // removed meanwhile
                type = HostFs.filetype(a);
            }
            out.add(new Entry(name.getBytes(StandardCharsets.UTF_8), ino, type));
        }
        return out;
    }

    private static long inode(Path p) {
        try {
            return HostFs.stat(p).ino();
        } catch (IOException e) {
            return 0;
        }
    }
}
