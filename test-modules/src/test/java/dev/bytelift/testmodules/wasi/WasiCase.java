package dev.bytelift.testmodules.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bytelift.testmodules.TestModules;

/**
 * One recorded WASI case ({@code testmodules/wasi/cases/NAME.json}, format in
 * {@code test-modules/src/c/wasi/README.md}): the program, its arguments, environment, stdin and
 * directories, and what it must print. Sets up the directories the way the Node reference runner
 * ({@code test-modules/scripts/wasi-node.mjs}) does, and compares a run with {@code expected}
 * after applying {@code specDiffs}: Bytelift is held to the spec-correct output, not Node's.
 */
final class WasiCase {
    static final String WASI = "/dev/bytelift/testmodules/wasi/";

    final String name;
    private final JsonObject json;

    /** A preopened directory of the case. */
    record Dir(String host, String guest, Map<String, String> symlinks) {}

    /** What a run produced. */
    record Observed(String stdout, String stderr, Integer exitCode, String trap,
            Map<String, List<String>> dirsAfter, List<String> outside) {}

    /**
     * The scratch area of one run: {@code io/} for stdio files (never visible to the guest) and
     * {@code root/dN/} per directory; anything else appearing in {@code root/} is an escape.
     */
    record Scratch(Path work, Path io, Path root, List<Path> hostDirs) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            deleteTree(work);
        }
    }

    private WasiCase(String name, JsonObject json) {
        this.name = name;
        this.json = json;
    }

    /** Every case, sorted by name. */
    static List<WasiCase> all() throws IOException {
        Path dir = resource("cases");
        List<WasiCase> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(load(p));
            }
        }
        return out;
    }

    /** The case {@code name}. */
    static WasiCase named(String name) throws IOException {
        return load(resource("cases/" + name + ".json"));
    }

    private static WasiCase load(Path p) throws IOException {
        String n = p.getFileName().toString().replaceFirst("\\.json$", "");
        return new WasiCase(n, JsonParser.parseString(Files.readString(p)).getAsJsonObject());
    }

    /** A file or folder of the wasi resources, as a path (tests run from the build's class folders). */
    static Path resource(String relative) {
        URL url = TestModules.class.getResource(WASI + relative);
        if (url == null) throw new IllegalArgumentException("no resource " + WASI + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String program() {
        return json.get("program").getAsString();
    }

    Path programPath() {
        return resource(program());
    }

    /** argv[0] ("argv0", else the program's file name) and the arguments. */
    List<String> argv() {
        List<String> out = new ArrayList<>();
        out.add(json.has("argv0") ? json.get("argv0").getAsString() : Path.of(program()).getFileName().toString());
        out.addAll(args());
        return out;
    }

    List<String> args() {
        return strings(json.getAsJsonArray("args"));
    }

    Map<String, String> env() {
        Map<String, String> out = new LinkedHashMap<>();
        if (json.has("env")) {
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("env").entrySet()) {
                out.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return out;
    }

    String stdin() {
        return json.has("stdin") ? json.get("stdin").getAsString() : "";
    }

    /** "file" (default) or "pipe". */
    String stdio() {
        return json.has("stdio") ? json.get("stdio").getAsString() : "file";
    }

    int timeoutSeconds() {
        return json.has("timeoutSeconds") ? json.get("timeoutSeconds").getAsInt() : 60;
    }

    boolean nodeSkip() {
        return json.has("nodeSkip");
    }

    List<Dir> dirs() {
        List<Dir> out = new ArrayList<>();
        if (!json.has("dirs")) return out;
        for (JsonElement e : json.getAsJsonArray("dirs")) {
            JsonObject d = e.getAsJsonObject();
            Map<String, String> links = new LinkedHashMap<>();
            if (d.has("symlinks")) {
                for (Map.Entry<String, JsonElement> l : d.getAsJsonObject("symlinks").entrySet()) {
                    links.put(l.getKey(), l.getValue().getAsString());
                }
            }
            out.add(new Dir(d.get("host").getAsString(), d.get("guest").getAsString(), links));
        }
        return out;
    }

    /** Creates the scratch area: fresh copies of the fixtures, with the case's symlinks in them. */
    Scratch prepare() throws IOException {
        Path work = Files.createTempDirectory("bytelift-wasi-");
        Path io = Files.createDirectory(work.resolve("io"));
        Path root = Files.createDirectory(work.resolve("root"));
        List<Path> hostDirs = new ArrayList<>();
        List<Dir> dirs = dirs();
        for (int i = 0; i < dirs.size(); i++) {
            Dir d = dirs.get(i);
            Path host = root.resolve("d" + i);
            if (d.host().equals("tmp")) {
                Files.createDirectory(host);
            } else {
                copyTree(resource("fixtures/" + d.host()), host);
            }
            for (Map.Entry<String, String> l : d.symlinks().entrySet()) {
                Path link = host.resolve(l.getKey());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(l.getValue()));
            }
            hostDirs.add(host);
        }
        Files.writeString(io.resolve("stdin"), stdin(), StandardCharsets.UTF_8);
        return new Scratch(work, io, root, hostDirs);
    }

    /** The directory listings and escapes after a run. */
    Observed observe(Scratch s, String stdout, String stderr, Integer exitCode, String trap) throws IOException {
        Map<String, List<String>> after = null;
        List<Dir> dirs = dirs();
        if (!dirs.isEmpty()) {
            after = new LinkedHashMap<>();
            for (int i = 0; i < dirs.size(); i++) after.put(dirs.get(i).guest(), listTree(s.hostDirs().get(i)));
        }
        List<String> outside = new ArrayList<>();
        try (Stream<Path> st = Files.list(s.root())) {
            for (Path p : st.toList()) {
                if (!s.hostDirs().contains(p)) outside.add(p.getFileName().toString());
            }
        }
        outside.sort(null);
        return new Observed(stdout, stderr, exitCode, trap, after, outside);
    }

    /** Asserts that {@code o} is what a spec-correct runtime produces for this case. */
    void assertMatches(Observed o) {
        JsonObject exp = specExpected();
        List<String> problems = new ArrayList<>();
        if (o.trap() != null) problems.add("trapped: " + o.trap());
        diff(problems, "stdout", exp.get("stdout").getAsString(), o.stdout());
        diff(problems, "stderr", exp.get("stderr").getAsString(), o.stderr());
        Integer code = exp.get("exitCode").isJsonNull() ? null : exp.get("exitCode").getAsInt();
        if (!java.util.Objects.equals(code, o.exitCode())) problems.add("exit code: expected " + code + ", got " + o.exitCode());
        if (exp.has("dirsAfter")) {
            Map<String, List<String>> want = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : exp.getAsJsonObject("dirsAfter").entrySet()) {
                want.put(e.getKey(), strings(e.getValue().getAsJsonArray()));
            }
            if (!want.equals(o.dirsAfter())) problems.add("dirsAfter:\n  expected " + want + "\n  got      " + o.dirsAfter());
        }
        List<String> outside = strings(exp.getAsJsonArray("outside"));
        if (!outside.equals(o.outside())) problems.add("outside: expected " + outside + ", got " + o.outside());
        if (!problems.isEmpty()) fail(name + ":\n" + String.join("\n", problems));
    }

    /** {@code expected} with {@code specDiffs} applied (each {@code node} line must occur exactly once). */
    JsonObject specExpected() {
        JsonObject out = json.getAsJsonObject("expected").deepCopy();
        if (!json.has("specDiffs")) return out;
        JsonObject diffs = json.getAsJsonObject("specDiffs");
        for (String stream : List.of("stdout", "stderr")) {
            if (!diffs.has(stream)) continue;
            List<String> lines = new ArrayList<>(List.of(out.get(stream).getAsString().split("\n", -1)));
            for (JsonElement e : diffs.getAsJsonArray(stream)) {
                String node = e.getAsJsonObject().get("node").getAsString();
                String spec = e.getAsJsonObject().get("spec").getAsString();
                long hits = lines.stream().filter(node::equals).count();
                assertEquals(1, hits, name + ": specDiffs line must occur once in expected: " + node);
                lines.set(lines.indexOf(node), spec);
            }
            out.addProperty(stream, String.join("\n", lines));
        }
        for (String key : List.of("exitCode", "outside", "dirsAfter")) {
            if (diffs.has(key)) out.add(key, diffs.get(key).deepCopy());
        }
        return out;
    }

    private static void diff(List<String> problems, String what, String expected, String actual) {
        if (expected.equals(actual)) return;
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        StringBuilder sb = new StringBuilder(what + " differs:");
        int shown = 0;
        for (int i = 0; i < Math.max(e.length, a.length) && shown < 10; i++) {
            String el = i < e.length ? e[i] : null;
            String al = i < a.length ? a[i] : null;
            if (!java.util.Objects.equals(el, al)) {
                shown++;
                sb.append("\n  line ").append(i + 1).append("\n    expected: ").append(el).append("\n    actual:   ").append(al);
            }
        }
        problems.add(sb.toString());
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) for (JsonElement e : a) out.add(e.getAsString());
        return out;
    }

    /** Sorted lines "dir a", "file a/b.txt 12", "symlink a/l -> target", depth first (as wasi-node.mjs lists them). */
    static List<String> listTree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Path dir, String rel, List<String> out) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (Path p : children) {
            String r = rel.isEmpty() ? p.getFileName().toString() : rel + "/" + p.getFileName();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                out.add("symlink " + r + " -> " + Files.readSymbolicLink(p));
            } else if (a.isDirectory()) {
                out.add("dir " + r);
                walk(p, r, out);
            } else {
                out.add("file " + r + " " + a.size());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
