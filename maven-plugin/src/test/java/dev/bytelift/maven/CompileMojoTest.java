package dev.bytelift.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;

/**
 * The {@code compile} goal, run as Maven would after setting its parameters: the example project
 * (src/it/example) compiled into a classes folder runs with the runtime and WASI only; a changed
 * module replaces its old classes; an invalid module fails the build; the code-affecting settings
 * must be the loading engine's.
 */
class CompileMojoTest {
    @TempDir
    Path tmp;

    private static final Path EXAMPLE = Path.of("src/it/example");

    private CompileMojo mojo(Path sources, Path classes) {
        CompileMojo m = new CompileMojo();
        m.sourceDirectory = sources.toFile();
        m.outputDirectory = classes.toFile();
        return m;
    }

    @Test
    void theExampleRunsWithTheRuntimeOnly() throws Exception {
        Path classes = tmp.resolve("classes");
        mojo(EXAMPLE.resolve("src/main/wasm"), classes).execute();
        assertTrue(Files.exists(classes.resolve("META-INF/bytelift/aot/hello.blaot")));

        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(Engine.class, dev.bytelift.wasi.Wasi.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        String cp = String.join(File.pathSeparator, classPath);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp", cp,
                "-d", classes.toString(), EXAMPLE.resolve("src/main/java/example/App.java").toString()));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp + File.pathSeparator + classes, "example.App").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the example did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("Hello from WebAssembly!"), output);
        assertTrue(output.contains("argv[2] = maven"), output);
    }

    private static List<String> classFiles(Path classes) throws Exception {
        try (Stream<Path> s = Files.list(classes.resolve("dev/bytelift/generated/aot"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aChangedModuleReplacesItsClasses() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("wasm"));
        Path classes = tmp.resolve("classes");
        Files.writeString(sources.resolve("calc.wat"), "(module (func (export \"f\") (result i32) i32.const 1))");
        Files.writeString(sources.resolve("other.wat"), "(module (func (export \"g\") (result i32) i32.const 3))");
        mojo(sources, classes).execute();
        List<String> first = classFiles(classes);
        Files.writeString(sources.resolve("calc.wat"), "(module (func (export \"f\") (result i32) i32.const 2))");
        mojo(sources, classes).execute();
        List<String> second = classFiles(classes);
        assertEquals(first.size(), second.size(), second.toString());
        assertTrue(second.stream().filter(n -> n.startsWith("other_")).toList()
                .equals(first.stream().filter(n -> n.startsWith("other_")).toList()), "the other module's classes stay");
        assertTrue(second.stream().noneMatch(n -> n.startsWith("calc_") && first.contains(n)), "calc's old classes are gone: " + second);

        Engine engine = new Engine();
        Store store = new Store(engine);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Engine.class.getClassLoader())) {
            Instance calc = new Linker().instantiate(store, engine.loadModule(loader, "calc"));
            assertEquals(2, calc.getFunc("f").call()[0]);
            Instance other = new Linker().instantiate(store, engine.loadModule(loader, "other"));
            assertEquals(3, other.getFunc("g").call()[0]);
        }
    }

    @Test
    void anInvalidModuleFailsTheBuild() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("wasm"));
        Files.writeString(sources.resolve("bad.wat"), "(module (func (result i32)))");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(sources, tmp.resolve("classes")).execute());
        assertTrue(e.getMessage().contains("bad.wat does not compile: bad.wat:1:27: type mismatch"), e.getMessage());
    }

    @Test
    void theLoadingEngineNeedsTheSameCodeSettings() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("wasm"));
        Path classes = tmp.resolve("classes");
        Files.writeString(sources.resolve("loop.wat"), "(module (func (export \"f\") (result i32) i32.const 7))");
        CompileMojo m = mojo(sources, classes);
        m.consumeFuel = true;
        m.execute();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Engine.class.getClassLoader())) {
            DeserializeException e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(loader, "loop"));
            assertEquals(DeserializeException.Reason.OTHER_CONFIGURATION, e.reason());
            Engine fuel = new Engine(EngineConfig.builder().consumeFuel(true).build());
            Store store = new Store(fuel);
            store.setFuel(100);
            assertEquals(7, new Linker().instantiate(store, fuel.loadModule(loader, "loop")).getFunc("f").call()[0]);
        }
    }

    @Test
    void skipDoesNothing() throws Exception {
        CompileMojo m = mojo(EXAMPLE.resolve("src/main/wasm"), tmp.resolve("classes"));
        m.skip = true;
        m.execute();
        assertTrue(!Files.exists(tmp.resolve("classes")));
    }
}
