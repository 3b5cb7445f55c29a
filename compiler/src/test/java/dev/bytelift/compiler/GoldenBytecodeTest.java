package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.runtime.Engine;

/**
 * Golden bytecode tests: the code generated for small modules covering every operator family
 * (src/test/resources/golden/*.wat), in every {@link GoldenConfig}, must equal the approved text
 * in golden/approved/CONFIG/MODULE.txt. A safety net for refactoring the compiler: a change to
 * generated code, intended or not, shows up here. Approve an intended change with
 * {@code mvn -pl compiler -am verify -Dbytelift.golden.update=true} and review the diff in git.
 */
class GoldenBytecodeTest {
    /** Read from the source tree, not the class path, so that updating rewrites the checked-in files. */
    static final Path GOLDEN = Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "golden");
    static final Path ACTUAL = Path.of(System.getProperty("basedir", ""), "target", "golden-actual");
    /** Generated classes get this name instead of a numbered one (a number depends on what ran before). */
    static final String CLASS_NAME = "dev/bytelift/generated/Module0";

    static List<Path> modules() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
    }

    static String name(Path module) {
        String file = module.getFileName().toString();
        return file.substring(0, file.length() - ".wasm".length());
    }

    static String render(byte[] wasm, GoldenConfig config) {
        // a new engine each time: function type ids, which name call_indirect dispatchers, are per engine
        Map<String, byte[]> classes = ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm, CLASS_NAME);
        return ClassText.render(classes);
    }

    @TestFactory
    Stream<DynamicNode> generatedCodeEqualsTheApprovedText() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path module : modules()) {
            List<DynamicTest> tests = new ArrayList<>();
            for (GoldenConfig config : GoldenConfig.values()) {
                String file = config.dirName + "/" + name(module) + ".txt";
                tests.add(DynamicTest.dynamicTest(config.dirName, () -> ApprovedText.check(
                        GOLDEN.resolve("approved/" + file), ACTUAL.resolve(file), render(Files.readAllBytes(module), config))));
            }
            nodes.add(DynamicContainer.dynamicContainer(name(module), tests));
        }
        return nodes.stream();
    }

    @Test
    void everyModuleHasItsSourceAndEveryApprovedFileItsModule() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path m : modules()) names.add(name(m));
        assertFalse(names.isEmpty(), "no golden modules in " + GOLDEN.toAbsolutePath());
        for (String n : names) assertTrue(Files.exists(GOLDEN.resolve(n + ".wat")), n + ".wasm has no " + n + ".wat");
        List<String> orphans = new ArrayList<>();
        for (GoldenConfig config : GoldenConfig.values()) {
            Path dir = GOLDEN.resolve("approved").resolve(config.dirName);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> !names.contains(f.replaceFirst("\\.txt$", "")))
                        .forEach(f -> orphans.add(config.dirName + "/" + f));
            }
        }
        assertEquals(List.of(), orphans, "approved files without a module (delete them)");
    }

    @Test
    void renderingTheSameModuleTwiceGivesTheSameText() throws IOException {
        // what the golden files rely on: nothing in the generated code depends on earlier compilations
        byte[] wasm = Files.readAllBytes(GOLDEN.resolve("calls.wasm"));
        for (GoldenConfig config : GoldenConfig.values()) assertEquals(render(wasm, config), render(wasm, config));
    }
}
