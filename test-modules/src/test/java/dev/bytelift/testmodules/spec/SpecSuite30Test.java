package dev.bytelift.testmodules.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/**
 * The WebAssembly 3.0 spec test suite, as far as Bytelift implements 3.0: the scripts of
 * {@link #FILES}, run like the 2.0 suite ({@link SpecScripts}) with the default features (every
 * supported one, as a 3.0 engine would have). The unchanged 2.0 scripts are {@link SpecSuiteTest}'s
 * and not run again here.
 *
 * <p>The suite is the {@code wast/} folder of {@code -Dbytelift.testsuite30=DIR},
 * {@code $BYTELIFT_TESTSUITE30}, or {@code ../../shared/testsuite-3.0} (read its MANIFEST.md); if
 * it is absent the tests are skipped, unless {@code -Dbytelift.testsuite.required=true} or
 * {@code CI=true} makes that a failure.
 *
 * <p>{@code spec/known-failures-3.0.txt} lists the commands of these scripts that fail, each with
 * the reason (a proposal not implemented yet); it may only shrink.
 */
class SpecSuite30Test {
    /**
     * The scripts run, by what they test: paths under {@code wast/} without {@code .wast}. A
     * proposal's scripts join when it lands (issue 22); a 2.0 script that 3.0 changed joins when
     * it passes, or, if it is a proposal's own test, with its other proposals' commands listed as
     * known failures. The GC scripts (struct, array, i31, casts, type subtyping) are another issue's.
     */
    static final Map<String, List<String>> FILES = new LinkedHashMap<>();
    static {
        // extended constant expressions: i32/i64 add, sub, mul and global.get of any earlier
        // immutable global in initialisers and offsets (global and elem also use typed function
        // references: those commands are known failures)
        FILES.put("extended constant expressions", List.of("data", "elem", "global"));
        // relaxed SIMD: one deterministic result per instruction (runtime SimdRelaxed), which every
        // "either" of these scripts accepts
        FILES.put("relaxed SIMD", List.of("i8x16_relaxed_swizzle", "i16x8_relaxed_q15mulr_s", "i32x4_relaxed_trunc",
                "relaxed_dot_product", "relaxed_laneselect", "relaxed_madd_nmadd", "relaxed_min_max"));
        // tail calls: return_call, return_call_indirect, return_call_ref (in constant JVM stack)
        FILES.put("tail calls", List.of("return_call", "return_call_indirect", "return_call_ref"));
        // typed function references: (ref null? $t), call_ref, br_on_null/non_null, ref.as_non_null,
        // non-nullable locals, tables with initialisers, subtyping (the GC commands of these
        // scripts, and those of other proposals, are known failures)
        FILES.put("typed function references", List.of("call_ref", "br_on_null", "br_on_non_null", "ref_as_non_null",
                "local_init", "ref", "ref_null", "ref_is_null", "ref_func", "func", "table", "table-sub", "select",
                "br_table", "unreached-invalid", "unreached-valid", "exports", "binary", "binary-leb128",
                "type-equivalence"));
        // exception handling: tags, throw, throw_ref, try_table, exnref, the legacy try/catch/delegate/rethrow
        FILES.put("exception handling", List.of("tag", "throw", "throw_ref", "try_table", "legacy/throw", "legacy/rethrow",
                "legacy/try_catch", "legacy/try_delegate", "imports"));
        // multi-memory and memory64/table64: any number of memories, a memory index on every memory
        // operator, 64-bit addresses for memories and tables; with the 2.0 scripts 3.0 changed for
        // them (several memories, memory indices, i64 limits), whose commands that need another
        // proposal (tags, typed references) are known failures
        FILES.put("multi-memory and memory64", List.of(
                "address", "address0", "address1", "address64", "align", "align0", "align64", "binary_leb128_64",
                "bulk64", "call_indirect64", "data0", "data1", "data_drop0", "endianness64", "float_exprs0", "float_exprs1",
                "float_memory0", "float_memory64", "imports0", "imports1", "imports2", "imports3", "imports4", "linking0",
                "linking1", "linking2", "linking3", "load0", "load1", "load2", "load64", "memory",
                "memory-multi", "memory64", "memory64-imports", "memory_copy0", "memory_copy1", "memory_copy64", "memory_fill0", "memory_fill64",
                "memory_grow", "memory_grow64", "memory_init0", "memory_init64", "memory_redundancy64", "memory_size0", "memory_size1", "memory_size2",
                "memory_size3", "memory_size_import", "memory_trap0", "memory_trap1", "memory_trap64", "simd_address", "simd_memory-multi", "start0",
                "store0", "store1", "store2", "table64", "table_copy64", "table_copy_mixed", "table_fill64", "table_get64",
                "table_grow64", "table_init64", "table_set64", "table_size64", "traps0",
                "linking"));
        // 2.0 scripts that 3.0 changed (new tests of 2.0 features, new text-format cases) and that pass
        FILES.put("2.0, changed in 3.0", List.of("br_if", "if", "local_get", "local_tee", "loop", "memory_init", "simd_const",
                "simd_lane", "table_fill", "table_get", "table_grow", "table_init", "token", "binary0", "exports0"));
        // (module definition ...) and (module instance ...): instantiation is generative (globals,
        // tables, memories and tags of two instances of one definition are distinct)
        FILES.put("module instances", List.of("instance"));
        // the 3.0 text format: annotations (@id ...) and (@"id" ...) anywhere, quoted identifiers $"..."
        FILES.put("text format", List.of("annotations", "id"));
    }

