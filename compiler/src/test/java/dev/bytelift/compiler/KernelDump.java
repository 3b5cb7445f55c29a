package dev.bytelift.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import dev.bytelift.runtime.Engine;

/**
 * Writes the classes generated for every benchmark kernel, in every {@link GoldenConfig}, to
 * OUT/CONFIG/KERNEL/*.class: dumps of two commits are byte-identical when a refactoring changed no
 * generated code. Run by compiler/src/test/scripts/dump-kernels.sh, as a test that runs only when
 * {@code -Dbytelift.kernels.out=DIR} is given (its name does not match surefire's test patterns
 * either), so no class path has to be assembled by hand. {@code -Dbytelift.kernels.dir} may name
 * other folders of modules instead (separated by the path separator), such as the spec suite's:
 * a module that does not compile gets a {@code compile-error.txt} with the exception's message, so
 * that error messages and offsets are compared too.
 */
class KernelDump {
    static final String OUT_PROPERTY = "bytelift.kernels.out";
    static final String KERNELS_PROPERTY = "bytelift.kernels.dir";
    static final Path DEFAULT_KERNELS = Path.of(System.getProperty("basedir", ""), "..", "test-modules", "src", "main",
            "resources", "dev", "bytelift", "testmodules", "kernels");

    @Test
    @EnabledIfSystemProperty(named = OUT_PROPERTY, matches = ".+")
    void dump() throws IOException {
        Path out = Path.of(System.getProperty(OUT_PROPERTY));
        for (String dir : System.getProperty(KERNELS_PROPERTY, DEFAULT_KERNELS.toString()).split(java.io.File.pathSeparator)) {
            dump(Path.of(dir), out);
        }
    }

    /** Usage: KernelDump OUT [KERNELS_DIR]. */
    public static void main(String[] args) throws IOException {
        dump(args.length > 1 ? Path.of(args[1]) : DEFAULT_KERNELS, Path.of(args[0]));
    }

    static void dump(Path kernels, Path out) throws IOException {
        List<Path> modules;
        try (Stream<Path> files = Files.list(kernels)) {
            modules = files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
        if (modules.isEmpty()) throw new IOException("no .wasm files in " + kernels.toAbsolutePath());
        for (Path module : modules) {
            byte[] wasm = Files.readAllBytes(module);
            String kernel = GoldenBytecodeTest.name(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                Path dir = out.resolve(config.dirName).resolve(kernel);
                Map<String, byte[]> classes;
                try {
                    // a new engine per module, as in the golden tests: type ids are per engine
                    classes = ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm, GoldenBytecodeTest.CLASS_NAME);
                } catch (RuntimeException e) {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("compile-error.txt"), e + "\n");
                    continue;
                }
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    Path file = dir.resolve(c.getKey() + ".class");
                    Files.createDirectories(file.getParent());
                    Files.write(file, c.getValue());
                }
            }
        }
        System.out.println("dumped the classes of " + modules.size() + " modules of " + kernels + " x " + GoldenConfig.values().length
                + " configurations to " + out.toAbsolutePath());
    }
}
