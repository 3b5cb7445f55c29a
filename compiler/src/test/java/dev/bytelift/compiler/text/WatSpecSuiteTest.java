package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bytelift.compiler.text.Token.Kind;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.TextFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The text parser against the spec suite as wabt's {@code wast2json} converted it: every module
 * written as text in the {@code .wast} files must encode to the binary wabt wrote, byte for byte once
 * our name section (wast2json writes none) is left out (an invalid module may instead be rejected
 * alike), and every text module of an
 * {@code assert_malformed} must be rejected with a message that starts with the spec's.
 *
 * <p>The suite is found as {@code SpecSuiteTest} finds it: {@code -Dbytelift.testsuite=DIR},
 * {@code $BYTELIFT_TESTSUITE}, or {@code ../../shared/testsuite/json}; skipped if absent unless
 * {@code CI=true}.
 */
class WatSpecSuiteTest {
    /** 2.0 suite messages that the 3.0 suite rewords, to the 3.0 wording Bytelift gives. */
    private static final java.util.Map<String, String> REWORDED = java.util.Map.of(
            "malformed lane index", "i8 constant out of range");

    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"))) {
                fail("spec test suite not found at " + dir.toAbsolutePath());
            }
            Assumptions.abort("spec test suite not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * The modules of a .wast file by line (wast2json gives a command's module's line): the {@code (}
     * of each {@code (module} at the top level or in a command.
     */
    static Map<Integer, Token> moduleForms(TokenCursor c) {
        Map<Integer, Token> forms = new HashMap<>();
        int depth = 0;
        while (true) {
            Token t = c.next();
            if (t.kind() == Kind.EOF) return forms;
            if (t.kind() == Kind.LPAREN) {
                if (depth <= 1 && c.peek().is("module")) {
                    forms.putIfAbsent(t.line(), t);
                    forms.putIfAbsent(c.peek().line(), t);
                }
                depth++;
            } else if (t.kind() == Kind.RPAREN) {
                depth--;
            }
        }
    }

    /** Whether the cursor is at {@code (module $id? binary ...)}. */
    static boolean isBinary(TokenCursor c) {
        return c.peek(c.peek(2).kind() == Kind.ID ? 3 : 2).is("binary");
    }

    /** The text of {@code (module $id? quote "..."*)} (its strings joined), or null if it is no quote. */
    static byte[] quoted(TokenCursor c) {
        int i = c.peek(2).kind() == Kind.ID ? 3 : 2;
        if (!c.peek(i).is("quote")) return null;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int k = i + 1; c.peek(k).kind() == Kind.STRING; k++) {
            b.writeBytes(c.peek(k).bytes());
            b.write(' ');
        }
        return b.toByteArray();
    }

    @Test
    void textModulesEncodeAsWabtDoes() throws IOException {
        Path dir = suiteDir();
        int identical = 0;
        int sameOutcome = 0;
        int notTextCount = 0;
        int quotes = 0;
        int named = 0;
        List<String> failures = new ArrayList<>();
        Engine engine = new Engine();
        for (Path json : jsonFiles(dir)) {
            JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            Path wast = dir.resolve(root.get("source_filename").getAsString());
            byte[] source = Files.readAllBytes(wast);
            TokenCursor all = TokenCursor.of(source, wast.getFileName().toString());
            Map<Integer, Token> forms = moduleForms(all);
            for (JsonElement e : root.getAsJsonArray("commands")) {
                JsonObject cmd = e.getAsJsonObject();
                String type = cmd.get("type").getAsString();
                if (!cmd.has("filename") || !cmd.get("filename").getAsString().endsWith(".wasm")) continue;
                int line = cmd.get("line").getAsInt();
                String where = wast.getFileName() + ":" + line;
                Token form = forms.get(line);
                // a file of bare module fields (inline-module.wast) is one module
                TokenCursor c = form != null ? all.at(form) : TokenCursor.of(source, wast.getFileName().toString());
                if (form != null && isBinary(c)) {
                    notTextCount++;
                    continue;
                }
                byte[] quote = form != null ? quoted(c) : null;
                if (quote != null) quotes++;
                byte[] expected = Files.readAllBytes(dir.resolve(cmd.get("filename").getAsString()));
                byte[] ours;
                try {
                    // our name section (from the $ids) is the one legitimate difference: compare without it
                    ours = quote != null ? Wat.toBinary(quote, where)
                            : form != null ? WatParser.parseModule(c) : Wat.toBinary(source, wast.toString());
                    byte[] stripped = NameSections.strip(ours);
                    if (stripped != ours) named++;
                    ours = stripped;
                } catch (RuntimeException x) {
                    failures.add(where + " (" + type + "): " + x);
                    continue;
                }
                if (!Arrays.equals(ours, expected) && System.getProperty("bytelift.wat.dump") != null) {
                    Path d = Path.of(System.getProperty("bytelift.wat.dump"));
                    Files.createDirectories(d);
                    Files.write(d.resolve(cmd.get("filename").getAsString()), ours);
                }
                if (Arrays.equals(ours, expected)) {
                    identical++;
                } else if (type.equals("module")) {
                    failures.add(where + ": differs from " + cmd.get("filename").getAsString() + " at byte "
                            + Arrays.mismatch(ours, expected));
                } else {
                    // an assert_invalid (or unlinkable...) module: ours must be rejected or accepted alike,
                    // or with the spec's message where wabt's encoding loses it (select (result) is not select)
                    String got = outcome(engine, ours);
                    String wabt = outcome(engine, expected);
                    boolean spec = cmd.has("text") && !got.equals("ok") && got.contains(cmd.get("text").getAsString());
                    if (got.equals(wabt) || spec) {
                        sameOutcome++;
                        System.out.println("[wat] " + where + ": differs from " + cmd.get("filename").getAsString()
                                + ", compiles as " + got + (got.equals(wabt) ? " too" : " (wabt's: " + wabt + ")"));
                    } else {
                        failures.add(where + " (" + type + "): compiles as " + got + ", wast2json's as " + wabt);
                    }
                }
            }
        }
        System.out.printf("[wat] text modules (%d of them quoted): %d byte-identical to wast2json (%d of them once our name section"
                + " is left out), %d of assert_invalid/... with the same outcome; %d binary modules skipped%n", quotes,
                identical, named, sameOutcome, notTextCount);
        failures.stream().limit(60).forEach(f -> System.out.println("[wat] " + f));
        assertEquals(List.of(), failures.size() > 60 ? failures.subList(0, 60) : failures, failures.size() + " failures");
    }

    /** How a module compiles: "ok", or the exception class and the spec's message. */
    static String outcome(Engine engine, byte[] wasm) {
        try {
            engine.compile(wasm);
            return "ok";
        } catch (CompileException e) {
            return e.getClass().getSimpleName() + ": " + e.specMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void malformedTextIsRejected() throws IOException {
        Path dir = suiteDir();
        int rejected = 0;
        int matching = 0;
        Engine engine = new Engine();
        List<String> accepted = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Path json : jsonFiles(dir)) {
            JsonArray commands = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("commands");
            for (JsonElement e : commands) {
                JsonObject cmd = e.getAsJsonObject();
                if (!cmd.get("type").getAsString().equals("assert_malformed")) continue;
                if (!cmd.has("module_type") || !cmd.get("module_type").getAsString().equals("text")) continue;
                String file = cmd.get("filename").getAsString();
                String want = cmd.get("text").getAsString();
                byte[] text = Files.readAllBytes(dir.resolve(file));
                String got;
                try {
                    // the 2.0 suite's text: 32-bit limits and offsets (3.0 parses larger ones, and validation bounds them)
                    byte[] binary = Wat.toBinary(text, file, false);
                    try {
                        engine.compile(binary);
                        accepted.add(file + " (line " + cmd.get("line") + ", wants \"" + want + "\")");
                        continue;
                    } catch (CompileException x) {
                        got = x.specMessage();
                    }
                } catch (TextFormatException x) {
                    got = x.specMessage();
                    assertFalse(x.getMessage().contains("\n"), x.getMessage());
                }
                rejected++;
                // as the reference interpreter matches: a prefix; the 3.0 suite's newer wording is ours
                if (got.startsWith(want) || got.startsWith(REWORDED.getOrDefault(want, want))) matching++;
                else mismatched.add(file + ": wants \"" + want + "\", got \"" + got + "\"");
            }
        }
        System.out.printf("[wat] text assert_malformed: %d rejected, %d with the spec's message, %d accepted%n",
                rejected, matching, accepted.size());
        mismatched.stream().limit(2000).forEach(f -> System.out.println("[wat] message: " + f));
        assertEquals(List.of(), accepted);
        assertEquals(List.of(), mismatched.size() > 40 ? mismatched.subList(0, 40) : mismatched);
    }
}
