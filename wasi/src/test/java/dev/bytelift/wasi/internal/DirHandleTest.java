package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.READ;
import static dev.bytelift.wasi.internal.Guest.READ_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The directory handles the sandbox works through: only plain names reach them, deep paths do not
 * hold a handle per component, staging leaves nothing behind, and every handle is released.
 */
class DirHandleTest {
    @Test
    void onlyOnePlainNameReachesAHandle() {
        for (String bad : List.of("", ".", "..", "a/b", "/etc", "../x", "a\0b")) {
            WasiError e = assertThrows(WasiError.class, () -> DirHandle.check(bad), bad);
            assertEquals(Errno.ENOTCAPABLE, e.errno, bad);
        }
        assertEquals(Path.of("a.txt"), DirHandle.check("a.txt"));
        assertEquals(Path.of("..."), DirHandle.check("..."));
    }

    @Test
    void aDeepPathClimbsBackThroughTheDirectoriesItEntered() throws Exception {
        try (Guest g = new Guest()) {
            int depth = 3 * HandleStack.MAX_HELD;
            Files.createDirectories(g.sandbox.resolve("d/".repeat(depth)));
            Files.writeString(g.sandbox.resolve("top.txt"), "top");
            String down = "d/".repeat(depth);
            assertEquals(Errno.SUCCESS, g.open(down + "../".repeat(depth) + "top.txt", 0, READ));
            assertEquals("top", g.read(g.fd(), 10));
            assertEquals(Errno.SUCCESS, g.open(down + "../".repeat(depth - 1) + "d/d/../../../top.txt", 0, READ));
            assertEquals(Errno.ENOTCAPABLE, g.open(down + "../".repeat(depth + 1) + "outside/secret.txt", 0, READ));
        }
    }

    @Test
    void linksAreFollowedAndReadInADirectoryMovedSinceItWasOpened() throws Exception {
        try (Guest g = new Guest()) {
            Files.createDirectories(g.sandbox.resolve("a/b"));
            Files.writeString(g.sandbox.resolve("a/b/f.txt"), "f");
            Files.createSymbolicLink(g.sandbox.resolve("a/b/l"), Path.of("f.txt"));
            assertEquals(Errno.SUCCESS, g.open("a/b", Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
            int d = g.fd();
            assertEquals(Errno.SUCCESS, g.rename("a", "z")); // the path d was opened by is stale now
            assertEquals(Errno.SUCCESS, g.open(d, "l", true, 0, READ));
            assertEquals("f", g.read(g.fd(), 10));
            int buf = 60_000;
            assertEquals(Errno.SUCCESS, g.call("path_readlink", d, g.str("l"), 1, buf, 100, Guest.OUT));
            assertEquals("f.txt", new String(g.mem.read(buf, g.mem.i32(Guest.OUT))));
            assertEquals(Errno.SUCCESS, g.call("path_filestat_get", d, 0, g.str("f.txt"), 5, Guest.OUT));
            assertEquals(Files.getAttribute(g.sandbox.resolve("z/b/f.txt"), "unix:ino"), g.mem.i64(Guest.OUT + 8));
            try (Stream<Path> s = Files.list(g.sandbox)) {
                assertEquals(List.of("z"), s.map(p -> p.getFileName().toString()).toList(), "no staging leftovers");
            }
        }
    }

    @Test
    void everyHandleIsReleasedAndStagingLeavesNothing() throws Exception {
        long before = openFds();
        try (Guest g = new Guest()) {
            long preopened = openFds();
            Files.createDirectories(g.sandbox.resolve("a/b"));
            Files.writeString(g.sandbox.resolve("a/b/f.txt"), "f");
            for (int round = 0; round < 3; round++) {
                g.freeStrings();
                assertEquals(Errno.SUCCESS, g.mkdir("a/b/new"));
                assertEquals(Errno.SUCCESS, g.symlink("f.txt", "a/b/l"));
                assertEquals(Errno.SUCCESS, g.call("path_link", Guest.SANDBOX, 0, g.str("a/b/f.txt"), 9,
                        Guest.SANDBOX, g.str("a/h.txt"), 7));
                int buf = 60_000;
                assertEquals(Errno.SUCCESS, g.call("path_readlink", Guest.SANDBOX, g.str("a/b/l"), 5, buf, 100,
                        Guest.OUT));
                assertEquals("f.txt", new String(g.mem.read(buf, g.mem.i32(Guest.OUT))));
                assertEquals(Errno.SUCCESS, g.open("a/b/l", 0, READ | Rights.FD_FILESTAT_SET_TIMES));
                int file = g.fd();
                assertEquals(Errno.SUCCESS, g.call("fd_filestat_get", file, Guest.OUT));
                assertEquals(Errno.SUCCESS, g.call("fd_filestat_set_times", file, 0L, 0L, Abi.FSTFLAGS_MTIM_NOW));
                assertEquals(Errno.SUCCESS, g.open("a/b", Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
                int dir = g.fd();
                assertEquals(Errno.SUCCESS, g.call("fd_readdir", dir, buf, 1000, 0L, Guest.OUT));
                assertEquals(Errno.SUCCESS, g.open(dir, "c.txt", false, Abi.OFLAGS_CREAT, READ_WRITE));
                int created = g.fd();
                assertEquals(Errno.SUCCESS, g.call("fd_close", dir), "a file outlives the directory it was opened by");
                assertEquals(Errno.SUCCESS, g.call("fd_filestat_get", created, Guest.OUT));
                assertEquals(Errno.SUCCESS, g.call("fd_close", created));
                assertEquals(Errno.SUCCESS, g.call("fd_close", file));
                assertEquals(Errno.SUCCESS, g.stat("a/b/new/../l", true));
                assertEquals(Errno.SUCCESS, g.rename("a/b/c.txt", "a/c.txt"));
                assertEquals(Errno.SUCCESS, g.unlink("a/c.txt"));
                assertEquals(Errno.SUCCESS, g.unlink("a/h.txt"));
                assertEquals(Errno.SUCCESS, g.unlink("a/b/l"));
                assertEquals(Errno.SUCCESS, g.call("path_remove_directory", Guest.SANDBOX, g.str("a/b/new"), 7));
                assertEquals(Errno.ENOENT, g.open("a/b/missing/x", 0, READ));
            }
            assertEquals(preopened, openFds(), "host descriptors after closing everything the guest opened");
            try (Stream<Path> s = Files.list(g.sandbox)) {
                assertEquals(List.of("a"), s.map(p -> p.getFileName().toString()).toList(), "no staging leftovers");
            }
        }
        assertEquals(before, openFds(), "host descriptors after closing the context");
    }

    /** The JVM's open file descriptors (Linux). */
    private static long openFds() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assertTrue(Files.isDirectory(fds), "needs /proc");
        try (Stream<Path> s = Files.list(fds)) {
            return s.count() - 1; // the listing's own descriptor
        }
    }
}
