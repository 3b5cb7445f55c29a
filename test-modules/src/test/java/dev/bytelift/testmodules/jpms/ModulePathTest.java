package dev.bytelift.testmodules.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors work: a small program module (src/test/resources/modulepath/app) that
 * requires only {@code dev.bytelift.wasi} (and so the runtime) is compiled against, and run in a
 * child JVM on, a module path of the runtime, compiler, trampolines, WASI and ASM as built by this
 * reactor. It compiles modules, calls exports boxed and typed, calls host functions, traps, writes
 * memory through the API, checks that the internals are closed to it, and runs a WASI program,
 * with fuel and epochs off and on. The other tests run on the class path, where a wrong
 * {@code exports}, a missing {@code uses}/{@code provides} or generated code that cannot reach
 * the runtime's internal package go unnoticed.
 */
class ModulePathTest {
    @TempDir
    Path tmp;

    @Test
    void programRunsOnTheModulePath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        for (Class<?> c : List.of(dev.bytelift.runtime.Engine.class, dev.bytelift.compiler.ByteliftCompiler.class,
                dev.bytelift.trampolines.TrampolineFactory.class, dev.bytelift.wasi.Wasi.class,
                org.objectweb.asm.ClassVisitor.class)) {
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(hasModuleDescriptor(where), where + " has no module-info.class");
            modulePath.add(where.toString());
        }
        String mp = String.join(File.pathSeparator, modulePath);

        Path classes = tmp.resolve("app");
        List<String> javac = new ArrayList<>(List.of("--release", "17", "--module-path", mp, "-d", classes.toString()));
        try (Stream<Path> sources = Files.walk(resource("/modulepath/app"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(new String[0])),
                "the test program does not compile against the module path");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", mp + File.pathSeparator + classes,
                "-m", "dev.bytelift.modtest/dev.bytelift.modtest.Main"));
        command.add(copy("/dev/bytelift/testmodules/wat/trap_codes.wasm"));
        command.add(copy("/dev/bytelift/testmodules/wat/host_calls.wasm"));
        command.add(copy("/dev/bytelift/testmodules/wasi/hello.wasm"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the program did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("WASI stdout: Hello from WebAssembly!"), output);
        assertTrue(output.contains("internals: not accessible"), output);
        assertTrue(output.endsWith("OK\n") || output.endsWith("OK\r\n"), output);
    }

    private static boolean hasModuleDescriptor(Path where) throws IOException {
        if (Files.isDirectory(where)) return Files.exists(where.resolve("module-info.class"));
        try (JarFile jar = new JarFile(where.toFile(), false, JarFile.OPEN_READ, Runtime.version())) {
            return jar.getEntry("module-info.class") != null;
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ModulePathTest.class.getResource(name).toURI());
    }

    private String copy(String resource) throws IOException {
        Path to = tmp.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = ModulePathTest.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
        return to.toString();
    }
}
