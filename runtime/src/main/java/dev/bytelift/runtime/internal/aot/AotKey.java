package dev.bytelift.runtime.internal.aot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.OperatorCost;

/**
 * What generated code must agree on with the runtime and engine that load it: the runtime's
 * version and build (generated code calls the runtime's internals) and the settings of the
 * configuration that change the code. The compiler's {@code CodeKey} shares
 * {@link #configuration}.
 */
public final class AotKey {
    private AotKey() {}

    /** The Bytelift version (a snapshot's builds are told apart by {@link #runtimeBuild()}). */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * The configuration's part: the settings that change generated code, written out.
     * {@code operators} lists every operator as {first byte, sub-opcode}, for the digest of what a
     * custom cost function charges; it is read only when fuel is on. Not in it: lazy compilation
     * and compile threads (same code), the dump folder, and {@code interruptible} beyond the epoch
     * checks it shares with {@code epochInterruption}.
     */
    public static String configuration(EngineConfig c, int[][] operators) {
        StringBuilder sb = new StringBuilder();
        sb.append("maxWasmStack=").append(c.maxWasmStack());
        sb.append(";epochs=").append(c.checksEpochs());
        sb.append(";splitOver=").append(c.splitFunctionsOver());
        sb.append(";regionInstructions=").append(c.regionInstructions());
        sb.append(";features=");
        for (Feature f : Feature.values()) if (c.enabled(f)) sb.append(f.name()).append(',');
        sb.append(";fuel=").append(c.consumeFuel());
        if (c.consumeFuel()) sb.append(";costs=").append(costs(c.operatorCost(), operators));
        return sb.toString();
    }

    /** A digest of what {@code cost} charges for every operator. */
    private static String costs(OperatorCost cost, int[][] operators) {
        MessageDigest d = sha256();
        for (int[] op : operators) {
            int a = cost.cost(op[0], op[1]);
            int b = cost.costPerElement(op[0], op[1]);
            d.update(new byte[] {(byte) (a >> 24), (byte) (a >> 16), (byte) (a >> 8), (byte) a,
                (byte) (b >> 24), (byte) (b >> 16), (byte) (b >> 8), (byte) b});
        }
        return HexFormat.of().formatHex(d.digest(), 0, 16);
    }

    /** SHA-256 of {@link #configuration}, in hex. */
    public static String configurationHash(EngineConfig c, int[][] operators) {
        return HexFormat.of().formatHex(sha256().digest(configuration(c, operators).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static volatile String runtimeBuild;

    /**
     * What tells this build of the runtime apart from others of the same version: a digest of the
     * names, sizes and CRC-32s of its class files ({@code dev/bytelift/runtime/...}), the same
     * whether they are in the runtime's jar, in a jar that bundles it, or in a class folder.
     */
    public static String runtimeBuild() {
        String b = runtimeBuild;
        if (b == null) {
            TreeMap<String, String> entries = new TreeMap<>();
            CodeSource s = AotKey.class.getProtectionDomain().getCodeSource();
            MessageDigest d = sha256();
            try {
                if (s == null || s.getLocation() == null) throw new IOException("no code source");
                Path p = Path.of(s.getLocation().toURI());
                if (Files.isDirectory(p)) {
                    Path root = p.resolve("dev/bytelift/runtime");
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            byte[] bytes = Files.readAllBytes(f);
                            CRC32 crc = new CRC32();
                            crc.update(bytes);
                            entries.put(p.relativize(f).toString().replace(java.io.File.separatorChar, '/'), bytes.length + ":" + crc.getValue());
                        }
                    }
                } else {
                    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
                        var all = zip.entries();
                        while (all.hasMoreElements()) {
                            var e = all.nextElement();
                            if (!e.isDirectory() && e.getName().startsWith("dev/bytelift/runtime/")) entries.put(e.getName(), e.getSize() + ":" + e.getCrc());
                        }
                    }
                }
                for (var e : entries.entrySet()) d.update((e.getKey() + ":" + e.getValue() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException | URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // a location we cannot read (a jlink image): the version alone must do
                d.update(VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            runtimeBuild = b = HexFormat.of().formatHex(d.digest(), 0, 12);
        }
        return b;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stream fully (resources of a class loader). */
    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
