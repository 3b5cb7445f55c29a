package dev.bytelift.testmodules.spec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.wast.Action;
import dev.bytelift.wast.Command;
import dev.bytelift.wast.CommandResult;
import dev.bytelift.wast.Script;
import dev.bytelift.wast.ScriptParser;
import dev.bytelift.wast.ScriptRunner;

/**
 * The official WebAssembly spec test suite, run from its {@code .wast} scripts through our own
 * text-format parser and the {@link ScriptRunner} that {@code bytelift wast} uses: one dynamic
 * container per script and one dynamic test per command, run in order.
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
    private static final Map<String, int[]> TABLE = Collections.synchronizedMap(new TreeMap<>());
    private static final int PASSED = 0, FAILED = 1, KNOWN = 2, SKIPPED = 3;

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

    /**
     * With {@code -Dbytelift.spec.instrumented=true} the suite runs with fuel metering and epoch
     * interruption compiled in (and limits that are never reached), which checks that instrumented
     * code verifies and behaves the same for every shape of code in the suite.
     */
    static boolean instrumented() {
        return Boolean.getBoolean("bytelift.spec.instrumented");
    }

    /**
     * With {@code -Dbytelift.spec.split=true} every function is compiled split over many small
     * JVM methods (the mechanism for functions too large for one method), checking it against
     * every shape of code in the suite.
     */
    static boolean splitEverything() {
        return Boolean.getBoolean("bytelift.spec.split");
    }

    static Set<String> knownFailures() throws IOException {
        Set<String> known = new HashSet<>();
        try (InputStream in = SpecSuiteTest.class.getResourceAsStream("/spec/known-failures.txt")) {
            if (in == null) return known;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) known.add(line.split("\\s+")[0]);
            }
        }
        return known;
    }

    @TestFactory
    Stream<DynamicNode> specSuite() throws IOException {
        Path dir = wastDir();
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"))) {
                fail("the spec test suite is required but not found at " + dir);
            }
            System.out.println("[spec] test suite not found at " + dir + " (set -Dbytelift.testsuite=DIR); skipping");
            Assumptions.abort("spec test suite not found at " + dir);
        }
        Set<String> known = knownFailures();
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        EngineConfig.Builder config = EngineConfig.builder();
        if (instrumented()) config.consumeFuel(true).epochInterruption(true);
        if (splitEverything()) config.splitFunctionsOver(0).regionInstructions(8);
        config.lazyCompilation(Boolean.getBoolean("bytelift.spec.lazy"));
        Engine engine = new Engine(config.build());
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path script : scripts) nodes.add(scriptContainer(script, engine, known, seen));
        nodes.add(DynamicTest.dynamicTest("known-failure list names only existing commands", () -> {
            Set<String> stale = new HashSet<>(known);
            stale.removeAll(seen);
            if (!stale.isEmpty()) fail("known-failures.txt names commands that do not exist: " + stale);
        }));
        return nodes.stream();
    }

    private DynamicContainer scriptContainer(Path file, Engine engine, Set<String> known, Set<String> seen) throws IOException {
        String name = file.getFileName().toString().replace(".wast", "");
        int[] counts = new int[4];
        TABLE.put(name, counts);
        Script script;
        try {
            script = ScriptParser.parse(Files.readAllBytes(file), file.getFileName().toString());
        } catch (TextFormatException e) {
            counts[FAILED]++;
            return DynamicContainer.dynamicContainer(name, Stream.of(DynamicTest.dynamicTest("parse", () -> fail(e.getMessage(), e))));
        }
        List<Command> commands = script.commands();
        ScriptRunner[] runner = new ScriptRunner[1];
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command cmd = commands.get(i);
            String id = name + ":" + cmd.line();
            boolean last = i == commands.size() - 1;
            tests.add(DynamicTest.dynamicTest("line " + cmd.line() + ": " + cmd.kind() + describe(cmd), () -> {
                seen.add(id);
                try {
                    if (runner[0] == null) runner[0] = new ScriptRunner(engine, script.sourceName());
                    check(id, runner[0].run(cmd), known, counts);
                } finally {
                    if (last && runner[0] != null) runner[0].close();
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests.stream());
    }

    private static String describe(Command c) {
        Action a = c instanceof Command.AssertReturn r ? r.action()
                : c instanceof Command.AssertTrap t ? t.action()
                : c instanceof Command.AssertExhaustion e ? e.action()
                : c instanceof Command.Perform p ? p.action() : null;
        if (a != null) return " " + a.field();
        if (c instanceof Command.ModuleCommand m && m.name() != null) return " " + m.name();
        return "";
    }

    private static void check(String id, CommandResult r, Set<String> known, int[] counts) {
        switch (r.status()) {
            case SKIPPED -> {
                counts[SKIPPED]++;
                throw new TestAbortedException("skipped: " + r.message());
            }
            case PASSED -> {
                if (known.contains(id)) {
                    counts[FAILED]++;
                    fail(id + " is listed in known-failures.txt but passes: remove it from the list");
                }
                counts[PASSED]++;
            }
            default -> {
                if (known.contains(id)) {
                    counts[KNOWN]++;
                    throw new TestAbortedException("known failure: " + r.message());
                }
                counts[FAILED]++;
                AssertionError err = new AssertionError(id + ": " + r.message());
                if (r.cause() != null) err.initCause(r.cause());
                throw err;
            }
        }
    }

    @AfterAll
    static void printTable() throws IOException {
        if (TABLE.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%-36s %8s %8s %8s %8s%n", "spec script", "passed", "failed", "known", "skipped"));
        int[] total = new int[4];
        for (Map.Entry<String, int[]> e : TABLE.entrySet()) {
            int[] c = e.getValue();
            sb.append(String.format("%-36s %8d %8d %8d %8d%n", e.getKey(), c[PASSED], c[FAILED], c[KNOWN], c[SKIPPED]));
            for (int k = 0; k < 4; k++) total[k] += c[k];
        }
        sb.append(String.format("%-36s %8d %8d %8d %8d%n", "TOTAL (" + TABLE.size() + " scripts)", total[PASSED], total[FAILED], total[KNOWN], total[SKIPPED]));
        sb.append(String.format("spec (.wast)%s: %d passed, %d failed, %d known failures, %d skipped%n",
                (instrumented() ? " (fuel and epochs on)" : "") + (splitEverything() ? " (every function split)" : ""), total[PASSED], total[FAILED], total[KNOWN], total[SKIPPED]));
        System.out.print(sb);
        Path out = Path.of("target", "spec-results" + (instrumented() ? "-instrumented" : "") + (splitEverything() ? "-split" : "") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }
}
