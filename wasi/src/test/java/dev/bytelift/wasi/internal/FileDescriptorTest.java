package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.OUT;
import static dev.bytelift.wasi.internal.Guest.READ;
import static dev.bytelift.wasi.internal.Guest.READ_WRITE;
import static dev.bytelift.wasi.internal.Guest.SANDBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code fd_*} calls on files and directories, where the recorded programs do not look. */
class FileDescriptorTest {
    final Guest g = new Guest();

    @AfterEach
    void cleanUp() throws Exception {
        g.close();
    }

    @Test
    void appendModeWritesAtTheEndWhateverTheOffset() throws Exception {
        Files.writeString(g.sandbox.resolve("log"), "abc");
        assertEquals(0, g.call("path_open", SANDBOX, 1, g.str("log"), 3, 0, READ_WRITE | Rights.FD_FDSTAT_SET_FLAGS, 0L,
                Abi.FDFLAGS_APPEND, OUT));
        int fd = g.fd();
        assertEquals(0, g.call("fd_seek", fd, 0L, Abi.WHENCE_SET, OUT));
        assertEquals(0, g.write(fd, "de"));
        assertEquals("abcde", Files.readString(g.sandbox.resolve("log")));
        assertEquals(0, g.call("fd_fdstat_set_flags", fd, 0));
        assertEquals(0, g.call("fd_seek", fd, 0L, Abi.WHENCE_SET, OUT));
        assertEquals(0, g.write(fd, "X"));
        assertEquals("Xbcde", Files.readString(g.sandbox.resolve("log")));
    }

    @Test
    void truncatingKeepsTheOffsetAndExtendingZeroFills() throws Exception {
        Files.writeString(g.sandbox.resolve("f"), "0123456789");
        assertEquals(0, g.open("f", 0, READ_WRITE));
        int fd = g.fd();
        assertEquals(0, g.call("fd_seek", fd, 8L, Abi.WHENCE_SET, OUT));
        assertEquals(0, g.call("fd_filestat_set_size", fd, 4L));
        assertEquals(0, g.call("fd_tell", fd, OUT));
        assertEquals(8L, g.mem.i64(OUT));
        assertEquals(0, g.call("fd_filestat_set_size", fd, 6L));
        assertEquals("0123\0\0", Files.readString(g.sandbox.resolve("f")));
        assertEquals(0, g.call("fd_allocate", fd, 0L, 100L));
        assertEquals(100, Files.size(g.sandbox.resolve("f")));
    }

    @Test
    void rightsAreEnforcedAndCanOnlyBeDropped() throws Exception {
        Files.writeString(g.sandbox.resolve("f"), "data");
        assertEquals(0, g.open("f", 0, READ));
        int fd = g.fd();
        assertEquals(Errno.EBADF, g.write(fd, "x"), "not opened for writing");
        assertEquals(0, g.call("fd_fdstat_get", fd, OUT));
        long base = g.mem.i64(OUT + 8);
        assertEquals(READ, base, "the rights asked for, as far as a file can have them");
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_fdstat_set_rights", fd, base | Rights.FD_WRITE, 0L));
        assertEquals(0, g.call("fd_fdstat_set_rights", fd, Rights.FD_READ, 0L));
        assertEquals(Errno.ENOTCAPABLE, g.call("fd_seek", fd, 1L, Abi.WHENCE_SET, OUT));
        assertEquals("data", g.read(fd, 10));
        assertEquals(0, g.call("fd_fdstat_set_rights", SANDBOX, Rights.DIRECTORY_BASE & ~Rights.PATH_OPEN,
                Rights.DIRECTORY_INHERITING));
        assertEquals(Errno.ENOTCAPABLE, g.open("f", 0, READ));
    }

