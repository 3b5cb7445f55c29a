package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every minimised reproducer of an escape the fuzzer found (reliability/escapes/*.wasm) runs
 * through the fuzzer's oracle again. A fixed one must end as fixed-escapes.txt says; a known one
 * (known-escapes.txt, not fixed yet) must still escape the same way: once it does not, the test
 * fails until it is moved to the fixed list, so the known list can only shrink.
 *
 * <p>Each runs in a child JVM with a 1 GiB heap ({@code Campaign --replay}): some reproducers
 * exhaust the heap, which must not take this JVM's other tests with them.
 */
class EscapeReproducersTest {
    /** What a replay printed: the outcome's kind, stage, escape signature ("-" if none) and message. */
    record Replayed(String kind, String stage, String signature, String message, String output) {}

    private static Path dir() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(EscapeReproducersTest.class.getResource(EscapeList.DIR + "escapes")).toURI());
    }

    private static Replayed replay(String file, boolean split) throws IOException, InterruptedException, URISyntaxException {
        Path wasm = dir().resolve(file);
        if (!Files.exists(wasm)) fail("no reproducer escapes/" + file);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Xss16m", "-cp", classpath, Campaign.class.getName(), "--replay", wasm.toString(), "--bound-ms", "20000"));
        if (split) cmd.add("--split");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(file + ": the replay did not end");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.startsWith(Campaign.OUTCOME_LINE)) continue;
            String[] f = line.substring(Campaign.OUTCOME_LINE.length()).split(" \\| ", 4);
            return new Replayed(f[0], f[1], f[2], f.length > 3 ? f[3] : "", text);
        }
        throw new AssertionError(file + ": the replay printed no outcome:\n" + text);
    }

    @TestFactory
    List<DynamicTest> reproducers() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (EscapeList.Fixed f : EscapeList.fixed()) {
            assertTrue(listed.add(f.file()), f.file() + " is listed twice");
            tests.add(DynamicTest.dynamicTest("fixed: " + f.file() + " (" + f.reason() + ")", () -> {
                Replayed r = replay(f.file(), f.split());
                if (!r.kind().equals(f.kind().name()) || !r.message().contains(f.message())) {
                    fail(f.file() + ": expected " + f.kind() + " with \"" + f.message() + "\", got:\n" + r.output());
                }
            }));
        }
        for (EscapeList.Known k : EscapeList.known()) {
            assertTrue(listed.add(k.file()), k.file() + " is listed twice");
            tests.add(DynamicTest.dynamicTest("known: " + k.file() + " (" + k.reason() + ")", () -> {
                Replayed r = replay(k.file(), k.split());
                if (r.signature().equals("-")) {
                    fail(k.file() + " no longer escapes (" + r.kind() + " in " + r.stage() + ": " + r.message()
                            + "): move it from known-escapes.txt to fixed-escapes.txt");
                }
                if (!k.signature().equals(r.signature())) {
                    fail(k.file() + " escapes differently now (listed: " + k.signature() + "):\n" + r.output());
                }
            }));
        }
        // every reproducer is in one list or the other
        try (Stream<Path> s = Files.list(dir())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!listed.contains(name)) {
                    tests.add(DynamicTest.dynamicTest("listed: " + name,
                            () -> fail("escapes/" + name + " is in neither known-escapes.txt nor fixed-escapes.txt")));
                }
            }
        }
        return tests;
    }
}
