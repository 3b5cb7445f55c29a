package dev.bytelift.wasi.internal;

/**
 * The small enums and flag sets of WASI preview 1 ({@code wasi/api.h}): file types, fd flags,
 * open flags, lookup flags, timestamp flags, whence, clocks, event types, advice.
 */
public final class Abi {
    private Abi() {}

    // $filetype (u8)
    public static final int FILETYPE_UNKNOWN = 0;
    public static final int FILETYPE_BLOCK_DEVICE = 1;
    public static final int FILETYPE_CHARACTER_DEVICE = 2;
    public static final int FILETYPE_DIRECTORY = 3;
    public static final int FILETYPE_REGULAR_FILE = 4;
    public static final int FILETYPE_SOCKET_DGRAM = 5;
    public static final int FILETYPE_SOCKET_STREAM = 6;
    public static final int FILETYPE_SYMBOLIC_LINK = 7;

    // $fdflags (u16)
    public static final int FDFLAGS_APPEND = 1;
    public static final int FDFLAGS_DSYNC = 2;
    public static final int FDFLAGS_NONBLOCK = 4;
    public static final int FDFLAGS_RSYNC = 8;
    public static final int FDFLAGS_SYNC = 16;
    public static final int FDFLAGS_ALL = 31;
    /** The flags that change how data reaches the disk: fixed when a file is opened. */
    public static final int FDFLAGS_SYNC_ALL = FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC;

    // $oflags (u16)
    public static final int OFLAGS_CREAT = 1;
    public static final int OFLAGS_DIRECTORY = 2;
    public static final int OFLAGS_EXCL = 4;
    public static final int OFLAGS_TRUNC = 8;
    public static final int OFLAGS_ALL = 15;

    // $lookupflags (u32)
    public static final int LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

    // $fstflags (u16)
    public static final int FSTFLAGS_ATIM = 1;
    public static final int FSTFLAGS_ATIM_NOW = 2;
    public static final int FSTFLAGS_MTIM = 4;
    public static final int FSTFLAGS_MTIM_NOW = 8;

    // $whence (u8)
    public static final int WHENCE_SET = 0;
    public static final int WHENCE_CUR = 1;
    public static final int WHENCE_END = 2;

    // $clockid (u32)
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;

    // $eventtype (u8)
    public static final int EVENTTYPE_CLOCK = 0;
    public static final int EVENTTYPE_FD_READ = 1;
    public static final int EVENTTYPE_FD_WRITE = 2;

    // $subclockflags (u16)
    public static final int SUBCLOCKFLAGS_ABSTIME = 1;

    // $eventrwflags (u16)
    public static final int EVENTRWFLAGS_HANGUP = 1;

    // $advice (u8): NORMAL .. NOREUSE
    public static final int ADVICE_MAX = 5;

    // $preopentype (u8)
    public static final int PREOPENTYPE_DIR = 0;

    // struct sizes
    public static final int FDSTAT_SIZE = 24;
    public static final int FILESTAT_SIZE = 64;
    public static final int DIRENT_SIZE = 24;
    public static final int SUBSCRIPTION_SIZE = 48;
    public static final int EVENT_SIZE = 32;
    public static final int IOVEC_SIZE = 8;
    public static final int PRESTAT_SIZE = 8;
}
