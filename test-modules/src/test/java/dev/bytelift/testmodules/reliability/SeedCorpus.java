package dev.bytelift.testmodules.reliability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The valid modules mutation starts from: every module the spec suite's scripts define (found
 * where SpecSuiteTest finds the suite), and the modules this project carries — kernels, WASI
 * programs, hand-written wat modules, and the 150 wasm-opt -ttf modules of the differential test.
 * Sorted by name, so that a seed and an iteration number name the same input on every machine that
 * has the same suite.
 */
final class SeedCorpus {
    record Seed(String name, byte[] bytes) {}

    private SeedCorpus() {}

    /** As SpecSuiteTest: {@code -Dbytelift.testsuite}, {@code $BYTELIFT_TESTSUITE}, or ../../shared/testsuite/json. */
    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** Whether a missing suite must fail (CI) rather than skip. */
    static boolean suiteRequired() {
        return Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"));
    }

    /** The valid modules of the spec suite ("module" commands with a binary file), or none if it is absent. */
    static List<Seed> specModules(Path dir) {
        List<Seed> seeds = new ArrayList<>();
        if (!Files.isDirectory(dir)) return seeds;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path script : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonObject json = JsonParser.parseString(Files.readString(script)).getAsJsonObject();
                for (JsonElement c : json.getAsJsonArray("commands")) {
                    JsonObject cmd = c.getAsJsonObject();
                    if (!cmd.get("type").getAsString().equals("module") || !cmd.has("filename")) continue;
                    String file = cmd.get("filename").getAsString();
                    if (file.endsWith(".wasm")) seeds.add(new Seed("spec/" + file, Files.readAllBytes(dir.resolve(file))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    /** Every .wasm under dev/bytelift/testmodules on the class path, except the escape reproducers. */
    static List<Seed> projectModules() {
        List<Seed> seeds = new ArrayList<>();
        try {
            Enumeration<URL> roots = SeedCorpus.class.getClassLoader().getResources("dev/bytelift/testmodules");
            for (URL root : Collections.list(roots)) {
                if (!root.getProtocol().equals("file")) continue; // a jar on the class path: not ours
                Path dir = Path.of(root.toURI());
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                        String rel = dir.relativize(p).toString().replace('\\', '/');
                        if (rel.startsWith("reliability/")) continue;
                        seeds.add(new Seed(rel, Files.readAllBytes(p)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        seeds.sort((a, b) -> a.name().compareTo(b.name()));
        return seeds;
    }
}
