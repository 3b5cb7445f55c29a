package dev.bytelift.compiler.decode;

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
import dev.bytelift.compiler.validate.BodyValidator;

/**
 * The skimmer's stack bound ({@link StackBound}) is sound: on every function of every valid module
 * of the 2.0 and 3.0 spec suites, and at small limits (where those bodies' ordinary stacks, calls,
 * multi-value blocks, {@code if} parameters, exception handlers and unreachable code all matter),
 * it flags every body whose exact shape (the validator's {@code stackShape}, what deep-stack mode
 * is decided on) passes the limit. A body it misses would be translated the ordinary way and
 * could be rejected as too large for one method (issue 20).
 */
class StackBoundTest {
    private static final Path SPEC20 = Path.of(System.getProperty("bytelift.testsuite.json", "/work/shared/testsuite/json"));
    private static final Path SPEC30 = Path.of(System.getProperty("bytelift.testsuite30.json", "/work/shared/testsuite-3.0/json"));
    private static final Pattern MODULE = Pattern.compile("\"type\": \"module\".*?\"filename\": \"([^\"]+\\.wasm)\"");
    private static final int[] LIMITS = {0, 1, 2, 3, 4, 5, 6, 8, 12, 16, 32};

    @Test
    void theBoundIsNeverBelowTheValidatorsShape() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SPEC20), "no spec suite at " + SPEC20);
        List<String> misses = new ArrayList<>();
        int bodies = 0, flaggedAtFour = 0, deepAtFour = 0;
        for (Path dir : List.of(SPEC20, SPEC30)) {
            if (!Files.isDirectory(dir)) continue;
            for (Path json : jsonFiles(dir)) {
                Matcher c = MODULE.matcher(Files.readString(json));
                while (c.find()) {
                    Path wasm = dir.resolve(c.group(1));
                    if (!Files.exists(wasm)) continue;
                    ModuleInfo m;
                    try {
                        m = ModuleDecoder.decode(Files.readAllBytes(wasm));
                    } catch (RuntimeException e) {
                        continue; // a feature we do not support (GC): not a valid module here
                    }
                    for (int b = 0; b < m.bodies.size(); b++) {
                        int f = m.importedFuncs + b;
                        BodyValidator.StackShape shape;
                        try {
                            shape = new BodyValidator(m, f, Features.ALL, t -> { }).stackShape();
                        } catch (RuntimeException e) {
                            continue;
                        }
                        bodies++;
                        for (int limit : LIMITS) {
                            boolean needed = shape.maxBlockValues() > limit || shape.maxLabelSlots() > limit;
                            boolean flagged = flagged(m, f, limit);
                            if (limit == 4) {
                                if (flagged) flaggedAtFour++;
                                if (needed) deepAtFour++;
                            }
                            if (needed && !flagged) misses.add(wasm.getFileName() + " function " + f + " at limit " + limit + ": " + shape);
                        }
                    }
                }
            }
        }
        System.out.printf("[stack-bound] %d bodies; at limit 4: %d need deep-stack mode, %d flagged%n", bodies, deepAtFour, flaggedAtFour);
        assertTrue(bodies > 5000, bodies + " bodies checked");
        assertTrue(misses.isEmpty(), misses.size() + " bodies the bound misses, first: "
                + String.join("\n", misses.subList(0, Math.min(20, misses.size()))));
    }

    /** Whether the bound flags function {@code f}'s body at {@code limit}: the skimmer's loop, reduced. */
    private static boolean flagged(ModuleInfo m, int f, int limit) {
        ModuleInfo.FunctionBody body = m.bodies.get(f - m.importedFuncs);
        ByteReader in = new ByteReader(m.bytes, body.start(), body.end());
        int groups = in.u32Count();
        for (int i = 0; i < groups; i++) {
            in.u32();
            TypeReader.valType(in, Features.ALL, null);
        }
        OperatorReader r = new OperatorReader(in, Features.ALL);
        StackBound bound = new StackBound(m, m.funcType(f), limit);
        int depth = 0;
        while (true) {
            Op op = r.next();
            bound.after(op, r);
            if (op.has(Op.F.BLOCK)) depth++;
            else if (op == Op.END || op == Op.DELEGATE) {
                if (depth == 0) return bound.deep();
                depth--;
            }
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