    @Test
    void directoriesAndStreamsAnswerWithPosixErrnos() {
        g.mem.setI32(64, 128);
        g.mem.setI32(68, 16);
        assertEquals(Errno.EISDIR, g.call("fd_read", SANDBOX, 64, 1, OUT));
        assertEquals(Errno.EBADF, g.call("fd_seek", SANDBOX, 0L, 0, OUT));
        assertEquals(Errno.ESPIPE, g.call("fd_seek", 1, 0L, 0, OUT));
        assertEquals(Errno.ESPIPE, g.call("fd_tell", 0, OUT));
        assertEquals(Errno.ESPIPE, g.call("fd_pread", 0, OUT, 0, 0L, OUT));
        assertEquals(Errno.EBADF, g.call("fd_write", 0, OUT, 0, OUT));
        assertEquals(Errno.EBADF, g.call("fd_close", 77));
        assertEquals(Errno.EBADF, g.call("fd_prestat_get", 1, OUT), "only preopens have a prestat");
        assertEquals(Errno.ENOTDIR, g.open(1, "x", true, 0, READ));
        assertEquals(Errno.ENOTSOCK, g.call("sock_shutdown", 1, 3));
        assertEquals(Errno.ENOTSOCK, g.call("sock_accept", SANDBOX, 0, OUT));
        assertEquals(Errno.EBADF, g.call("sock_recv", 40, OUT, 1, 0, OUT, OUT + 8));
        assertEquals(Errno.EBADF, g.call("sock_send", 40, OUT, 1, 0, OUT));
        assertEquals(Errno.ENOSYS, g.call("proc_raise", 6));
        assertEquals(Errno.EINVAL, g.call("fd_advise", SANDBOX + 0, 0L, 0L, 9));
    }

    @Test
    void stdoutIsWrittenAndStdioReportsNoTerminal() {
        assertEquals(0, g.write(1, "hello"));
        assertEquals("hello", g.stdout.toString(StandardCharsets.UTF_8));
        assertEquals(0, g.call("fd_fdstat_get", 1, OUT));
        assertEquals(Abi.FILETYPE_UNKNOWN, g.mem.u8(OUT));
        assertEquals(0L, g.mem.i64(OUT + 8) & (Rights.FD_SEEK | Rights.FD_TELL), "so isatty() is false");
    }

