package dev.bytelift.chicory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly 2.0 spec suite through Chicory's API: each script's modules parsed by Chicory's
 * parser ({@link ByteliftChicory#parse}), instantiated by Chicory's {@link Instance} on Bytelift's
 * machine, its commands run through Chicory's exports, globals and exceptions. One dynamic test per
 * script (wast2json's {@code .json}, the same files test-modules' suites use); text modules of
 * {@code assert_malformed} are Chicory-parser-free and skipped. {@code chicory-spec-known-failures.txt}
 * lists the commands ({@code script:line reason}) known to fail, each with its reason; the list may
 * only shrink (a listed command that passes fails the test).
 */
class ChicorySpecSuiteTest {
    private static final Map<String, String> KNOWN = knownFailures();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();

    static final String SPECTEST = """
            (module
              (global (export "global_i32") i32 (i32.const 666))
              (global (export "global_i64") i64 (i64.const 666))
              (global (export "global_f32") f32 (f32.const 666.6))
              (global (export "global_f64") f64 (f64.const 666.6))
              (table (export "table") 10 20 funcref)
              (memory (export "memory") 1 2)
              (func (export "print"))
              (func (export "print_i32") (param i32))
              (func (export "print_i64") (param i64))
              (func (export "print_f32") (param f32))
              (func (export "print_f64") (param f64))
              (func (export "print_i32_f32") (param i32 f32))
              (func (export "print_f64_f64") (param f64 f64)))
            """;
    private static final byte[] SPECTEST_WASM = Wat.toWasm(SPECTEST);

    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        return Path.of(p).toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicTest> specSuiteThroughChicory() throws IOException {
        Path dir = suiteDir();
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("bytelift.testsuite.required") || "true".equals(System.getenv("CI"))) {
                fail("the spec test suite is required but not found at " + dir);
            }
            Assumptions.abort("the spec test suite is not at " + dir);
        }
        Engine engine = new Engine(EngineConfig.builder().features(Feature.webAssembly2()).build());
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts) {
            String name = script.getFileName().toString().replace(".json", "");
            tests.add(DynamicTest.dynamicTest(name, () -> runScript(engine, dir, name, script)));
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("[chicory-spec] passed " + PASSED + ", failed " + FAILED + " (known failures), skipped " + SKIPPED
                + " (text modules)");
    }

    private static Map<String, String> knownFailures() {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = ChicorySpecSuiteTest.class.getResourceAsStream("/chicory-spec-known-failures.txt")) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                int sp = line.indexOf(' ');
                out.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void runScript(Engine engine, Path dir, String name, Path script) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(script)).getAsJsonObject();
        Script s = new Script(engine, dir);
        List<String> unexpected = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("commands")) {
            JsonObject c = e.getAsJsonObject();
            String key = name + ":" + c.get("line").getAsInt();
            String error;
            try {
                error = s.run(c);
            } catch (Throwable t) {
                error = "unexpected " + t;
            }
            if (error == Script.SKIP) {
                SKIPPED.incrementAndGet();
                continue;
            }
            boolean known = KNOWN.containsKey(key);
            if (error == null) {
                PASSED.incrementAndGet();
                if (known) fixed.add(key);
            } else {
                FAILED.incrementAndGet();
                if (!known) unexpected.add(key + " " + c.get("type").getAsString() + ": " + error);
            }
        }
        assertTrue(unexpected.isEmpty() && fixed.isEmpty(), "failed: " + String.join("\n", unexpected)
                + (fixed.isEmpty() ? "" : "\nlisted as known failures but pass (remove them): " + fixed));
    }

    /** One script's state: the current module, named and registered instances, all in one store. */
    private static final class Script {
        static final String SKIP = "skip";
        private final Path dir;
        private final ByteliftChicory runtime;
        private final Map<String, Instance> registered = new HashMap<>();
        private final Map<String, Instance> named = new LinkedHashMap<>();
        private Instance current;

        Script(Engine engine, Path dir) {
            this.dir = dir;
            this.runtime = ByteliftChicory.withEngine(engine).sharingOneStore();
            registered.put("spectest", instantiate(ByteliftChicory.parse(SPECTEST_WASM)));
        }

        private Instance instantiate(WasmModule m) {
            return runtime.install(Instance.builder(m)).withImportValues(imports(m)).withStart(false).build();
        }

        /** What the registered instances export under the names the module imports, whatever the kind (Chicory checks). */
        private ImportValues imports(WasmModule m) {
            ImportValues.Builder b = ImportValues.builder();
            var section = m.importSection();
            java.util.Set<String> done = new java.util.HashSet<>();
            for (int i = 0; i < section.importCount(); i++) {
                var imp = section.getImport(i);
                Instance from = registered.get(imp.module());
                if (from == null || !done.add(imp.module() + "\u0000" + imp.name())) continue;
                Export ex = null;
                var es = from.module().exportSection();
                for (int k = 0; k < es.exportCount(); k++) {
                    if (es.getExport(k).name().equals(imp.name())) ex = es.getExport(k);
                }
                if (ex == null) continue;
                switch (ex.exportType()) {
                    case FUNCTION -> b.addFunction(ImportFunction.exportAsImport(imp.module(), imp.name(), from, ex.name()));
                    case MEMORY -> b.addMemory(new ImportMemory(imp.module(), imp.name(), from.exports().memory(ex.name())));
                    case GLOBAL -> b.addGlobal(new ImportGlobal(imp.module(), imp.name(), from.exports().global(ex.name())));
                    case TABLE -> b.addTable(new ImportTable(imp.module(), imp.name(), from.exports().table(ex.name())));
                    default -> { }
                }
            }
            return b.build();
        }

        private Instance load(JsonObject c) throws IOException {
            return instantiate(ByteliftChicory.parse(Files.readAllBytes(dir.resolve(c.get("filename").getAsString()))));
        }

        /** Runs a command: null if it passed, else what went wrong (or {@link #SKIP}). */
        String run(JsonObject c) throws IOException {
            String type = c.get("type").getAsString();
            switch (type) {
                case "module" -> {
                    current = null;
                    current = load(c);
                    if (c.has("name")) named.put(c.get("name").getAsString(), current);
                    return null;
                }
                case "register" -> {
                    Instance i = c.has("name") ? named.get(c.get("name").getAsString()) : current;
                    if (i == null) return "no instance to register";
                    registered.put(c.get("as").getAsString(), i);
                    return null;
                }
                case "action" -> {
                    action(c.getAsJsonObject("action"));
                    return null;
                }
                case "assert_return" -> {
                    return SpecValues.compare(c.getAsJsonArray("expected"), action(c.getAsJsonObject("action")));
                }
                case "assert_trap", "assert_exhaustion" -> {
                    try {
                        action(c.getAsJsonObject("action"));
                        return "did not trap";
                    } catch (ChicoryException e) {
                        return contains(e, c.get("text").getAsString());
                    }
                }
                case "assert_invalid", "assert_malformed" -> {
                    if (!"binary".equals(c.get("module_type").getAsString())) return SKIP;
                    try {
                        load(c);
                        return "instantiated";
                    } catch (ChicoryException e) {
                        return null;
                    }
                }
                case "assert_uninstantiable", "assert_unlinkable" -> {
                    Class<? extends ChicoryException> expected = type.equals("assert_unlinkable")
                            ? UnlinkableException.class : UninstantiableException.class;
                    try {
                        load(c);
                        return "instantiated";
                    } catch (ChicoryException e) {
                        if (!expected.isInstance(e)) return "threw " + e;
                        return contains(e, c.get("text").getAsString());
                    }
                }
                default -> {
                    return SKIP;
                }
            }
        }

        private static String contains(ChicoryException e, String text) {
            String m = String.valueOf(e.getMessage());
            return m.contains(text) ? null : "message '" + m + "' does not contain '" + text + "'";
        }

        private long[] action(JsonObject a) {
            Instance i = a.has("module") ? named.get(a.get("module").getAsString()) : current;
            if (i == null) throw new IllegalStateException("no instance");
            String field = a.get("field").getAsString();
            if (a.get("type").getAsString().equals("get")) {
                var g = i.exports().global(field);
                return new long[] {g.getValueLow(), g.getValueHigh()};
            }
            return i.export(field).apply(SpecValues.args(a.getAsJsonArray("args")));
        }
    }

}
