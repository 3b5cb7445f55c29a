package dev.bytelift.runtime;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A directory of compiled modules ({@link Module#serialize()}), so that a module compiled once
 * loads in a fraction of the time afterwards, in this process or another. The command line uses
 * one by default ({@code --cache-dir}, {@code --no-cache}).
 *
 * <p>An entry's key is a 128-bit hash of the module's default name, the Bytelift build, every setting
 * of the engine configuration that changes generated code, and the module's length and CRC-32C,
 * so a module compiled with fuel and one without are two entries, and a new build of Bytelift
 * never reads an old one; an entry holds the module's binary, and is used only if that is the
 * module asked for, byte for byte (a digest of the whole module took longer than loading the
 * entry: a quarter of a second for 25 MB). An entry is read from a mapping of its file,
 * each function class when first used ({@link Engine#deserializeModule(Path)}).
 * Entries are written to a temporary file and renamed into place, so that processes sharing the
 * directory never read a partial entry (the last writer of an entry wins; both wrote the same).
 * When the entries exceed {@link #maxBytes()} after a write, the least recently used ones are
 * deleted (a hit refreshes its entry's modification time).
 *
 * <p>The cache never makes compiling fail: a directory that cannot be created, read or written (a
 * read-only or full disk), or an entry that is corrupted, means compiling as without it, with one
 * line to the warning consumer. Text modules are compiled without the cache. Entries are trusted as
 * {@link Engine#deserializeModule(byte[])} describes: anyone who can write the directory can
 * choose the code that runs, so keep it private to its user (the default one is under the user's
 * home). Thread-safe.
 */
public final class ModuleCache {
    /** The default size cap: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    /** Entries' file name extension. */
    static final String SUFFIX = ".bmod";
    /** Temporary files older than this are left-overs of a process that died while writing. */
    private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

    private final Path directory;
    private final long maxBytes;
    private final Consumer<String> warnings;

    /** A cache in {@code directory} (created when first written) with the default size cap, silent. */
    public ModuleCache(Path directory) {
        this(directory, DEFAULT_MAX_BYTES, w -> {});
    }

    /**
     * A cache in {@code directory} (created when first written) holding at most about
     * {@code maxBytes} bytes of entries, telling {@code warnings} in one line why it could not
     * read or write an entry.
     */
    public ModuleCache(Path directory, long maxBytes, Consumer<String> warnings) {
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative");
        this.directory = Objects.requireNonNull(directory);
        this.maxBytes = maxBytes;
        this.warnings = Objects.requireNonNull(warnings);
    }

    /**
     * The default directory: {@code $XDG_CACHE_HOME/bytelift} if that variable is set to an
     * absolute path, else {@code ~/.cache/bytelift}.
     */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "bytelift");
        return Path.of(System.getProperty("user.home"), ".cache", "bytelift");
    }

    /** The cache's directory. */
    public Path directory() {
        return directory;
    }

    /** The size cap, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The module {@code wasm} compiled by {@code engine}, as {@link Engine#compile(byte[], String)}
     * would: loaded from the cache if it holds it, else compiled (eagerly, whatever the engine's
     * {@linkplain EngineConfig#lazyCompilation() lazy compilation}: the entry needs every function)
     * and stored.
     *
     * @throws CompileException as {@link Engine#compile(byte[], String)}
     */
    public Module compile(Engine engine, byte[] wasm, String name) {
        if (Engine.looksLikeText(wasm)) return engine.compile(wasm, name);
        Path entry = directory.resolve(key(engine, wasm, name) + SUFFIX);
        try {
            Module m = engine.deserializeModule(entry);
            byte[] binary = m.compiled().binary();
            if (binary != null && java.util.Arrays.equals(binary, wasm)) {
                touch(entry);
                return m;
            }
            // another module with the same length and checksum: this one replaces it
        } catch (NoSuchFileException e) {
            // not cached yet
        } catch (IOException | SecurityException e) {
            // not a directory, not readable: it will not take an entry either
            warnings.accept("cannot read module cache entry " + entry + " (compiling without the cache): " + e);
            return engine.compile(wasm, name);
        } catch (DeserializeException e) {
            if (e.reason() == DeserializeException.Reason.TYPE_ID_CONFLICT) {
                return engine.compile(wasm, name); // the entry is good, for another engine
            }
            warnings.accept("ignoring module cache entry " + entry + ": " + e.getMessage());
        }
        Module m = engine.compileForSerialization(wasm, name);
        write(entry, m.serialize());
        return m;
    }

    /**
     * The entry's file name: a 128-bit hash of the code key, the name and the module's length and
     * CRC-32C, in hex. Not a cryptographic digest: {@code MessageDigest}'s first use initialises the
     * JDK's security providers, 10-20 ms of every {@code bytelift run} in a fresh JVM
     * (docs/performance.md §27), and a collision costs no more than a miss, since an entry is used only
     * for its own module, build and configuration ({@link Engine#deserializeModule(Path)} checks them).
     */
    static String key(Engine engine, byte[] wasm, String name) {
        java.io.ByteArrayOutputStream material = new java.io.ByteArrayOutputStream();
        byte[] code = engine.codeKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        material.write(code, 0, code.length);
        material.write(0);
        if (name != null) {
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            material.write(n, 0, n.length);
        }
        material.write(0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(wasm);
        byte[] tail = java.nio.ByteBuffer.allocate(12).putInt(wasm.length).putLong(crc.getValue()).array();
        material.write(tail, 0, tail.length);
        byte[] bytes = material.toByteArray();
        return HexFormat.of().toHexDigits(hash(bytes, 0x243F6A8885A308D3L)) + HexFormat.of().toHexDigits(hash(bytes, 0x13198A2E03707344L));
    }

    /** A 64-bit hash of {@code bytes} (multiply-xorshift per byte, then SplitMix64's finaliser); two seeds give 128 bits. */
    private static long hash(byte[] bytes, long seed) {
        long h = seed ^ bytes.length;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Marks a hit as recently used; a read-only cache stays as it is. */
    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | SecurityException e) {
            // read-only: eviction order is only a little less right
        }
    }

    /** Stores {@code bytes} as {@code entry} through a temporary file renamed into place, then evicts. */
    private void write(Path entry, byte[] bytes) {
        if (bytes.length > maxBytes) return; // would be evicted at once
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, entry.getFileName().toString(), ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            evict(entry);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            warnings.accept("cannot write to module cache " + directory + ": " + e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | SecurityException e) {
                    // left for a later eviction to remove
                }
            }
        }
    }

    /** Deletes the least recently used entries (never {@code keep}) while they exceed the cap, and old temporary files. */
    private void evict(Path keep) throws IOException {
        record Entry(Path path, long size, long modified) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                boolean temp = n.endsWith(".tmp");
                if (!temp && !n.endsWith(SUFFIX)) continue;
                try {
                    var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                    if (!a.isRegularFile()) continue;
                    if (temp) {
                        if (now - a.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS) Files.deleteIfExists(p);
                        continue;
                    }
                    entries.add(new Entry(p, a.size(), a.lastModifiedTime().toMillis()));
                    total += a.size();
                } catch (NoSuchFileException e) {
                    // another process evicted it
                }
            }
        }
        if (total <= maxBytes) return;
        entries.sort(java.util.Comparator.comparingLong(Entry::modified));
        for (Entry e : entries) {
            if (total <= maxBytes) break;
            if (e.path().equals(keep)) continue;
            Files.deleteIfExists(e.path());
            total -= e.size();
        }
    }
}
