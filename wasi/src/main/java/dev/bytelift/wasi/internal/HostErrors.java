package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Maps what the JVM reports about a failed host operation to a WASI errno. {@code java.nio.file}
 * has exception types for the common errors; for the rest the JDK passes the host's
 * {@code strerror} text as {@link FileSystemException#getReason()}, which is matched here (the
 * English texts of glibc and macOS). Anything unknown becomes EIO.
 */
public final class HostErrors {
    private HostErrors() {}

    /** The errno for an exception thrown by a host operation. */
    public static int errno(Throwable t) {
        if (t instanceof WasiError e) return e.errno;
        if (t instanceof UncheckedIOException u) return errno(u.getCause());
        if (t instanceof NoSuchFileException) return Errno.ENOENT;
        if (t instanceof FileAlreadyExistsException) return Errno.EEXIST;
        if (t instanceof DirectoryNotEmptyException) return Errno.ENOTEMPTY;
        if (t instanceof AccessDeniedException) return fromReason(((FileSystemException) t).getReason(), Errno.EACCES);
        if (t instanceof NotDirectoryException) return Errno.ENOTDIR;
        if (t instanceof NotLinkException) return Errno.EINVAL;
        if (t instanceof AtomicMoveNotSupportedException) return Errno.EXDEV;
        if (t instanceof FileSystemLoopException) return Errno.ELOOP;
        if (t instanceof FileSystemException f) return fromReason(f.getReason(), Errno.EIO);
        if (t instanceof ClosedChannelException) return Errno.EBADF;
        if (t instanceof NonReadableChannelException || t instanceof NonWritableChannelException) return Errno.EBADF;
        if (t instanceof IOException) return fromReason(t.getMessage(), Errno.EIO);
        if (t instanceof InvalidPathException) return Errno.EINVAL;
        if (t instanceof UnsupportedOperationException) return Errno.ENOTSUP;
        if (t instanceof SecurityException) return Errno.EACCES;
        if (t instanceof IllegalArgumentException) return Errno.EINVAL;
        return Errno.EIO;
    }

    /** The errno whose {@code strerror} text {@code reason} contains, else {@code fallback}. */
    static int fromReason(String reason, int fallback) {
        if (reason == null) return fallback;
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("too many levels of symbolic links")) return Errno.ELOOP;
        if (r.contains("not a directory")) return Errno.ENOTDIR;
        if (r.contains("is a directory")) return Errno.EISDIR;
        if (r.contains("directory not empty")) return Errno.ENOTEMPTY;
        if (r.contains("file exists")) return Errno.EEXIST;
        if (r.contains("no such file or directory")) return Errno.ENOENT;
        if (r.contains("permission denied")) return Errno.EACCES;
        if (r.contains("operation not permitted")) return Errno.EPERM;
        if (r.contains("invalid argument")) return Errno.EINVAL;
        if (r.contains("read-only file system")) return Errno.EROFS;
        if (r.contains("no space left on device")) return Errno.ENOSPC;
        if (r.contains("disk quota exceeded")) return Errno.EDQUOT;
        if (r.contains("file name too long")) return Errno.ENAMETOOLONG;
        if (r.contains("cross-device link")) return Errno.EXDEV;
        if (r.contains("too many links")) return Errno.EMLINK;
        if (r.contains("too many open files in system")) return Errno.ENFILE;
        if (r.contains("too many open files")) return Errno.EMFILE;
        if (r.contains("file too large")) return Errno.EFBIG;
        if (r.contains("broken pipe")) return Errno.EPIPE;
        if (r.contains("bad file descriptor")) return Errno.EBADF;
        if (r.contains("device or resource busy") || r.contains("resource busy")) return Errno.EBUSY;
        if (r.contains("text file busy")) return Errno.ETXTBSY;
        if (r.contains("illegal seek")) return Errno.ESPIPE;
        if (r.contains("no such device")) return Errno.ENODEV;
        if (r.contains("operation not supported")) return Errno.ENOTSUP;
        if (r.contains("input/output error")) return Errno.EIO;
        return fallback;
    }
}
