package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.READ;
import static dev.bytelift.wasi.internal.Guest.READ_WRITE;
import static dev.bytelift.wasi.internal.Guest.SANDBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ways out of a preopened directory that the recorded sandbox cases do not try. Every one must
 * fail without touching {@code outside/}, and what stays inside must keep working.
 */
class SandboxEscapeTest {
    final Guest g = new Guest();

    @AfterEach
    void cleanUp() throws Exception {
        assertEquals(List.of("secret.txt"), list(g.outside), "outside/ changed");
        assertEquals("secret", Files.readString(g.outside.resolve("secret.txt")));
        try (Stream<Path> s = Files.list(g.work)) {
            assertEquals(List.of("outside", "sandbox"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        g.close();
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void hostLink(String name, String target) throws Exception {
        Path link = g.sandbox.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    @Test
    void aChainOfLinksThatEndsOutsideIsRefused() throws Exception {
        hostLink("a", "b");
        hostLink("b", "c/../..");
        Files.createDirectory(g.sandbox.resolve("c"));
        assertEquals(Errno.ENOTCAPABLE, g.open("a/outside/secret.txt", 0, READ));
        assertEquals(Errno.ENOTCAPABLE, g.stat("a", true));
        assertEquals(Errno.SUCCESS, g.stat("a", false), "the link itself may be looked at");
    }

    @Test
    void anAbsoluteLinkIsRefusedEvenWhenItPointsInside() throws Exception {
        Files.writeString(g.sandbox.resolve("inside.txt"), "in");
        hostLink("abs", g.sandbox.resolve("inside.txt").toString());
        assertEquals(Errno.ENOTCAPABLE, g.open("abs", 0, READ));
        assertEquals(Errno.ENOTCAPABLE, g.stat("abs", true));
    }

    @Test
    void dotDotAfterFollowingALinkToASubdirectoryCountsFromTheSubdirectory() throws Exception {
        Files.createDirectories(g.sandbox.resolve("sub/deeper"));
        Files.writeString(g.sandbox.resolve("top.txt"), "top");
        hostLink("dirlink", "sub/deeper");
        assertEquals(Errno.SUCCESS, g.open("dirlink/../../top.txt", 0, READ), "sub/deeper/../.. is the sandbox");
        assertEquals("top", g.read(g.fd(), 10));
        assertEquals(Errno.ENOTCAPABLE, g.open("dirlink/../../../outside/secret.txt", 0, READ));
    }

    @Test
    void aLinkThatIsFineWhereItIsMadeIsRefusedOnceMovedUp() throws Exception {
        Files.createDirectory(g.sandbox.resolve("sub"));
        Files.writeString(g.sandbox.resolve("inside.txt"), "in");
        assertEquals(Errno.SUCCESS, g.symlink("../inside.txt", "sub/l"));
        assertEquals(Errno.SUCCESS, g.open("sub/l", 0, READ));
        assertEquals(Errno.SUCCESS, g.rename("sub/l", "l"), "renaming moves the link itself");
        assertTrue(Files.isSymbolicLink(g.sandbox.resolve("l")));
        assertEquals(Errno.ENOTCAPABLE, g.open("l", 0, READ), "../inside.txt from the top leaves the sandbox");
        assertEquals(Errno.ENOTCAPABLE, g.open("l", Abi.OFLAGS_CREAT, READ_WRITE));
    }

    @Test
    void aDirectoryDescriptorIsASandboxOfItsOwn() throws Exception {
        Files.createDirectory(g.sandbox.resolve("sub"));
        Files.writeString(g.sandbox.resolve("inside.txt"), "in");
        assertEquals(Errno.SUCCESS, g.open("sub", Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
        int sub = g.fd();
        assertEquals(Errno.ENOTCAPABLE, g.open(sub, "../inside.txt", true, 0, READ));
        assertEquals(Errno.ENOTCAPABLE, g.open(sub, "..", true, Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
        assertEquals(Errno.SUCCESS, g.open(sub, ".", true, Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
    }

    @Test
    void aDirectoryDescriptorWhosePathIsLaterRedirectedCannotReachOutside() throws Exception {
        // open a descriptor for sandbox/a/outside, then make "a" a link that the host kernel would
        // resolve to the sandbox's parent: a -> c/.. with c -> . (each target stays inside on its own)
        Files.createDirectories(g.sandbox.resolve("a/outside"));
        assertEquals(Errno.SUCCESS, g.open("a/outside", Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE));
        int d = g.fd();
        assertEquals(Errno.SUCCESS, g.rename("a", "old"));
        assertEquals(Errno.SUCCESS, g.symlink(".", "c"));
        assertEquals(Errno.SUCCESS, g.symlink("c/..", "a"));
        assertEquals(Errno.ENOTCAPABLE, g.open("a/outside/secret.txt", 0, READ), "through the preopen: refused");
        // the descriptor holds the directory itself, wherever it went (now old/outside), as on POSIX
        assertEquals(Errno.ENOENT, g.open(d, "secret.txt", true, 0, READ), "the moved directory has no secret.txt");
        assertEquals(Errno.SUCCESS, g.call("fd_readdir", d, 8192, 1000, 0L, Guest.OUT));
        assertEquals(2 * (Abi.DIRENT_SIZE + 1) + 1, g.mem.i32(Guest.OUT), "only . and ..");
        assertEquals(Errno.SUCCESS, g.call("path_create_directory", d, g.str("x"), 1));
        assertTrue(Files.isDirectory(g.sandbox.resolve("old/outside/x")), "made in the moved directory");
        assertEquals(Errno.SUCCESS, g.call("fd_filestat_get", d, Guest.OUT));
        assertEquals(Files.getAttribute(g.sandbox.resolve("old/outside"), "unix:ino"), g.mem.i64(Guest.OUT + 8));
    }

    @Test
    void aFileDescriptorWhosePathIsLaterRedirectedNeverTouchesTheOutside() throws Exception {
        Files.createDirectories(g.sandbox.resolve("a/outside"));
        Files.writeString(g.sandbox.resolve("a/outside/secret.txt"), "inside copy");
        assertEquals(Errno.SUCCESS, g.open("a/outside/secret.txt", 0, READ | Rights.FD_FILESTAT_SET_TIMES));
        int f = g.fd();
        assertEquals(Errno.SUCCESS, g.rename("a", "old"));
        assertEquals(Errno.SUCCESS, g.symlink(".", "c"));
        assertEquals(Errno.SUCCESS, g.symlink("c/..", "a"));
        FileTime before = Files.getLastModifiedTime(g.outside.resolve("secret.txt"));
        assertEquals(Errno.ENOENT, g.call("fd_filestat_set_times", f, 0L, 0L, Abi.FSTFLAGS_MTIM_NOW));
        assertEquals(before, Files.getLastModifiedTime(g.outside.resolve("secret.txt")));
        assertEquals(Errno.SUCCESS, g.call("fd_filestat_get", f, Guest.OUT));
        assertEquals(11L, g.mem.i64(Guest.OUT + 32), "still the file it opened, not outside/secret.txt");
        assertEquals("inside copy", g.read(f, 100));
    }

    @Test
    void linkLoopsAndLongChainsFailWithEloop() throws Exception {
        hostLink("x", "y");
        hostLink("y", "x");
        assertEquals(Errno.ELOOP, g.open("x", 0, READ));
        Files.writeString(g.sandbox.resolve("end.txt"), "end");
        hostLink("l0", "end.txt");
        for (int i = 1; i <= PathResolver.MAX_SYMLINKS; i++) hostLink("l" + i, "l" + (i - 1));
        assertEquals(Errno.SUCCESS, g.open("l" + (PathResolver.MAX_SYMLINKS - 1), 0, READ), "40 links are fine");
        assertEquals(Errno.ELOOP, g.open("l" + PathResolver.MAX_SYMLINKS, 0, READ), "41 are not");
    }

    @Test
    void malformedPathsAreRefused() {
        assertEquals(Errno.ENOTCAPABLE, g.open("/" + g.outside.resolve("secret.txt"), 0, READ));
        assertEquals(Errno.ENOTCAPABLE, g.open("//etc/passwd", 0, READ));
        assertEquals(Errno.ENOENT, g.open("", 0, READ));
        assertEquals(Errno.EINVAL, g.open("a\0/../../outside/secret.txt", 0, READ));
        byte[] badUtf8 = {'a', (byte) 0xff, 'b'};
        assertEquals(Errno.EILSEQ, g.call("path_open", SANDBOX, 1, g.bytes(badUtf8), 3, 0, READ, 0L, 0, Guest.OUT));
        assertEquals(Errno.ENOTCAPABLE, g.open("./../sandbox/../outside/secret.txt", 0, READ));
    }

    @Test
    void unlinkingALinkToTheOutsideRemovesTheLinkOnly() throws Exception {
        hostLink("secret", g.outside.resolve("secret.txt").toString());
        assertEquals(Errno.SUCCESS, g.unlink("secret"));
        assertFalse(Files.exists(g.sandbox.resolve("secret"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void renamingOntoALinkToTheOutsideReplacesTheLink() throws Exception {
        Files.writeString(g.sandbox.resolve("mine.txt"), "mine");
        hostLink("dest", g.outside.resolve("secret.txt").toString());
        assertEquals(Errno.SUCCESS, g.rename("mine.txt", "dest"));
        assertEquals("mine", Files.readString(g.sandbox.resolve("dest")));
    }

    @Test
    void creatingThroughADanglingLinkOutsideIsRefused() throws Exception {
        hostLink("new.txt", g.outside.resolve("new.txt").toString());
        hostLink("rel.txt", "../outside/new2.txt");
        assertEquals(Errno.ENOTCAPABLE, g.open("new.txt", Abi.OFLAGS_CREAT, READ_WRITE));
        assertEquals(Errno.ENOTCAPABLE, g.open("rel.txt", Abi.OFLAGS_CREAT, READ_WRITE));
        assertEquals(Errno.ELOOP, g.open(SANDBOX, "rel.txt", false, Abi.OFLAGS_CREAT, READ_WRITE),
                "without following, the link itself is not opened");
    }

    @Test
    void timesAndHardLinksThroughLinksToTheOutsideAreRefused() throws Exception {
        hostLink("secret", g.outside.resolve("secret.txt").toString());
        FileTime before = Files.getLastModifiedTime(g.outside.resolve("secret.txt"));
        String p = "secret";
        assertEquals(Errno.ENOTCAPABLE, g.call("path_filestat_set_times", SANDBOX, 1, g.str(p), 6, 0L, 0L,
                Abi.FSTFLAGS_MTIM_NOW | Abi.FSTFLAGS_ATIM_NOW));
        assertEquals(before, Files.getLastModifiedTime(g.outside.resolve("secret.txt")));
        String h = "hard";
        assertEquals(Errno.ENOTCAPABLE, g.call("path_link", SANDBOX, 1, g.str(p), 6, SANDBOX, g.str(h), 4));
        // without following, the hard link is to the symbolic link itself: still refused when used
        assertEquals(Errno.SUCCESS, g.call("path_link", SANDBOX, 0, g.str(p), 6, SANDBOX, g.str(h), 4));
        assertEquals(Errno.ENOTCAPABLE, g.open("hard", 0, READ));
        g.unlink("hard");
        g.unlink("secret");
    }

    @Test
    void aSymlinkTargetIsCheckedFromTheLinksOwnDirectory() throws Exception {
        Files.createDirectories(g.sandbox.resolve("a/b"));
        assertEquals(Errno.SUCCESS, g.symlink("../../x", "a/b/ok"));
        assertEquals(Errno.ENOTCAPABLE, g.symlink("../../../x", "a/b/out"));
        assertEquals(Errno.EPERM, g.symlink("/x", "a/abs"));
        assertEquals(Errno.ENOTCAPABLE, g.symlink("x", "../y"));
        assertEquals(Errno.SUCCESS, g.symlink("./c/../../b/./", "a/b/dots"));
    }

    @Test
    void readdirOfThePreopenDoesNotRevealItsParent() throws Exception {
        Files.writeString(g.sandbox.resolve("f"), "x");
        DirFd dir = g.ctx.fds().dir(SANDBOX);
        List<DirFd.Entry> entries = dir.entries(0);
        assertEquals(3, entries.size());
        assertEquals("..", new String(entries.get(1).name()));
        assertEquals(entries.get(0).ino(), entries.get(1).ino(), "'..' shows the directory's own inode");
    }

    @Test
    void aTrailingSlashRequiresADirectory() throws Exception {
        Files.writeString(g.sandbox.resolve("file"), "x");
        Files.createDirectory(g.sandbox.resolve("dir"));
        assertEquals(Errno.ENOTDIR, g.open("file/", 0, READ));
        assertEquals(Errno.ENOTDIR, g.stat("file/", false));
        assertEquals(Errno.SUCCESS, g.stat("dir/", false));
        assertEquals(Errno.SUCCESS, g.mkdir("new/"));
        assertTrue(Files.isDirectory(g.sandbox.resolve("new")));
    }

    @Test
    void theSandboxRootCannotBeRemovedOrRenamed() {
        assertEquals(Errno.EINVAL, g.call("path_remove_directory", SANDBOX, g.str("."), 1));
        assertEquals(Errno.ENOTCAPABLE, g.call("path_remove_directory", SANDBOX, g.str("../sandbox"), 10));
        assertEquals(Errno.EBUSY, g.rename(".", "x"));
        assertEquals(Errno.EISDIR, g.unlink("."));
    }
}
