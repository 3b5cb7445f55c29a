package dev.bytelift.wasi.internal;

import static dev.bytelift.wasi.internal.Guest.READ;
import static dev.bytelift.wasi.internal.Guest.READ_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack of issue 20: two guests granted the same directory, one swapping a path component
 * between a real directory and a link that points outside, the other using paths through that
 * component. Checking a path and then handing the host the path string loses this race; every
 * path operation must instead work relative to directory handles it holds, so that whatever the
 * first guest does, the second never reaches {@code outside/}.
 *
 * <p>Both guests are {@link WasiContext}s called through the same import bodies a compiled guest
 * calls, each from its own thread, as two programs sharing a directory run.
 */
class TwoGuestRaceTest {
    /** At most this many calls by the victim guest... */
    static final int ITERATIONS = 200_000;
    /** ...and at most this long (per placement of the swapped component). */
    static final long BUDGET_NANOS = 2_000_000_000L;
    static final String LINK_TARGET = "SECRET-LINK-TARGET";
    static final long MTIME = 1_000_000_000_000_000_000L;

    /**
     * @param at where the swapped component {@code x} is: in the preopen itself, or in a
     *     subdirectory (where links are read and entries staged differently)
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "s/"})
    void aGuestSwappingALinkIntoAPathNeverLeadsAnotherGuestOutside(String at) throws Exception {
        try (Guest victim = new Guest(); Guest attacker = new Guest(victim)) {
            Path outside = victim.outside;
            Files.writeString(outside.resolve("only-outside.txt"), "o");
            Files.writeString(outside.resolve("victim.txt"), "victim");
            Files.createSymbolicLink(outside.resolve("olink"), Path.of(LINK_TARGET));
            FileTime secretMtime = Files.getLastModifiedTime(outside.resolve("secret.txt"));
            Object secretKey = key(outside.resolve("secret.txt"));
            List<String> outsideBefore = list(outside);
            // x/outside mirrors outside/ (so that every check of a path through x succeeds)
            Path decoy = Files.createDirectories(victim.sandbox.resolve(at + "x/outside"));
            Files.writeString(decoy.resolve("secret.txt"), "decoy");
            Files.writeString(decoy.resolve("victim.txt"), "decoy");
            Files.createSymbolicLink(decoy.resolve("olink"), Path.of("decoy-target"));

            // the attacker makes a link that is fine where it is made (a/l -> .. or s/a/l -> ../..,
            // the sandbox), then moves it up a level, where it points at the sandbox's parent
            String up = at.isEmpty() ? ".." : "../..";
            assertEquals(Errno.SUCCESS, attacker.mkdir(at + "a"));
            assertEquals(Errno.SUCCESS, attacker.symlink(up, at + "a/l"));
            assertEquals(Errno.SUCCESS, attacker.rename(at + "a/l", at + "l"));

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong swaps = new AtomicLong();
            AtomicReference<Throwable> attackerFailure = new AtomicReference<>();
            Thread swapper = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        attacker.freeStrings();
                        attacker.rename(at + "x", at + "xdir");
                        attacker.rename(at + "l", at + "x"); // x is now the link
                        attacker.rename(at + "x", at + "l");
                        attacker.rename(at + "xdir", at + "x"); // x is the real directory again
                        swaps.incrementAndGet();
                    }
                } catch (Throwable t) {
                    attackerFailure.set(t);
                }
            }, "attacker");
            Map<String, Integer> escapes = new TreeMap<>();
            Map<String, Integer> successes = new TreeMap<>();
            int done = 0;
            swapper.start();
            long start = System.nanoTime();
            try {
                for (; done < ITERATIONS && System.nanoTime() - start < BUDGET_NANOS; done++) {
                    victim.freeStrings();
                    String kind = attempt(victim, at + "x/outside/", done, secretKey);
                    if (kind == null) continue;
                    boolean escaped = kind.startsWith("!");
                    if (escaped) kind = kind.substring(1);
                    successes.merge(kind, 1, Integer::sum);
                    if (escaped) escapes.merge(kind, 1, Integer::sum);
                }
            } finally {
                stop.set(true);
                swapper.join();
            }
            long seconds = (System.nanoTime() - start) / 1_000_000;
            // what the host sees outside after the run
            List<String> outsideAfter = list(outside);
            for (String name : outsideAfter) {
                // new-N, dir-N, sym-N: made by a create, mkdir or symlink that went outside
                if (!outsideBefore.contains(name)) escapes.merge(name.replaceAll("-.*", "") + " outside", 1, Integer::sum);
            }
            for (String name : outsideBefore) {
                if (!outsideAfter.contains(name)) escapes.put("removed outside " + name, 1);
            }
            if (!secretMtime.equals(Files.getLastModifiedTime(outside.resolve("secret.txt")))) {
                escapes.put("set_times outside", 1);
            }
            if (!"secret".equals(Files.readString(outside.resolve("secret.txt")))) escapes.put("wrote outside", 1);
            System.out.printf("two-guest race through %sx: %d calls, %d swaps in %d ms; successful calls %s; escapes %s%n",
                    at, done, swaps.get(), seconds, successes, escapes);
            try (Stream<Path> s = Files.list(victim.sandbox)) {
                assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".bytelift-"))
                        .toList(), "staging left entries behind");
            }
            assertEquals(null, attackerFailure.get());
            assertTrue(swaps.get() > 0, "the attacker ran");
            assertEquals(Map.of(), escapes, "the victim reached outside/");
        }
    }

    /**
     * One call by the victim in {@code x} (the path of {@code x/outside/}), chosen by {@code i}: {@code null} if it failed,
     * else its kind, prefixed with {@code !} if it reached outside.
     */
    private static String attempt(Guest g, String x, int i, Object secretKey) throws Exception {
        switch (i % 10) {
            case 0: {
                if (g.open(x + "secret.txt", 0, READ) != Errno.SUCCESS) return null;
                int fd = g.fd();
                String text = g.read(fd, 100);
                g.call("fd_close", fd);
                return "secret".equals(text) ? "!read" : "read";
            }
            case 1: {
                if (g.open(x + "new-" + i, Abi.OFLAGS_CREAT | Abi.OFLAGS_EXCL, READ_WRITE) != Errno.SUCCESS) {
                    return null;
                }
                g.call("fd_close", g.fd());
                return "create"; // one outside shows in the listing afterwards
            }
            case 2:
                return g.mkdir(x + "dir-" + i) == Errno.SUCCESS ? "mkdir" : null;
            case 3: {
                if (g.stat(x + "secret.txt", false) != Errno.SUCCESS) return null;
                return g.mem.i64(Guest.OUT + 8) == ino(secretKey) ? "!stat" : "stat";
            }
            case 4: {
                String from = x + "secret.txt", to = "hard-" + i;
                int r = g.call("path_link", Guest.SANDBOX, 0, g.str(from), Guest.len(from), Guest.SANDBOX, g.str(to),
                        Guest.len(to));
                if (r != Errno.SUCCESS) return null;
                Path made = g.sandbox.resolve(to); // the sandbox's own entries are not swapped
                boolean escaped = secretKey.equals(key(made));
                g.unlink(to);
                return escaped ? "!link" : "link";
            }
            case 5: {
                String p = x + "olink";
                int buf = 60_000;
                if (g.call("path_readlink", Guest.SANDBOX, g.str(p), Guest.len(p), buf, 100, Guest.OUT) != Errno.SUCCESS) {
                    return null;
                }
                String target = new String(g.mem.read(buf, g.mem.i32(Guest.OUT)), StandardCharsets.UTF_8);
                return LINK_TARGET.equals(target) ? "!readlink" : "readlink";
            }
            case 6: {
                String p = x + "secret.txt";
                return g.call("path_filestat_set_times", Guest.SANDBOX, 0, g.str(p), Guest.len(p), MTIME, MTIME,
                        Abi.FSTFLAGS_ATIM | Abi.FSTFLAGS_MTIM) == Errno.SUCCESS ? "set_times" : null;
            }
            case 7: {
                if (g.open(x, Abi.OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE) != Errno.SUCCESS) return null;
                int fd = g.fd();
                int buf = 60_000;
                int r = g.call("fd_readdir", fd, buf, 8192, 0L, Guest.OUT);
                g.call("fd_close", fd);
                if (r != Errno.SUCCESS) return null;
                String listing = new String(g.mem.read(buf, g.mem.i32(Guest.OUT)), StandardCharsets.ISO_8859_1);
                return listing.contains("only-outside.txt") ? "!readdir" : "readdir";
            }
            case 8: {
                if (g.unlink(x + "victim.txt") != Errno.SUCCESS) return null;
                // put the decoy back for the next try (a create that escapes shows in the listing)
                if (g.open(x + "victim.txt", Abi.OFLAGS_CREAT, READ_WRITE) == Errno.SUCCESS) {
                    g.call("fd_close", g.fd());
                }
                return "unlink"; // an escape shows as outside/victim.txt missing afterwards
            }
            default:
                return g.symlink("t", x + "sym-" + i) == Errno.SUCCESS ? "symlink" : null;
        }
    }

    private static Object key(Path p) throws Exception {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return "missing";
        return Files.readAttributes(p, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
    }

    private static long ino(Object key) {
        return ((Number) key).longValue();
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
