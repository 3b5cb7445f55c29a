package dev.bytelift.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytelift's WASI test programs ({@code test-modules/.../wasi/cases}) through Chicory's
 * {@link WasiPreview1}, on Chicory's interpreter and on Bytelift's machine: the same stdout, stderr
 * and exit code. (What the programs must print is held against the spec by test-modules; here the
 * point is that the machine changes nothing.)
 */
class WasiThroughChicoryTest {
    private static final Path WASI = Path.of("../test-modules/src/main/resources/dev/bytelift/testmodules/wasi");

    /** Every case whose setup needs no symlinks (those test Bytelift's sandbox, not the machine). */
    static List<String> cases() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(WASI.resolve("cases"))) {
            for (Path p : s.sorted().toList()) {
                String json = Files.readString(p);
                if (!json.contains("\"symlinks\"")) out.add(p.getFileName().toString().replace(".json", ""));
            }
        }
        assertTrue(out.size() >= 20, "found " + out);
        return out;
    }

    record Run(String stdout, String stderr, int exitCode) {}

    /** Where Chicory's WASI itself prints other than the recorded output (its rename and unlink fail; symlinks and directories differ). */
    private static final java.util.Set<String> CHICORY_WASI_DIFFERS = java.util.Set.of("files_basic", "files_other_guest_path", "dirs_tree");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOutputAsChicorysInterpreter(String name) throws IOException {
        JsonObject c = JsonParser.parseString(Files.readString(WASI.resolve("cases/" + name + ".json"))).getAsJsonObject();
        byte[] wasm = Files.readAllBytes(WASI.resolve(c.get("program").getAsString()));
        // both runs in directories of names of one length: a program may print a host path's length
        Path base = Files.createTempDirectory("bytelift-chicory-wasi-");
        Run interpreter = run(c, wasm, false, Files.createDirectory(base.resolve("i")));
        Run bytelift = run(c, wasm, true, Files.createDirectory(base.resolve("b")));
        Files.delete(base);
        assertEquals(interpreter, bytelift);
        if (!name.startsWith("clocks") && !name.startsWith("poll") && !CHICORY_WASI_DIFFERS.contains(name)) {
            // where the output does not depend on time, it is also the recorded one
            JsonObject expected = c.getAsJsonObject("expected");
            if (!c.has("specDiffs")) assertEquals(expected.get("stdout").getAsString(), bytelift.stdout(), "recorded stdout");
            assertEquals(expected.get("exitCode").getAsInt(), bytelift.exitCode(), "recorded exit code");
        }
    }

    private static Run run(JsonObject c, byte[] wasm, boolean onBytelift, Path work) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String program = c.get("program").getAsString();
            List<String> argv = new ArrayList<>();
            argv.add(c.has("argv0") ? c.get("argv0").getAsString() : program);
            for (JsonElement a : c.getAsJsonArray("args")) argv.add(a.getAsString());
            WasiOptions.Builder o = WasiOptions.builder().withStdout(out).withStderr(err)
                    .withStdin(new ByteArrayInputStream((c.has("stdin") ? c.get("stdin").getAsString() : "").getBytes(StandardCharsets.UTF_8)))
                    .withArguments(argv);
            if (c.has("env")) {
                for (Map.Entry<String, JsonElement> e : c.getAsJsonObject("env").entrySet()) o.withEnvironment(e.getKey(), e.getValue().getAsString());
            }
            if (c.has("dirs")) {
                int i = 0;
                for (JsonElement e : c.getAsJsonArray("dirs")) {
                    JsonObject d = e.getAsJsonObject();
                    Path host = work.resolve("d" + i++);
                    String from = d.get("host").getAsString();
                    if (from.equals("tmp")) Files.createDirectory(host);
                    else copyTree(WASI.resolve("fixtures/" + from), host);
                    o.withDirectory(d.get("guest").getAsString(), host);
                }
            }
            int exit = 0;
            try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(o.build()).build()) {
                Instance.Builder b = Instance.builder(onBytelift ? ByteliftChicory.parse(wasm) : Parser.parse(wasm))
                        .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                        .withStart(false);
                if (onBytelift) ByteliftChicory.configure(b);
                Instance instance = b.build();
                try {
                    instance.export("_start").apply();
                } catch (WasiExitException e) {
                    exit = e.exitCode();
                }
            }
            return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
