package dev.bytelift.compiler.serial;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/**
 * What a serialised module must agree on with the engine that loads it: the build of Bytelift
 * that generated the code, and every setting of the configuration that changes the code.
 */
public final class CodeKey {
    private CodeKey() {}

    /** The Bytelift version (the artifacts' version; a snapshot's builds are told apart by {@link #build()}). */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * The configuration's part: the settings that change generated code, written out. Not in it:
     * lazy compilation and compile threads (same code; the layout is recorded in the module), the
     * dump folder, and {@code interruptible} beyond the epoch checks it shares with
     * {@code epochInterruption}.
     */
    public static String configuration(EngineConfig c) {
        // one definition, in the runtime: ahead-of-time modules are checked there, without the compiler
        return dev.bytelift.runtime.internal.aot.AotKey.configuration(c, operators());
    }

    private static volatile int[][] operators;

    /** Every operator as {first byte, sub-opcode}, in table order (what a custom cost function's digest covers). */
    static int[][] operators() {
        int[][] ops = operators;
        if (ops == null) {
            Op[] all = Op.values();
            ops = new int[all.length][];
            for (int i = 0; i < all.length; i++) ops[i] = new int[] {all[i].firstByte(), all[i].subOpcode()};
            operators = ops;
        }
        return ops;
    }

    /** SHA-256 of {@link #configuration}, in hex: what serialised modules carry. */
    public static String configurationHash(EngineConfig c) {
        return HexFormat.of().formatHex(sha256().digest(configuration(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The whole key of {@code engine}: build and configuration. */
    public static String of(Engine engine) {
        return VERSION + "/" + build() + "/" + configurationHash(engine.config());
    }

    private static volatile String build;

    /**
     * What tells this build of the compiler and runtime apart from others of the same version: a
     * digest of their jars' entries (names, sizes, CRCs) or, run from class folders (tests), of
     * their class files' contents. Computed once, when first needed (a few milliseconds).
     */
    public static String build() {
        String b = build;
        if (b == null) {
            MessageDigest d = sha256();
            TreeMap<String, CodeSource> sources = new TreeMap<>();
            for (Class<?> c : List.of(CodeKey.class, Engine.class)) {
                CodeSource s = c.getProtectionDomain().getCodeSource();
                if (s != null && s.getLocation() != null) sources.put(s.getLocation().toString(), s);
            }
            for (CodeSource s : sources.values()) digestLocation(d, s);
            build = b = HexFormat.of().formatHex(d.digest(), 0, 12);
        }
        return b;
    }

    private static void digestLocation(MessageDigest d, CodeSource s) {
        try {
            Path p = Path.of(s.getLocation().toURI());
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        d.update(p.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        d.update(Files.readAllBytes(f));
                    }
                }
            } else {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
                    var entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        var e = entries.nextElement();
                        // our classes only: the launcher's CDS copy of the command line's jar rewrites
                        // other libraries' class files (dev.bytelift.cli.build.UpgradeClassFiles), and a
                        // module compiled by one must load in the other
                        if (!e.getName().startsWith("dev/bytelift/")) continue;
                        d.update((e.getName() + ":" + e.getSize() + ":" + e.getCrc() + "\n").getBytes(
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // a location we cannot read (a jlink image): the version alone must do
            d.update(s.getLocation().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
