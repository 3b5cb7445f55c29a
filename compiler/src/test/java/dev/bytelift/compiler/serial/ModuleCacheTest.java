package dev.bytelift.compiler.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.ModuleCache;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;

/**
 * {@link ModuleCache}: hits, misses, separate entries per configuration, corrupted entries and
 * unusable directories compile as without a cache (with one warning), concurrent writers, and the
 * size cap.
 */
class ModuleCacheTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private ModuleCache cache(Path dir) {
        return new ModuleCache(dir, ModuleCache.DEFAULT_MAX_BYTES, warnings::add);
    }

    private static byte[] wasm() {
        return binary(SerializeTest.WAT);
    }

    /** The binary of a text module (the cache takes binaries; text is compiled without it). */
    static byte[] binary(String wat) {
        return new dev.bytelift.compiler.ByteliftCompiler().textToBinary(wat.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t");
    }

    private static List<Path> entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void assertWorks(Module m) {
        assertArrayEquals(new Object[] {12}, new Linker().instantiate(new Store(m.engine()), m).getFunc("apply").call(1, 3, 4));
    }

    @Test
    void aMissWritesAnEntryAndAHitReadsIt(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        Path cacheDir = dir.resolve("cache");
        assertWorks(cache(cacheDir).compile(new Engine(), wasm, "sample.wasm"));
        List<Path> files = entries(cacheDir);
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).toString().endsWith(".bmod"));
        byte[] entry = Files.readAllBytes(files.get(0));
        Files.setLastModifiedTime(files.get(0), FileTime.fromMillis(1000));
        Module hit = cache(cacheDir).compile(new Engine(), wasm, "sample.wasm");
        assertWorks(hit);
        assertEquals("sample", hit.name());
        assertArrayEquals(entry, Files.readAllBytes(files.get(0)), "a hit does not rewrite");
        assertTrue(Files.getLastModifiedTime(files.get(0)).toMillis() > 1000, "a hit is marked recently used");
        assertEquals(List.of(), warnings);
    }

    /**
     * An entry is used only for the very module it holds: another module's entry under this
     * module's key (as if their lengths and checksums agreed) is replaced, not run.
     */
    @Test
    void anEntryOfAnotherModuleUnderTheKeyIsNotUsed(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        byte[] other = binary(SerializeTest.WAT.replace("i32.mul", "i32.sub"));
        Path a = dir.resolve("a"), b = dir.resolve("b");
        cache(a).compile(new Engine(), wasm, "sample.wasm");
        cache(b).compile(new Engine(), other, "sample.wasm");
        Path otherEntry = entries(b).get(0);
        Files.copy(otherEntry, entries(a).get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Module m = cache(a).compile(new Engine(), wasm, "sample.wasm");
        assertWorks(m); // 3 * 4, not 3 - 4
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(otherEntry), Files.readAllBytes(entries(a).get(0))), "the entry was replaced");
        assertWorks(cache(a).compile(new Engine(), wasm, "sample.wasm"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void configurationsAndNamesHaveEntriesOfTheirOwn(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        cache(dir).compile(new Engine(), wasm, "a.wasm");
        cache(dir).compile(new Engine(), wasm, "b.wasm");
        cache(dir).compile(new Engine(EngineConfig.builder().consumeFuel(true).build()), wasm, "a.wasm");
        cache(dir).compile(new Engine(EngineConfig.builder().lazyCompilation(true).compileThreads(1).build()), wasm, "a.wasm");
        assertEquals(3, entries(dir).size(), "lazy compilation and threads share the plain entry");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aCorruptedEntryIsCompiledAgainAndReplaced(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        cache(dir).compile(new Engine(), wasm, "sample.wasm");
        Path entry = entries(dir).get(0);
        byte[] good = Files.readAllBytes(entry);
        for (byte[] bad : List.of(java.util.Arrays.copyOf(good, good.length / 2), flip(good, good.length - 10), new byte[0],
                "garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            warnings.clear();
            Files.write(entry, bad);
            assertWorks(cache(dir).compile(new Engine(), wasm, "sample.wasm"));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("ignoring module cache entry"), warnings.get(0));
            new Engine().deserializeModule(Files.readAllBytes(entry)); // replaced by a good one
        }
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 1;
        return c;
    }

    @Test
    void anUnusableDirectoryMeansCompilingWithAWarning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        assertWorks(cache(file).compile(new Engine(), wasm(), "sample.wasm"));
        assertWorks(cache(file.resolve("below")).compile(new Engine(), wasm(), "sample.wasm"));
        assertEquals(2, warnings.size(), warnings.toString());
        for (String w : warnings) assertTrue(w.startsWith("cannot read module cache entry") && w.contains("without the cache"), w);
        // a read-only directory (root may write it anyway: then it is an ordinary cache)
        Path ro = Files.createDirectory(dir.resolve("ro"));
        warnings.clear();
        if (ro.toFile().setWritable(false, false) && !Files.isWritable(ro)) {
            assertWorks(cache(ro).compile(new Engine(), wasm(), "sample.wasm"));
            assertEquals(1, warnings.size(), warnings.toString());
            assertEquals(List.of(), entries(ro));
        }
        ro.toFile().setWritable(true, false);
    }

    @Test
    void anEngineWithOtherTypeIdsCompilesWithoutWarningOrRewrite(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        cache(dir).compile(new Engine(), wasm, "sample.wasm");
        Path entry = entries(dir).get(0);
        byte[] before = Files.readAllBytes(entry);
        Engine used = new Engine();
        used.typeId(new FuncType(new ValType[] {ValType.F64}, new ValType[0]));
        assertWorks(cache(dir).compile(used, wasm, "sample.wasm"));
        assertEquals(List.of(), warnings);
        assertArrayEquals(before, Files.readAllBytes(entry));
    }

    @Test
    void concurrentWritersAndReadersNeverSeeAPartialEntry(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm();
        int threads = 4, rounds = 5;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        if (r == 0) start.await();
                        // each writer compiles (the entry may be deleted under the others) and writes
                        for (Path p : entries(dir)) Files.deleteIfExists(p.getFileName().toString().endsWith(".bmod") ? p : dir.resolve("none"));
                        assertWorks(cache(dir).compile(new Engine(), wasm, "sample.wasm"));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            all.add(th);
            th.start();
        }
        for (Thread th : all) th.join();
        assertEquals(List.of(), failures);
        assertEquals(List.of(), warnings, "no reader saw a partial entry");
        List<Path> left = entries(dir);
        assertTrue(left.size() <= 1, "no temporary files left: " + left);
    }

    @Test
    void theLeastRecentlyUsedEntriesGoPastTheCap(@TempDir Path dir) throws Exception {
        List<byte[]> modules = new ArrayList<>();
        for (int i = 0; i < 3; i++) modules.add(binary("(module (func (export \"f\") (result i32) (i32.const " + i + ")))"));
        ModuleCache probe = new ModuleCache(dir.resolve("probe"));
        probe.compile(new Engine(), modules.get(0), "m");
        long size = Files.size(entries(dir.resolve("probe")).get(0));
        ModuleCache capped = new ModuleCache(dir, 2 * size + size / 2, warnings::add);
        capped.compile(new Engine(), modules.get(0), "m");
        capped.compile(new Engine(), modules.get(1), "m");
        List<Path> two = entries(dir).stream().filter(p -> p.toString().endsWith(".bmod")).toList();
        assertEquals(2, two.size());
        // module 0 used most recently: module 1 is the one to go
        String key0 = keyPrefix(modules.get(0));
        Path first = two.stream().filter(p -> p.getFileName().toString().startsWith(key0)).findFirst().orElseThrow();
        for (Path p : two) Files.setLastModifiedTime(p, FileTime.fromMillis(p.equals(first) ? 3_000_000 : 2_000_000));
        capped.compile(new Engine(), modules.get(2), "m");
        List<Path> after = entries(dir).stream().filter(p -> p.toString().endsWith(".bmod")).toList();
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.contains(first), "the recently used entry stays");
        assertFalse(after.containsAll(two), "the least recently used entry went");
        assertNotEquals(0, after.size());
        assertEquals(List.of(), warnings);
    }

    /** The start of the entry name of {@code wasm} in a new engine (its key). */
    private static String keyPrefix(byte[] wasm) throws Exception {
        java.lang.reflect.Method key = ModuleCache.class.getDeclaredMethod("key", Engine.class, byte[].class, String.class);
        key.setAccessible(true);
        return (String) key.invoke(null, new Engine(), wasm, "m");
    }
}