    /**
     * The 3.0 scripts not run here, by reason (a decision, not a bug). With {@link #FILES} and the
     * 2.0 scripts 3.0 left unchanged ({@link SpecSuiteTest}'s), they are every script of the suite:
     * {@code everyScriptIsRunOrExcluded} fails on one that is in none of the three.
     */
    static final Map<String, List<String>> NOT_RUN = new LinkedHashMap<>();
    static {
        NOT_RUN.put("garbage collection (struct, array, i31, casts, recursive types): its own issue, not issue 22's",
                List.of("array", "array_copy", "array_fill", "array_init_data", "array_init_elem", "array_new_data",
                        "array_new_elem", "binary-gc", "br_on_cast", "br_on_cast_fail", "extern", "i31", "ref_cast",
                        "ref_eq", "ref_test", "struct", "type-canon", "type-rec", "type-subtyping"));
        NOT_RUN.put("threads (shared memories, atomics): a later proposal, not part of WebAssembly 3.0",
                List.of("proposals/threads/atomic", "proposals/threads/exports", "proposals/threads/imports",
                        "proposals/threads/memory"));
    }

    private static SpecScripts scripts;

    /** The 3.0 suite's folder (holding {@code MANIFEST.md}, {@code wast/} and {@code json/}). */
    static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite30");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE30");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite-3.0";
        return Path.of(p).toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicNode> specSuite30() throws IOException {
        Path dir = suiteDir().resolve("wast");
        SpecScripts.requireSuite(dir, "set -Dbytelift.testsuite30=DIR");
        scripts = new SpecScripts("spec 3.0", "/spec/known-failures-3.0.txt");
        Engine engine = new Engine(SpecScripts.configure(EngineConfig.builder()).build());
        List<DynamicNode> nodes = new ArrayList<>();
        for (List<String> names : FILES.values()) {
            for (String name : names) {
                Path file = dir.resolve(name + ".wast");
                if (!Files.isRegularFile(file)) {
                    nodes.add(DynamicTest.dynamicTest(name, () -> assertTrue(false, "no script " + file)));
                } else {
                    nodes.add(scripts.script(file, name, engine));
                }
            }
        }
        nodes.add(scripts.knownFailuresExist());
        nodes.add(DynamicTest.dynamicTest("every script is run or excluded", () -> everyScriptIsRunOrExcluded(dir)));
        return nodes.stream();
    }

    private static void everyScriptIsRunOrExcluded(Path dir) throws IOException {
        java.util.Set<String> accounted = new java.util.HashSet<>();
        FILES.values().forEach(accounted::addAll);
        NOT_RUN.values().forEach(accounted::addAll);
        Path wast2 = SpecSuiteTest.wastDir();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".wast")).sorted().toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/').replaceAll("\\.wast$", "");
                if (accounted.contains(name)) continue;
                Path old = wast2.resolve(name + ".wast");
                if (!name.contains("/") && Files.isRegularFile(old) && java.util.Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(p))) {
                    continue; // an unchanged 2.0 script: SpecSuiteTest runs it
                }
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "3.0 scripts neither run nor excluded with a reason: " + missing);
    }

    @AfterAll
    static void printTable() throws IOException {
        if (scripts != null) scripts.printTable("spec-3.0-results");
    }
}
