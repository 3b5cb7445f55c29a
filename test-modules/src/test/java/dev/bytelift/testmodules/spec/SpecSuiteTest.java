package dev.bytelift.testmodules.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;

/**
 * The official WebAssembly 2.0 spec test suite, run from its {@code .wast} scripts through our own
 * text-format parser and the {@link dev.bytelift.wast.ScriptRunner} that {@code bytelift wast}
 * uses ({@link SpecScripts}): one dynamic container per script and one dynamic test per command,
 * run in order. The engine has exactly the 2.0 features ({@link Feature#webAssembly2()}): the
 * suite checks 2.0's rules, some of which 3.0 relaxes.
 *
 * <p>The suite is found at {@code -Dbytelift.testsuite=DIR}, {@code $BYTELIFT_TESTSUITE}, or
 * {@code ../../shared/testsuite/json}: DIR is the wast2json output, whose sibling {@code wast/}
 * holds the scripts (DIR itself if it holds {@code .wast} files). If it is absent the tests are
 * skipped, unless {@code -Dbytelift.testsuite.required=true} or the environment variable
 * {@code CI=true} makes that a failure.
 *
 * <p>{@code spec/known-failures.txt} lists commands ({@code script:line}) that are known to
 * fail. The list may only shrink: a listed command that passes fails the build.
 */
class SpecSuiteTest {
    private static SpecScripts scripts;

    /** The wast2json directory of the suite (other tests read its {@code .wasm} files). */
    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** The directory of the {@code .wast} scripts: {@link #suiteDir()}'s sibling {@code wast/}, or it itself. */
    static Path wastDir() throws IOException {
        Path dir = suiteDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(p -> p.toString().endsWith(".wast"))) return dir;
            }
        }
        return dir.resolveSibling("wast");
    }

    @TestFactory
    Stream<DynamicNode> specSuite() throws IOException {
        Path dir = wastDir();
        SpecScripts.requireSuite(dir, "set -Dbytelift.testsuite=DIR");
        scripts = new SpecScripts("spec", "/spec/known-failures.txt");
        // the 2.0 suite checks 2.0's rules, e.g. that global.get of a defined global is invalid
        // in a constant expression, which extended constant expressions (3.0) allow
        Engine engine = new Engine(SpecScripts.configure(EngineConfig.builder().features(Feature.webAssembly2())).build());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path script : files) nodes.add(scripts.script(script, script.getFileName().toString().replace(".wast", ""), engine));
        nodes.add(scripts.knownFailuresExist());
        return nodes.stream();
    }

    @AfterAll
    static void printTable() throws IOException {
        if (scripts != null) scripts.printTable("spec-results");
    }
}
