package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A file opened with {@code path_open} that is not a directory: a {@link FileChannel}, or no
 * channel at all when the guest asked for neither reading nor writing and the host refused to
 * open the file for reading (then only the {@code filestat} calls work).
 *
 * <p>The file offset is the channel's position. {@code APPEND} is emulated: each write first
 * moves the position to the end of the file.
 */
public final class FileFd extends Descriptor {
    private final Location location;
    private final FileChannel channel;
    private final int filetype;
    private final Filestat openedAs;

    FileFd(Location location, FileChannel channel, Filestat openedAs, long rightsBase, long rightsInheriting,
            int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.location = location;
        this.channel = channel;
        this.openedAs = openedAs;
        this.filetype = openedAs.filetype();
    }

    @Override
    public int filetype() {
        return filetype;
    }

    private FileChannel channel() {
        if (channel == null) throw new WasiError(Errno.EBADF);
        return channel;
    }

    private static ByteBuffer[] buffers(GuestMemory mem, int[] iovs) {
        ByteBuffer[] out = new ByteBuffer[iovs.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = mem.slice(iovs[2 * i], iovs[2 * i + 1]);
        return out;
    }

    @Override
    int read(GuestMemory mem, int[] iovs) throws IOException {
        require(Rights.FD_READ, Errno.EBADF);
        long n = channel().read(buffers(mem, iovs));
        return n < 0 ? 0 : (int) n;
    }

    @Override
    int write(GuestMemory mem, int[] iovs) throws IOException {
        require(Rights.FD_WRITE, Errno.EBADF);
        FileChannel ch = channel();
        if ((fdflags & Abi.FDFLAGS_APPEND) != 0) ch.position(ch.size());
        ByteBuffer[] bufs = buffers(mem, iovs);
        long total = 0;
        for (ByteBuffer b : bufs) total += b.remaining();
        long done = 0;
        while (done < total) done += ch.write(bufs);
        return (int) total;
    }

    @Override
    int pread(GuestMemory mem, int[] iovs, long offset) throws IOException {
        require(Rights.FD_READ, Errno.EBADF);
        if (offset < 0) throw new WasiError(Errno.EINVAL);
        FileChannel ch = channel();
        long pos = offset;
        int total = 0;
        for (ByteBuffer b : buffers(mem, iovs)) {
            while (b.hasRemaining()) {
                int n = ch.read(b, pos);
                if (n <= 0) return total;
                pos += n;
                total += n;
            }
        }
        return total;
    }

    @Override
    int pwrite(GuestMemory mem, int[] iovs, long offset) throws IOException {
        require(Rights.FD_WRITE, Errno.EBADF);
        if (offset < 0) throw new WasiError(Errno.EINVAL);
        FileChannel ch = channel();
        long pos = offset;
        int total = 0;
        for (ByteBuffer b : buffers(mem, iovs)) {
            while (b.hasRemaining()) {
                int n = ch.write(b, pos);
                pos += n;
                total += n;
            }
        }
        return total;
    }

    @Override
    long seek(long offset, int whence) throws IOException {
        FileChannel ch = channel();
        long base;
        switch (whence) {
            case Abi.WHENCE_SET: base = 0; break;
            case Abi.WHENCE_CUR: base = ch.position(); break;
            case Abi.WHENCE_END: base = ch.size(); break;
            default: throw new WasiError(Errno.EINVAL);
        }
        long target;
        try {
            target = Math.addExact(base, offset);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.EOVERFLOW);
        }
        if (target < 0) throw new WasiError(Errno.EINVAL);
        ch.position(target);
        return target;
    }

    /** The offset, for {@code fd_tell}. */
    long position() throws IOException {
        return channel().position();
    }

    @Override
    Filestat filestat() throws IOException {
        try {
            DirHandle dir = location.find();
            try {
                Filestat now = HostFs.stat(dir, location.name());
                if (openedAs.fileKey() == null || Objects.equals(now.fileKey(), openedAs.fileKey())) return now;
            } finally {
                dir.release();
            }
        } catch (IOException | WasiError e) {
            // renamed or unlinked since it was opened: fall through
        }
        long size = channel != null ? channel.size() : openedAs.size();
        return new Filestat(openedAs.dev(), openedAs.ino(), filetype, 0, size, openedAs.atim(), openedAs.mtim(),
                openedAs.ctim(), openedAs.fileKey());
    }

    @Override
    void setSize(long size) throws IOException {
        if (size < 0) throw new WasiError(Errno.EINVAL);
        if ((rightsBase & Rights.FD_WRITE) == 0) throw new WasiError(Errno.EINVAL);
        FileChannel ch = channel();
        long position = ch.position();
        long current = ch.size();
        if (size < current) {
            ch.truncate(size);
            ch.position(position); // ftruncate leaves the offset alone; FileChannel.truncate does not
        } else if (size > current) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    void setTimes(long atim, long mtim, int fstFlags) throws IOException {
        FileTime[] times = HostFs.times(atim, mtim, fstFlags);
        // the same file as opened, reached through handles without following a link, else ENOENT
        DirHandle dir = location.find();
        try {
            if (times[0] != null || times[1] != null) dir.setTimes(location.name(), times[1], times[0]);
        } finally {
            dir.release();
        }
    }

    @Override
    void allocate(long offset, long length) throws IOException {
        if (offset < 0 || length <= 0) throw new WasiError(Errno.EINVAL);
        if ((rightsBase & Rights.FD_WRITE) == 0) throw new WasiError(Errno.EBADF);
        long end;
        try {
            end = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.EFBIG);
        }
        FileChannel ch = channel();
        if (end > ch.size()) ch.write(ByteBuffer.wrap(new byte[1]), end - 1);
    }

    @Override
    void sync(boolean metadata) throws IOException {
        if (channel != null) channel.force(metadata);
    }

    @Override
    long readableBytes() throws IOException {
        if (channel == null) return 0;
        return Math.max(0, channel.size() - channel.position());
    }

    @Override
    void close() throws IOException {
        try {
            if (channel != null) channel.close();
        } finally {
            location.close();
        }
    }
}
