package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.OUT;
import static dev.bytelift.wasi.internal.Guest.READ;
import static dev.bytelift.wasi.internal.Guest.SANDBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guest pointers out of bounds fail the call with EFAULT: no exception, no trap, no partial host effect. */
class GuestMemoryTest {
    final Guest g = new Guest();
    final int size = g.memory.byteSize();

    @AfterEach
    void cleanUp() throws Exception {
        g.close();
    }

    /** Values are little-endian, read and written byte by byte (high bits set in every byte included). */
    @Test
    void valuesAreLittleEndian() {
        GuestMemory m = g.mem;
        m.setI64(200, 0x8182838485868788L);
        assertEquals(0x88, m.u8(200));
        assertEquals(0x81, m.u8(207));
        assertEquals(0x8788, m.u16(200));
        assertEquals(0x85868788, m.i32(200));
        assertEquals(0x81828384, m.i32(204));
        assertEquals(0x8182838485868788L, m.i64(200));
        m.setI32(300, -2);
        assertEquals(0xFE, m.u8(300));
        assertEquals(0xFF, m.u8(303));
        assertEquals(-2, m.i32(300));
        assertEquals(0xFFFFFFFEL, m.i64(300) & 0xFFFFFFFFL);
        m.setU16(400, 0xFFFF9ABC);
        assertEquals(0x9ABC, m.u16(400));
        assertEquals(0xBC, m.u8(400));
        assertEquals(0x9A, m.u8(401));
        assertEquals(0, m.u8(402), "a 16-bit store writes two bytes");
        m.setI64(size - 8, -1L);
        assertEquals(-1L, m.i64(size - 8));
    }

    @Test
    void resultPointersOutOfBoundsFault() {
        assertEquals(Errno.EFAULT, g.call("args_sizes_get", size - 2, 0));
        assertEquals(Errno.EFAULT, g.call("args_get", -4, 0));
        assertEquals(Errno.EFAULT, g.call("clock_time_get", 0, 1L, size - 7));
        assertEquals(Errno.EFAULT, g.call("fd_fdstat_get", 1, size));
        assertEquals(Errno.EFAULT, g.call("random_get", size - 10, 11));
        assertEquals(Errno.EFAULT, g.call("random_get", Integer.MIN_VALUE, 1));
        assertEquals(0, g.call("random_get", size - 10, 10));
        assertEquals(Errno.EFAULT, g.call("environ_get", 0, size - 2));
    }

    @Test
    void pathsAndIovecsOutOfBoundsFault() throws Exception {
        assertEquals(Errno.EFAULT, g.call("path_open", SANDBOX, 1, size - 2, 5, Abi.OFLAGS_CREAT, READ, 0L, 0, OUT));
        assertEquals(Errno.EFAULT, g.call("path_create_directory", SANDBOX, 100, -1));
        g.mem.setI32(64, size - 4);
        g.mem.setI32(68, 8);
        assertEquals(Errno.EFAULT, g.call("fd_write", 1, 64, 1, OUT));
        assertEquals(Errno.EFAULT, g.call("fd_write", 1, size - 4, 1, OUT));
        assertEquals(Errno.EFAULT, g.call("fd_read", 0, size - 16, 4, OUT));
        assertEquals(0, g.stdout.size(), "nothing was written");
        assertEquals(Errno.EFAULT, g.call("fd_readdir", SANDBOX, size - 10, 100, 0L, OUT));
        assertEquals(Errno.EFAULT, g.call("poll_oneoff", size - 47, 0, 1, OUT));
        try (var s = Files.list(g.sandbox)) {
            assertEquals(0, s.count(), "nothing was created");
        }
    }

    @Test
    void aModuleWithoutMemoryFaultsInsteadOfThrowing() {
        GuestMemory none = new GuestMemory(null);
        assertEquals(Errno.EFAULT, Imports.call(none, new Object[] {0, 0}, (m, a) -> ArgsEnviron.argsSizesGet(g.ctx, m, 0, 4)));
    }

    @Test
    void hugeCountsAreRefusedBeforeTheHostAllocatesForThem() {
        assertEquals(Errno.EINVAL, g.call("fd_write", 1, 0, GuestMemory.MAX_IOVECS + 1, OUT));
        assertEquals(Errno.EINVAL, g.call("poll_oneoff", 0, 0, 1000 + Poll.MAX_SUBSCRIPTIONS, OUT + 4));
    }

    @Test
    void hugeLengthsFailCleanly() {
        assertEquals(Errno.EFAULT, g.call("fd_prestat_dir_name", SANDBOX, size - 4, -1));
        g.mem.setI32(64, 0);
        g.mem.setI32(68, -1);
        assertEquals(Errno.EFAULT, g.call("fd_read", 0, 64, 1, OUT));
        assertEquals(Errno.ENAMETOOLONG, g.call("path_open", SANDBOX, 1, 0, 70_000, 0, READ, 0L, 0, OUT));
    }
}
