package dev.bytelift.testmodules.spec;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import dev.bytelift.runtime.Engine;

/**
 * The official WebAssembly spec test suite (wast2json output), one dynamic container per script
 * and one dynamic test per command, run in order.
 *
 * <p>The suite is found at {@code -Dbytelift.testsuite=DIR}, {@code $BYTELIFT_TESTSUITE}, or
 * {@code ../../shared/testsuite/json}. If it is absent the tests are skipped, unless
 * {@code -Dbytelift.testsuite.required=true} or the environment variable {@code CI=true} makes
 * that a failure.
 *
 * <p>{@code spec/known-failures.txt} lists commands ({@code script:line}) that are known to
 * fail. The list may only shrink: a listed command that passes fails the build.
 */
class SpecSuiteTest {
    private static final long COMMAND_TIMEOUT_SECONDS = 60;
    private static final Map<String, int[]> TABLE = Collections.synchronizedMap(new TreeMap<>());
    private static final int PASSED = 0, FAILED = 1, KNOWN = 2, SKIPPED = 3;

    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        return Path.of(p).toAbsolutePath().normalize();
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
        Path dir = suiteDir();
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"))) {
                fail("the spec test suite is required but not found at " + dir);
            }
            System.out.println("[spec] test suite not found at " + dir + " (set -Dbytelift.testsuite=DIR); skipping");
            Assumptions.abort("spec test suite not found at " + dir);
        }
        Set<String> known = knownFailures();
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        dev.bytelift.runtime.EngineConfig.Builder config = dev.bytelift.runtime.EngineConfig.builder();
        if (instrumented()) config.consumeFuel(true).epochInterruption(true);
        if (splitEverything()) config.splitFunctionsOver(0).regionInstructions(8);
        config.lazyCompilation(Boolean.getBoolean("bytelift.spec.lazy"));
        Engine engine = new Engine(config.build());
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
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

    private DynamicContainer scriptContainer(Path script, Engine engine, Set<String> known, Set<String> seen) throws IOException {
        String name = script.getFileName().toString().replace(".json", "");
        JsonObject json = JsonParser.parseString(Files.readString(script)).getAsJsonObject();
        List<JsonElement> commands = new ArrayList<>();
        json.getAsJsonArray("commands").forEach(commands::add);
        int[] counts = new int[4];
        TABLE.put(name, counts);
        // one thread with a large stack per script: the commands run there in order
        ExecutorService[] executor = new ExecutorService[1];
        SpecScript[] runner = new SpecScript[1];
        boolean[] broken = new boolean[1];
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            JsonObject cmd = commands.get(i).getAsJsonObject();
            String id = name + ":" + cmd.get("line").getAsInt();
            boolean last = i == commands.size() - 1;
            String display = "line " + cmd.get("line").getAsInt() + ": " + cmd.get("type").getAsString() + describe(cmd);
            tests.add(DynamicTest.dynamicTest(display, () -> {
                seen.add(id);
                try {
                    if (executor[0] == null) {
                        executor[0] = Executors.newSingleThreadExecutor(r -> {
                            Thread t = new Thread(null, r, "spec-" + name, 512L << 20);
                            t.setDaemon(true);
                            return t;
                        });
                        List<JsonObject> all = commands.stream().map(JsonElement::getAsJsonObject).toList();
                        runner[0] = executor[0].submit(() -> new SpecScript(script.getParent(), engine, all)).get();
                    }
                    runCommand(id, cmd, executor[0], runner[0], known, counts, broken);
                } finally {
                    if (last && executor[0] != null) executor[0].shutdownNow();
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests.stream());
    }

    private static String describe(JsonObject cmd) {
        if (cmd.has("action")) return " " + cmd.getAsJsonObject("action").get("field").getAsString();
        if (cmd.has("filename")) return " " + cmd.get("filename").getAsString();
        return "";
    }

    private static void runCommand(String id, JsonObject cmd, ExecutorService executor, SpecScript runner,
            Set<String> known, int[] counts, boolean[] broken) throws Exception {
        String failure = null;
        Throwable cause = null;
        if (broken[0]) {
            failure = "an earlier command of this script timed out";
        } else {
            Future<?> f = executor.submit(() -> {
                runner.run(cmd);
                return null;
            });
            try {
                f.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                broken[0] = true;
                f.cancel(true);
                failure = "timed out after " + COMMAND_TIMEOUT_SECONDS + " s";
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof SpecScript.Skipped) {
                    counts[SKIPPED]++;
                    throw new TestAbortedException("skipped: " + c.getMessage());
                }
                failure = c instanceof SpecScript.Failure ? c.getMessage() : "unexpected " + c;
                cause = c.getCause() != null ? c.getCause() : c;
            }
        }
        if (failure == null) {
            if (known.contains(id)) {
                counts[FAILED]++;
                fail(id + " is listed in known-failures.txt but passes: remove it from the list");
            }
            counts[PASSED]++;
            return;
        }
        if (known.contains(id)) {
            counts[KNOWN]++;
            throw new TestAbortedException("known failure: " + failure);
        }
        counts[FAILED]++;
        AssertionError err = new AssertionError(id + ": " + failure);
        if (cause != null) err.initCause(cause);
        throw err;
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
        sb.append(String.format("spec%s: %d passed, %d failed, %d known failures, %d skipped (text modules)%n",
                (instrumented() ? " (fuel and epochs on)" : "") + (splitEverything() ? " (every function split)" : ""), total[PASSED], total[FAILED], total[KNOWN], total[SKIPPED]));
        System.out.print(sb);
        Path out = Path.of("target", "spec-results" + (instrumented() ? "-instrumented" : "") + (splitEverything() ? "-split" : "") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }
}
