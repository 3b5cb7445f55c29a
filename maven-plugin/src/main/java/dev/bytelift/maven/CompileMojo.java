package dev.bytelift.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.WasmException;

/**
 * Goal {@code compile}: compiles WebAssembly modules ahead of time into the build's classes, so
 * that the application loads them with the Bytelift runtime only (no compiler, no ASM, no code
 * generated at run time): {@code engine.loadModule(App.class.getClassLoader(), "NAME")}. Each
 * {@code .wasm} (or {@code .wat}) file of {@link #sourceDirectory}, and each of {@link #files},
 * becomes module NAME, its file name without the extension: classes under
 * {@code dev/bytelift/generated/aot/} and the metadata {@code META-INF/bytelift/aot/NAME.blaot}.
 * All modules are compiled by one engine, so an application may load them all into one engine.
 * The settings that change generated code ({@link #consumeFuel}, {@link #epochInterruption},
 * {@link #maxWasmStack}) must be those of the engine that loads them.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CompileMojo extends AbstractMojo {
    /** Creates the goal (Maven sets its parameters). */
    public CompileMojo() {}

    /** The folder whose {@code .wasm} and {@code .wat} files are compiled (it may not exist). */
    @Parameter(defaultValue = "${project.basedir}/src/main/wasm", property = "bytelift.sourceDirectory")
    File sourceDirectory;

    /** More modules to compile, anywhere. */
    @Parameter
    List<File> files = new ArrayList<>();

    /** Where the classes and metadata go: the build's classes, so that they are packaged with them. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", property = "bytelift.outputDirectory")
    File outputDirectory;

    /** Generate fuel metering (for stores with fuel: {@code EngineConfig.consumeFuel}). */
    @Parameter(defaultValue = "false", property = "bytelift.consumeFuel")
    boolean consumeFuel;

    /** Generate epoch checks ({@code EngineConfig.epochInterruption}). */
    @Parameter(defaultValue = "false", property = "bytelift.epochInterruption")
    boolean epochInterruption;

    /** The stack limit in bytes, built into the code ({@code EngineConfig.maxWasmStack}); 0: the default (768 KiB). */
    @Parameter(defaultValue = "0", property = "bytelift.maxWasmStack")
    int maxWasmStack;

    /** Skip the goal. */
    @Parameter(defaultValue = "false", property = "bytelift.skip")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping Bytelift ahead-of-time compilation");
            return;
        }
        List<Path> modules = modules();
        if (modules.isEmpty()) {
            getLog().info("No WebAssembly modules to compile in " + sourceDirectory);
            return;
        }
        EngineConfig.Builder config = EngineConfig.builder();
        if (consumeFuel) config.consumeFuel(true);
        if (epochInterruption) config.epochInterruption(true);
        if (maxWasmStack > 0) config.maxWasmStack(maxWasmStack);
        Engine engine = new Engine(config.build());
        Path out = outputDirectory.toPath();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path file : modules) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.lastIndexOf('.')).replaceAll("[^A-Za-z0-9_.-]", "_");
            if (!names.add(name)) throw new MojoFailureException("two modules are called " + name + " (" + file + ")");
            long start = System.nanoTime();
            Map<String, byte[]> aot;
            try {
                Module module = engine.compile(Files.readAllBytes(file), fileName);
                aot = module.aheadOfTime(name);
            } catch (WasmException e) {
                throw new MojoFailureException(file + " does not compile: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot read " + file, e);
            }
            try {
                deleteStale(out, name);
                for (var e : aot.entrySet()) {
                    Path to = out.resolve(e.getKey());
                    Files.createDirectories(to.getParent());
                    Files.write(to, e.getValue());
                }
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write the classes of " + file + " to " + out, e);
            }
            getLog().info("Compiled " + file + " to module " + name + " (" + (aot.size() - 1) + " classes, "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
        }
    }

    /** The files to compile: those of the source folder (sorted), then {@link #files}. */
    private List<Path> modules() throws MojoExecutionException {
        List<Path> all = new ArrayList<>();
        if (sourceDirectory != null && sourceDirectory.isDirectory()) {
            try (Stream<Path> s = Files.list(sourceDirectory.toPath())) {
                s.filter(p -> p.toString().endsWith(".wasm") || p.toString().endsWith(".wat")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot list " + sourceDirectory, e);
            }
        }
        if (files != null) for (File f : files) all.add(f.toPath());
        return all;
    }

    /** Deletes the classes an earlier build wrote for module {@code name} (their names hold a digest of the module). */
    private static void deleteStale(Path out, String name) throws IOException {
        Path dir = out.resolve("dev/bytelift/generated/aot");
        if (!Files.isDirectory(dir)) return;
        StringBuilder javaName = new StringBuilder();
        for (int i = 0; i < name.length() && javaName.length() < 48; i++) {
            char c = name.charAt(i);
            javaName.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        if (javaName.length() == 0 || Character.isDigit(javaName.charAt(0))) javaName.insert(0, 'M');
        Pattern mine = Pattern.compile(Pattern.quote(javaName.toString()) + "_[0-9a-f]{16}(\\$.*)?\\.class");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(p -> mine.matcher(p.getFileName().toString()).matches())::iterator) Files.delete(p);
        }
    }
}
