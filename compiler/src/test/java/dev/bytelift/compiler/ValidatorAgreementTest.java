package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ImplementationLimitException;

/**
 * The standalone validator ({@code validate.BodyValidator}, which lazy compilation runs when a
 * module is compiled) and the translator (which validates as it lowers, eager compilation) agree
 * on every binary module of the 2.0 and 3.0 spec suites' {@code assert_invalid} and
 * {@code assert_malformed} commands, and on their valid modules: the same exception class,
 * message and byte offset, or both accept the module. (Eager compilation may also fail on a limit
 * of the translation, which lazy compilation reports at the first call instead.)
 */
class ValidatorAgreementTest {
    static final Path SPEC30 = Path.of(System.getProperty("bytelift.testsuite30.json", "/work/shared/testsuite-3.0/json"));
    private static final Pattern COMMAND = Pattern.compile("\"type\": \"(\\w+)\".*?\"filename\": \"([^\"]+\\.wasm)\"");

    private final Engine eager = new Engine(EngineConfig.builder().compileThreads(1).build());
    private final Engine lazy = new Engine(EngineConfig.builder().compileThreads(1).lazyCompilation(true).build());

    @Test
    void theStandaloneValidatorAndTheTranslatorAgreeOnTheSpecSuites() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(LoopHeaderStackTest.SPEC), "no spec suite at " + LoopHeaderStackTest.SPEC);
        List<String> disagreements = new ArrayList<>();
        int[] counts = new int[3]; // invalid or malformed modules, valid ones, rejected ones
        for (Path dir : List.of(LoopHeaderStackTest.SPEC, SPEC30)) {
            if (!Files.isDirectory(dir)) continue;
            for (Path json : jsonFiles(dir)) {
                Matcher c = COMMAND.matcher(Files.readString(json));
                while (c.find()) {
                    String type = c.group(1);
                    boolean invalid = type.equals("assert_invalid") || type.equals("assert_malformed");
                    if (!invalid && !type.equals("module")) continue;
                    Path wasm = dir.resolve(c.group(2));
                    if (!Files.exists(wasm)) continue;
                    counts[invalid ? 0 : 1]++;
                    byte[] bytes = Files.readAllBytes(wasm);
                    String e = outcome(eager, bytes), l = outcome(lazy, bytes);
                    if (!l.equals("ok")) counts[2]++;
                    if (!e.equals(l) && !(e.startsWith(ImplementationLimitException.class.getSimpleName()) && l.equals("ok"))) {
                        disagreements.add(dir.getParent().getFileName() + "/" + wasm.getFileName() + ": translator " + e + ", validator " + l);
                    }
                }
            }
        }
        assertTrue(counts[0] > 2000, counts[0] + " invalid or malformed modules compared");
        assertTrue(counts[2] >= counts[0] * 9 / 10, counts[2] + " of " + counts[0] + " rejected");
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements, first: "
                + String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
    }

    /** "ok", or the exception's class, message and offset. */
    private static String outcome(Engine engine, byte[] bytes) {
        try {
            engine.compile(bytes);
            return "ok";
        } catch (CompileException e) {
            return e.getClass().getSimpleName() + " '" + e.getMessage() + "' at " + e.offset();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + " '" + e.getMessage() + "'";
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