    @Test
    void aBrokenStdoutFailsWritesWithEioAndClosesQuietly() throws Exception {
        java.io.PrintStream broken = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        });
        WasiContext ctx = new WasiContext(List.of(), List.of(),
                new WasiContext.Stdio(java.io.InputStream.nullInputStream(), false),
                new WasiContext.Stdio(broken, false), new WasiContext.Stdio(broken, false), List.of(),
                new java.security.SecureRandom());
        GuestMemory mem = g.mem;
        mem.setI32(64, 128);
        mem.setI32(68, 4);
        assertEquals(Errno.EIO, Imports.call(mem, new Object[] {1, 64, 1, OUT}, Imports.bodies(ctx).get("fd_write")));
        ctx.close(); // must not throw
    }

    @Test
    void prestatNamesThePreopenWithoutNul() {
        assertEquals(0, g.call("fd_prestat_get", SANDBOX, OUT));
        assertEquals(Abi.PREOPENTYPE_DIR, g.mem.u8(OUT));
        assertEquals(8, g.mem.i32(OUT + 4));
        assertEquals(Errno.ENAMETOOLONG, g.call("fd_prestat_dir_name", SANDBOX, OUT, 7));
        assertEquals(0, g.call("fd_prestat_dir_name", SANDBOX, OUT, 8));
        assertEquals("/sandbox", new String(g.mem.read(OUT, 8), StandardCharsets.UTF_8));
        assertEquals(Errno.EBADF, g.call("fd_prestat_get", SANDBOX + 1, OUT));
    }

    @Test
    void readdirContinuesFromACookieAndCutsTheLastEntryShort() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String n = String.format("file-%02d-%s", i, "x".repeat(i));
            names.add(n);
            Files.writeString(g.sandbox.resolve(n), "");
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        int buf = 8192;
        int bufLen = 100;
        for (int rounds = 0; rounds < 1000; rounds++) {
            assertEquals(0, g.call("fd_readdir", SANDBOX, buf, bufLen, cookie, OUT));
            int used = g.mem.i32(OUT);
            int at = 0;
            boolean cut = false;
            while (at + Abi.DIRENT_SIZE <= used) {
                long next = g.mem.i64(buf + at);
                int namlen = g.mem.i32(buf + at + 16);
                if (at + Abi.DIRENT_SIZE + namlen > used) {
                    cut = true;
                    break;
                }
                seen.add(new String(g.mem.read(buf + at + Abi.DIRENT_SIZE, namlen), StandardCharsets.UTF_8));
                assertEquals(Abi.FILETYPE_DIRECTORY == g.mem.u8(buf + at + 20), seen.get(seen.size() - 1).startsWith("."));
                cookie = next;
                at += Abi.DIRENT_SIZE + namlen;
            }
            if (used < bufLen && !cut) break;
        }
        List<String> expected = new ArrayList<>(List.of(".", ".."));
        expected.addAll(names);
        assertEquals(expected, seen);
    }

    @Test
    void renumberMovesADescriptorOntoAnOpenOne() throws Exception {
        Files.writeString(g.sandbox.resolve("a"), "AAA");
        Files.writeString(g.sandbox.resolve("b"), "BBB");
        assertEquals(0, g.open("a", 0, READ));
        int a = g.fd();
        assertEquals(0, g.open("b", 0, READ));
        int b = g.fd();
        assertEquals(Errno.EBADF, g.call("fd_renumber", a, 999));
        assertEquals(0, g.call("fd_renumber", a, b));
        assertEquals("AAA", g.read(b, 10));
        assertEquals(Errno.EBADF, g.call("fd_close", a));
        assertEquals(0, g.open("b", 0, READ));
        assertEquals(a, g.fd(), "the lowest free number is reused");
    }

    @Test
    void filestatFollowsTheOpenFileAcrossARename() throws Exception {
        Files.writeString(g.sandbox.resolve("f"), "12345");
        assertEquals(0, g.open("f", 0, READ));
        int fd = g.fd();
        assertEquals(0, g.rename("f", "g"));
        Files.writeString(g.sandbox.resolve("f"), "a different file");
        assertEquals(0, g.call("fd_filestat_get", fd, OUT));
        assertEquals(5L, g.mem.i64(OUT + 32), "size of the file the descriptor refers to");
        assertEquals(Abi.FILETYPE_REGULAR_FILE, g.mem.u8(OUT + 16));
    }

    @Test
    void pathFilestatReportsTypesSizesAndLinkCounts() throws Exception {
        Files.writeString(g.sandbox.resolve("f"), "12345");
        Files.createLink(g.sandbox.resolve("h"), g.sandbox.resolve("f"));
        Files.createSymbolicLink(g.sandbox.resolve("l"), java.nio.file.Path.of("f"));
        assertEquals(0, g.stat("f", false));
        assertEquals(Abi.FILETYPE_REGULAR_FILE, g.mem.u8(OUT + 16));
        assertEquals(2L, g.mem.i64(OUT + 24));
        assertEquals(5L, g.mem.i64(OUT + 32));
        assertTrue(g.mem.i64(OUT + 48) > 1_500_000_000L * 1_000_000_000L, "mtime in nanoseconds");
        assertEquals(0, g.stat("l", false));
        assertEquals(Abi.FILETYPE_SYMBOLIC_LINK, g.mem.u8(OUT + 16));
        assertEquals(0, g.stat("l", true));
        assertEquals(Abi.FILETYPE_REGULAR_FILE, g.mem.u8(OUT + 16));
        assertEquals(0, g.stat(".", false));
        assertEquals(Abi.FILETYPE_DIRECTORY, g.mem.u8(OUT + 16));
    }

    @Test
    void renameFollowsPosixRules() throws Exception {
        Files.createDirectories(g.sandbox.resolve("d/sub"));
        Files.createDirectories(g.sandbox.resolve("e"));
        Files.writeString(g.sandbox.resolve("f"), "f");
        assertEquals(Errno.EISDIR, g.rename("f", "e"));
        assertEquals(Errno.ENOTDIR, g.rename("e", "f"));
        assertEquals(Errno.ENOTEMPTY, g.rename("e", "d"));
        assertEquals(Errno.EINVAL, g.rename("d", "d/sub/x"));
        assertEquals(0, g.rename("d/sub", "e"), "onto an empty directory");
        assertEquals(Errno.ENOENT, g.rename("nope", "x"));
    }
}
