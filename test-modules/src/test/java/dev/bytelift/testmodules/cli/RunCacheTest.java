package dev.bytelift.testmodules.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.testmodules.TestModules;

/**
 * {@code bytelift run} with the module cache: the second run loads what the first stored, with the
 * same output, traps and backtraces; {@code --no-cache} neither reads nor writes; a corrupted entry
 * or an unusable directory costs one warning line, never the run.
 */
class RunCacheTest extends CliRun {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static List<Path> entries(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> s = Files.list(cache)) {
            return s.toList();
        }
    }

    @Test
    void aSecondRunLoadsTheStoredModule() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm")).toString();
        Path cache = dir.resolve("cache");
        assertEquals(0, run("run", "--cache-dir", cache.toString(), hello, "x"));
        String first = out;
        assertEquals("", err);
        List<Path> stored = entries(cache);
        assertEquals(1, stored.size(), stored.toString());
        byte[] entry = Files.readAllBytes(stored.get(0));
        assertEquals(0, run("run", "--cache-dir", cache.toString(), hello, "x"));
        assertEquals(first, out);
        assertEquals("", err);
        assertArrayEquals(entry, Files.readAllBytes(stored.get(0)), "read, not written again");
    }

    @Test
    void trapsAndBacktracesAreTheSameFromTheCache() throws Exception {
        String stack = write("stack.wasm", TestModules.load("wat/limits/stack.wasm")).toString();
        Path cache = dir.resolve("cache");
        String[] args = {"run", "--cache-dir", cache.toString(), "--max-wasm-stack", "16384", "--invoke", "run", stack};
        assertEquals(134, run(args));
        String first = err;
        assertTrue(first.startsWith("error: wasm trap: call stack exhausted") && first.contains("run"), first);
        assertEquals(1, entries(cache).size());
        assertEquals(134, run(args));
        assertEquals(first, err, "the same message and backtrace");
        // another stack limit is other code: an entry of its own
        assertEquals(0, run("run", "--cache-dir", cache.toString(), "--max-wasm-stack", "12000", "--invoke", "nest", stack, "50"));
        assertEquals(2, entries(cache).size());
    }

    @Test
    void noCacheNeitherReadsNorWrites() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm")).toString();
        Path cache = dir.resolve("cache");
        assertEquals(0, run("run", "--no-cache", "--cache-dir", cache.toString(), hello));
        assertEquals(List.of(), entries(cache));
    }

    @Test
    void aCorruptedEntryOrAnUnusableDirectoryIsOneWarning() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm")).toString();
        Path cache = dir.resolve("cache");
        assertEquals(0, run("run", "--cache-dir", cache.toString(), hello));
        String expected = out;
        Path entry = entries(cache).get(0);
        byte[] b = Files.readAllBytes(entry);
        b[b.length / 2] ^= 0x55;
        Files.write(entry, b);
        assertEquals(0, run("run", "--cache-dir", cache.toString(), hello));
        assertEquals(expected, out);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("warning: ignoring module cache entry") && err.contains("checksum"), err);
        assertEquals(0, run("run", "--cache-dir", cache.toString(), hello));
        assertEquals("", err, "the entry was replaced");

        Path file = write("plain-file", new byte[] {1});
        assertEquals(0, run("run", "--cache-dir", file.toString(), hello));
        assertEquals(expected, out);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("warning: cannot"), err);
    }

    @Test
    void aBadCacheSizeIsAUsageError() throws Exception {
        String hello = write("hello.wasm", TestModules.load("wasi/hello.wasm")).toString();
        assertEquals(2, run("run", "--cache-max-size", "lots", hello));
        assertTrue(err.contains("--cache-max-size"), err);
        assertEquals(0, run("run", "--cache-max-size", "1K", "--cache-dir", dir.resolve("small").toString(), hello));
        assertEquals(List.of(), entries(dir.resolve("small")), "an entry larger than the cap is not stored");
    }
}
