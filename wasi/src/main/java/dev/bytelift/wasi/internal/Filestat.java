package dev.bytelift.wasi.internal;

/**
 * The fields of a WASI {@code $filestat}; timestamps are nanoseconds since the Unix epoch.
 *
 * @param fileKey the host's identity of the file (its {@code fileKey()}), or {@code null}
 */
public record Filestat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim,
        Object fileKey) {

    /** Writes the 64-byte {@code $filestat} at {@code ptr}. */
    public void writeTo(GuestMemory mem, int ptr) {
        mem.check(ptr, Abi.FILESTAT_SIZE);
        mem.zero(ptr, Abi.FILESTAT_SIZE);
        mem.setI64(ptr, dev);
        mem.setI64(ptr + 8, ino);
        mem.setU8(ptr + 16, filetype);
        mem.setI64(ptr + 24, nlink);
        mem.setI64(ptr + 32, size);
        mem.setI64(ptr + 40, atim);
        mem.setI64(ptr + 48, mtim);
        mem.setI64(ptr + 56, ctim);
    }
}
