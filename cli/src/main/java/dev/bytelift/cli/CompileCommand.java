package dev.bytelift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.WasmException;

/**
 * {@code bytelift compile}: compiles a module ahead of time, as Wasmtime's {@code wasmtime compile}
 * does: to a jar of ordinary classes that the runtime loads without the compiler ({@code -o app.jar}),
 * or to a serialised module ({@code Module.serialize}, Wasmtime's {@code .cwasm}). {@code bytelift run}
 * runs either.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compiles a WebAssembly module ahead of time.",
            "With -o FILE.jar: a jar of JVM classes and metadata that 'bytelift run FILE.jar' runs and that an application "
                + "loads with the Bytelift runtime only (Engine.loadModule), without the compiler or ASM. "
                + "Otherwise (default FILE.cwasm): a serialised module (Module.serialize) that 'bytelift run' and "
                + "Engine.deserializeModule load without compiling. The settings that change generated code must be "
                + "given as they will be at run time: --consume-fuel for 'run --fuel', --epoch-interruption for 'run --timeout', --max-wasm-stack."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Written.", "1:The module cannot be read or compiled, or the output cannot be written.",
            "2:Usage error.", "70:Internal error (a bug in Bytelift)."})
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write: a name ending in .jar gives an ahead-of-time jar, anything else a serialised module "
                    + "(default: FILE with its extension replaced by .cwasm).")
    Path output;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The module's name in the jar, for Engine.loadModule(classLoader, NAME) (default: FILE's name without "
                    + "its extension).")
    String name;

    @Option(names = "--consume-fuel", description = "Generate fuel metering, for 'bytelift run --fuel N'.")
    boolean consumeFuel;

    @Option(names = "--epoch-interruption", description = "Generate epoch checks, for 'bytelift run --timeout'.")
    boolean epochInterruption;

    @Option(names = "--max-wasm-stack", paramLabel = "BYTES",
            description = "The stack limit in bytes, built into the code: as 'run --max-wasm-stack' (default: ${DEFAULT-VALUE}, "
                    + "run's).")
    int maxWasmStack = RunCommand.DEFAULT_MAX_WASM_STACK;

    @Option(names = "--compile-threads", paramLabel = "N", description = "Compile on N threads (same code for any N).")
    Integer compileThreads;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module: a .wasm binary, or .wat text.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        return RunCommand.guarded(() -> compile(err), out, err);
    }

    /** The configuration {@code run} uses for the same settings (so that the code matches). */
    static EngineConfig.Builder config(int maxWasmStack, boolean fuel, boolean epochs, Integer threads) {
        EngineConfig.Builder c = EngineConfig.builder().maxWasmStack(maxWasmStack)
                .compileThreads(threads != null ? threads : RunCommand.defaultCompileThreads());
        if (fuel) c.consumeFuel(true);
        if (epochs) c.epochInterruption(true);
        return c;
    }

    private int compile(PrintWriter err) {
        byte[] bytes = ModuleFiles.read(file, err);
        if (bytes == null) return 1;
        if (maxWasmStack < 1 || maxWasmStack > EngineConfig.MAX_MAX_WASM_STACK) {
            err.println("error: --max-wasm-stack must be between 1 and " + EngineConfig.MAX_MAX_WASM_STACK);
            return RunCommand.USAGE_EXIT;
        }
        String fileName = file.getFileName() != null ? file.getFileName().toString() : file.toString();
        String base = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Path to = output != null ? output : file.resolveSibling(base + ".cwasm");
        boolean jar = to.toString().endsWith(".jar");
        String moduleName = name != null ? name : base.replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            Engine engine = new Engine(config(maxWasmStack, consumeFuel, epochInterruption, compileThreads).build());
            // named by its file in backtraces, as 'run' names it
            Module module = engine.compile(bytes, fileName);
            if (jar) {
                module.writeAheadOfTimeJar(to, moduleName);
            } else {
                // a name of its own, with the default permissions (a temporary file's are the owner's only)
                Path tmp = to.toAbsolutePath().resolveSibling(to.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                try {
                    Files.write(tmp, module.serialize(), java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return 0;
        } catch (CompileException e) {
            err.println("error: " + file + " is not a valid module: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | WasmException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot write " + to + ": " + e);
            return 1;
        }
    }
}
