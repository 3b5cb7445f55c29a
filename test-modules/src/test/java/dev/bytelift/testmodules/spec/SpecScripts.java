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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.wast.Action;
import dev.bytelift.wast.Command;
import dev.bytelift.wast.CommandResult;
import dev.bytelift.wast.Script;
import dev.bytelift.wast.ScriptParser;
import dev.bytelift.wast.ScriptRunner;

/**
 * What the spec-suite tests ({@link SpecSuiteTest} for 2.0, {@link SpecSuite30Test} for 3.0) share:
 * one dynamic container per {@code .wast} script and one dynamic test per command, run in order
 * through the {@link ScriptRunner} that {@code bytelift wast} uses; a known-failures list
 * ({@code script:line} per line, {@code #} comments) that may only shrink, since a listed command
 * that passes fails the build; and a results table printed at the end and written to {@code target/}.
 */
final class SpecScripts {
    private static final int PASSED = 0, FAILED = 1, KNOWN = 2, SKIPPED = 3;

    private final String title;
    private final String knownFailuresName;
    private final Set<String> known;
    private final Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    private final Map<String, int[]> table = Collections.synchronizedMap(new TreeMap<>());

    /**
     * @param title what the suite is called in the results table
     * @param knownFailuresResource the class-path resource of the known-failures list
     */
    SpecScripts(String title, String knownFailuresResource) throws IOException {
        this.title = title;
        this.knownFailuresName = knownFailuresResource.substring(knownFailuresResource.lastIndexOf('/') + 1);
        this.known = knownFailures(knownFailuresResource);
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

    /**
     * With {@code -Dbytelift.spec.serialize=true} every module goes through
     * {@code Module.serialize} and {@code Engine.deserializeModule} before it is used (the script
     * runner reads the property), checking deserialised modules against the whole suite.
     */
    static boolean serialized() {
        return Boolean.getBoolean("bytelift.spec.serialize");
    }

    /** With {@code -Dbytelift.spec.serialize=aot} every module is compiled ahead of time and loaded from its files. */
    static boolean aheadOfTime() {
        return "aot".equals(System.getProperty("bytelift.spec.serialize"));
    }

    /** {@code base} with the configuration the system properties above (and {@code bytelift.spec.lazy}) ask for. */
    static EngineConfig.Builder configure(EngineConfig.Builder base) {
        if (instrumented()) base.consumeFuel(true).epochInterruption(true);
        if (splitEverything()) base.splitFunctionsOver(0).regionInstructions(8);
        return base.lazyCompilation(Boolean.getBoolean("bytelift.spec.lazy"));
    }

    /**
     * Fails if {@code dir} is absent and the suite is required ({@code -Dbytelift.testsuite.required=true}
     * or {@code CI=true}), else skips the test; does nothing if it is there.
     */
    static void requireSuite(Path dir, String how) {
        if (Files.isDirectory(dir)) return;
        if (Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"))) {
            fail("the spec test suite is required but not found at " + dir);
        }
        System.out.println("[spec] test suite not found at " + dir + " (" + how + "); skipping");
        Assumptions.abort("spec test suite not found at " + dir);
    }

    static Set<String> knownFailures(String resource) throws IOException {
        Set<String> known = new HashSet<>();
        try (InputStream in = SpecScripts.class.getResourceAsStream(resource)) {
            if (in == null) return known;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) known.add(line.split("\\s+")[0]);
            }
        }
        return known;
    }

    /** The test that the known-failures list names only commands that were run (add it last). */
    DynamicTest knownFailuresExist() {
        return DynamicTest.dynamicTest("known-failure list names only existing commands", () -> {
            Set<String> stale = new HashSet<>(known);
            stale.removeAll(seen);
            if (!stale.isEmpty()) fail(knownFailuresName + " names commands that do not exist: " + stale);
        });
    }

    /** The tests of one script, {@code name} being how the known-failures list names it. */
    DynamicNode script(Path file, String name, Engine engine) throws IOException {
        int[] counts = new int[4];
        table.put(name, counts);
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
                    check(id, runner[0].run(cmd), counts);
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
                : c instanceof Command.AssertException x ? x.action()
                : c instanceof Command.Perform p ? p.action() : null;
        if (a != null) return " " + a.field();
        if (c instanceof Command.ModuleCommand m && m.name() != null) return " " + m.name();
        return "";
    }

    private void check(String id, CommandResult r, int[] counts) {
        switch (r.status()) {
            case SKIPPED -> {
                counts[SKIPPED]++;
                throw new TestAbortedException("skipped: " + r.message());
            }
            case PASSED -> {
                if (known.contains(id)) {
                    counts[FAILED]++;
                    fail(id + " is listed in " + knownFailuresName + " but passes: remove it from the list");
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

    /** Prints the results table and writes it to {@code target/<fileStem>[-instrumented][-split].txt}. */
    void printTable(String fileStem) throws IOException {
        if (table.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%-36s %8s %8s %8s %8s%n", title + " script", "passed", "failed", "known", "skipped"));
        int[] total = new int[4];
        for (Map.Entry<String, int[]> e : table.entrySet()) {
            int[] c = e.getValue();
            sb.append(String.format("%-36s %8d %8d %8d %8d%n", e.getKey(), c[PASSED], c[FAILED], c[KNOWN], c[SKIPPED]));
            for (int k = 0; k < 4; k++) total[k] += c[k];
        }
        sb.append(String.format("%-36s %8d %8d %8d %8d%n", "TOTAL (" + table.size() + " scripts)", total[PASSED], total[FAILED], total[KNOWN], total[SKIPPED]));
        sb.append(String.format("%s (.wast)%s: %d passed, %d failed, %d known failures, %d skipped%n", title,
                (instrumented() ? " (fuel and epochs on)" : "") + (splitEverything() ? " (every function split)" : "") + (serialized() ? " (serialised and deserialised)" : "") + (aheadOfTime() ? " (ahead of time)" : ""), total[PASSED], total[FAILED], total[KNOWN], total[SKIPPED]));
        System.out.print(sb);
        Path out = Path.of("target", fileStem + (instrumented() ? "-instrumented" : "") + (splitEverything() ? "-split" : "") + (serialized() ? "-serialized" : "") + (aheadOfTime() ? "-aot" : "") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }
}
