package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every minimised reproducer of an escape the fuzzer found (reliability/escapes/*.wasm) runs
 * through the fuzzer's oracle again. A fixed one must end as fixed-escapes.txt says; a known one
 * (known-escapes.txt, not fixed yet) must still escape the same way: once it does not, the test
 * fails until it is moved to the fixed list, so the known list can only shrink.
 */
class EscapeReproducersTest {
    private static Oracle oracle;

    @BeforeAll
    static void start() {
        oracle = new Oracle(20_000, 16L << 20);
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    private static byte[] load(String file) throws IOException {
        try (InputStream in = EscapeReproducersTest.class.getResourceAsStream(EscapeList.DIR + "escapes/" + file)) {
            if (in == null) fail("no reproducer escapes/" + file);
            return in.readAllBytes();
        }
    }

    @TestFactory
    List<DynamicTest> reproducers() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (EscapeList.Fixed f : EscapeList.fixed()) {
            assertTrue(listed.add(f.file()), f.file() + " is listed twice");
            tests.add(DynamicTest.dynamicTest("fixed: " + f.file() + " (" + f.reason() + ")", () -> {
                Oracle.Outcome o = oracle.run(load(f.file()), f.split());
                String msg = o.error() == null ? "" : String.valueOf(o.error().getMessage());
                if (o.kind() != f.kind() || !msg.contains(f.message())) {
                    AssertionError e = new AssertionError(f.file() + ": expected " + f.kind() + " with \"" + f.message()
                            + "\", got " + o.describe());
                    if (o.error() != null) e.initCause(o.error());
                    throw e;
                }
            }));
        }
        for (EscapeList.Known k : EscapeList.known()) {
            assertTrue(listed.add(k.file()), k.file() + " is listed twice");
            tests.add(DynamicTest.dynamicTest("known: " + k.file() + " (" + k.reason() + ")", () -> {
                Oracle.Outcome o = oracle.run(load(k.file()), k.split());
                if (!o.escaped()) {
                    fail(k.file() + " no longer escapes (" + o.describe() + "): move it from known-escapes.txt to fixed-escapes.txt");
                }
                if (!k.signature().equals(o.signature())) {
                    fail(k.file() + " escapes differently now: " + o.signature() + " (listed: " + k.signature() + "): " + o.error());
                }
            }));
        }
        // every reproducer is in one list or the other
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource(EscapeList.DIR + "escapes")).toURI());
        try (Stream<Path> s = Files.list(dir)) {
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
