package dev.bytelift.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleDecoder;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.compiler.emit.ModuleEmitter;
import dev.bytelift.compiler.load.CompiledModuleImpl;
import dev.bytelift.compiler.load.LazyCode;
import dev.bytelift.compiler.serial.CodeKey;
import dev.bytelift.compiler.serial.ModuleSerializer;
import dev.bytelift.compiler.translate.Instrumentation;
import dev.bytelift.compiler.translate.EpochCheck;
import dev.bytelift.compiler.translate.FuelMeter;
import dev.bytelift.compiler.translate.FunctionTranslator;
import dev.bytelift.compiler.translate.StackLimitCheck;
import dev.bytelift.compiler.validate.SkimValidation;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.spi.CompiledModule;
import dev.bytelift.runtime.spi.ModuleCompiler;

/**
 * The compiler pipeline: decode the module sections, validate and translate every function
 * body to JVM bytecode (a large module's on {@link EngineConfig#compileThreads()} threads), define
 * the classes, and hand the runtime a {@link CompiledModule}.
 */
public final class ByteliftCompiler implements ModuleCompiler {
    /**
     * With this system property {@code true}, one line per compiled module (functions, code size,
     * classes, bytecode, time) goes to the System.Logger {@code dev.bytelift.compiler} at
     * {@code INFO}. Opt-in because looking a logger up starts the logging framework: 20-25 ms of
     * every process's start (java.util.logging), 3 % of a short Sightglass run.
     */
    static final String LOG_PROPERTY = "bytelift.compileLog";

    @Override
    public CompiledModule compile(Engine engine, byte[] wasm) {
        return compile(engine, wasm, null);
    }

    @Override
    public CompiledModule compile(Engine engine, byte[] wasm, String defaultName) {
        return compile(engine, wasm, defaultName, false);
    }

    /** With {@code retainCode}, compiled eagerly whatever the configuration, and its classes kept for one serialisation. */
    @Override
    public CompiledModule compile(Engine engine, byte[] wasm, String defaultName, boolean retainCode) {
        long start = System.nanoTime();
        CompiledModuleImpl compiled = compileModule(engine, wasm, defaultName, retainCode);
        long nanos = System.nanoTime() - start;
        compiled.compileTime(nanos);
        if (Boolean.getBoolean(LOG_PROPERTY)) {
            System.getLogger("dev.bytelift.compiler").log(System.Logger.Level.INFO, "compiled {0} bytes: {1} in {2} ms",
                    String.valueOf(wasm.length), compiled, String.format("%.1f", nanos / 1e6));
        }
        return compiled;
    }

    /** Compiles; with {@code retainCode} eagerly, keeping the class files for one serialisation. */
    private CompiledModuleImpl compileModule(Engine engine, byte[] wasm, String defaultName, boolean retainCode) {
        java.util.concurrent.atomic.AtomicReference<ModuleSerializer.Code> kept =
                retainCode ? new java.util.concurrent.atomic.AtomicReference<>() : null;
        CompiledModuleImpl compiled = compileCode(engine, wasm, defaultName, kept);
        String name = compiled.name();
        compiled.codeForSerialization(() -> {
            ModuleSerializer.Code c = kept == null ? null : kept.getAndSet(null);
            return c != null ? c : codeForSerialization(engine, wasm, name);
        });
        return compiled;
    }

    /**
     * Every class file of module {@code wasm} (named {@code moduleName}), generated again for
     * {@link CompiledModule#serialize()}: eagerly, with eager compilation's layout (a deserialised
     * module defines all its classes at once, and fewer are quicker to define).
     */
    private static ModuleSerializer.Code codeForSerialization(Engine engine, byte[] wasm, String moduleName) {
        ModuleInfo info = ModuleDecoder.decode(wasm, new Features(engine.config().features()));
        if (info.moduleName == null) info.moduleName = moduleName;
        ModuleLayout mc = new ModuleLayout(info, engine, ModuleLayout.newClassName());
        Map<String, byte[]> classes = emit(emitter(mc, engine.config(), ModuleEmitter.DEFAULT_PARALLEL_MIN_CODE_BYTES), mc);
        return new ModuleSerializer.Code(mc.className, ModuleLayout.CODE_BYTES_PER_CLASS, ModuleLayout.FUNCTIONS_PER_CLASS, classes);
    }

    @Override
    public CompiledModule deserialize(Engine engine, byte[] serialized) {
        CompiledModuleImpl compiled = ModuleSerializer.read(engine, serialized);
        byte[] wasm = compiled.binary();
        String name = compiled.name();
        compiled.codeForSerialization(() -> codeForSerialization(engine, wasm, name));
        return compiled;
    }

    @Override
    public CompiledModule deserialize(Engine engine, Path file) throws IOException {
        java.nio.ByteBuffer mapped;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new dev.bytelift.runtime.DeserializeException(dev.bytelift.runtime.DeserializeException.Reason.CORRUPTED,
                        "not a serialised module: " + file + " is " + size + " bytes, more than a serialised module can hold");
            }
            mapped = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size); // valid after the channel closes
        }
        CompiledModuleImpl compiled = ModuleSerializer.read(engine, mapped);
        byte[] wasm = compiled.binary();
        String name = compiled.name();
        compiled.codeForSerialization(() -> codeForSerialization(engine, wasm, name));
        return compiled;
    }

    @Override
    public String codeKey(Engine engine) {
        return CodeKey.of(engine);
    }

    /** Compiles; with {@code kept}, eagerly, the class files then kept there. */
    private CompiledModuleImpl compileCode(Engine engine, byte[] wasm, String defaultName,
            java.util.concurrent.atomic.AtomicReference<ModuleSerializer.Code> kept) {
        // lazily, the bodies are validated as the decoder skims them (each decoded once)
        SkimValidation validation = lazy(engine.config()) && kept == null ? skimValidation(engine) : null;
        Features features = new Features(engine.config().features());
        ModuleInfo info = validation != null ? ModuleDecoder.decode(wasm, features, validation)
                : ModuleDecoder.decode(wasm, features, compileThreads(engine.config())); // a large one skimmed in parallel
        if (info.moduleName == null) info.moduleName = defaultName;
        if (validation != null) {
            ModuleLayout mc = new ModuleLayout(info, engine, ModuleLayout.newClassName(), ModuleLayout.CODE_BYTES_PER_CLASS,
                    ModuleLayout.LAZY_FUNCTIONS_PER_CLASS);
            ModuleEmitter emitter = emitter(mc, engine.config(), ModuleEmitter.DEFAULT_PARALLEL_MIN_CODE_BYTES);
            java.util.Map<String, byte[]> main = emitter.emitMainClasses(validation.finish(info));
            return new CompiledModuleImpl(info, mc, main, 1, new LazyCode(k -> {
                try {
                    return emitter.functionClass(k);
                } catch (RuntimeException e) {
                    throw limitError(e, mc);
                }
            }, mc));
        }
        ModuleLayout mc = new ModuleLayout(info, engine);
        ModuleEmitter emitter = emitter(mc, engine.config(), ModuleEmitter.DEFAULT_PARALLEL_MIN_CODE_BYTES);
        java.util.Map<String, byte[]> classes = emit(emitter, mc);
        if (kept != null) {
            kept.set(new ModuleSerializer.Code(mc.className, ModuleLayout.CODE_BYTES_PER_CLASS, ModuleLayout.FUNCTIONS_PER_CLASS,
                    classes));
        }
        String dump = engine.config().dumpClassesDir();
        if (dump != null) {
            try {
                for (var c : classes.entrySet()) {
                    Path p = Path.of(dump, c.getKey() + ".class");
                    Files.createDirectories(p.getParent());
                    Files.write(p, c.getValue());
                }
            } catch (IOException e) {
                throw new WasmException("cannot dump generated classes to " + dump, e);
            }
        }
        return new CompiledModuleImpl(info, mc, classes, emitter.threadsUsed());
    }

    @Override
    public byte[] textToBinary(byte[] utf8, String sourceName) {
        return dev.bytelift.compiler.text.Wat.toBinary(utf8, sourceName);
    }

    /** Text to binary, then {@link #compile}; a validation error in code names its line and column in the text. */
    @Override
    public CompiledModule compileText(Engine engine, byte[] utf8, String sourceName) {
        return compileText(engine, utf8, sourceName, null);
    }

    @Override
    public CompiledModule compileText(Engine engine, byte[] utf8, String sourceName, String defaultName) {
        dev.bytelift.compiler.text.Wat.Mapped text = dev.bytelift.compiler.text.Wat.toBinaryMapped(utf8, sourceName);
        try {
            return compile(engine, text.binary(), defaultName);
        } catch (dev.bytelift.runtime.InvalidModuleException e) {
            int[] at = text.sourceMap().position(e.offset());
            if (at == null) throw e;
            throw new dev.bytelift.runtime.InvalidModuleException(e.specMessage(), e.offset(),
                    sourceName + ":" + at[0] + ":" + at[1] + ": " + e.specMessage());
        }
    }

    /**
     * The class files {@link #compile} would define for {@code wasm}, by internal name, with the
     * main class named {@code className} rather than numbered: the same module and configuration
     * always give the same bytes. For the golden bytecode tests and the kernel dump (test scope),
     * which compare generated code across commits; nothing is loaded or registered.
     */
    static java.util.Map<String, byte[]> emitClasses(Engine engine, byte[] wasm, String className) {
        ModuleLayout mc = new ModuleLayout(ModuleDecoder.decode(wasm, new Features(engine.config().features())), engine, className);
        return emit(emitter(mc, engine.config(), ModuleEmitter.DEFAULT_PARALLEL_MIN_CODE_BYTES), mc);
    }

    /**
     * As {@link #emitClasses(Engine, byte[], String)} with a smaller layout and parallel threshold:
     * at most {@code codeBytesPerClass} bytes of code per function class, and translated on
     * several threads (the engine's {@link EngineConfig#compileThreads()}) from
     * {@code parallelMinCodeBytes} of code on; for the tests that small modules compile to the same
     * bytes on any number of threads.
     */
    static java.util.Map<String, byte[]> emitClasses(Engine engine, byte[] wasm, String className, int codeBytesPerClass,
            int parallelMinCodeBytes) {
        ModuleInfo info = ModuleDecoder.decode(wasm, new Features(engine.config().features()));
        ModuleLayout mc = new ModuleLayout(info, engine, className, codeBytesPerClass);
        return emit(emitter(mc, engine.config(), parallelMinCodeBytes), mc);
    }

    /** Lazy compilation's validation, in the decoder's pass; of the translation's limits it checks the JVM's on parameters. */
    private static SkimValidation skimValidation(Engine engine) {
        return new SkimValidation(new Features(engine.config().features()), FunctionTranslator::checkParameterSlots);
    }

    /** Whether function code is written when first used: lazy compilation, unless classes are to be dumped. */
    static boolean lazy(EngineConfig config) {
        return config.lazyCompilation() && config.dumpClassesDir() == null;
    }

    /**
     * As {@link #emitClasses(Engine, byte[], String, int, int)} with lazy compilation's layout
     * (at most {@code functionsPerClass} functions per class) and either lazy compilation's path,
     * every function class written once the main classes are, or eager compilation's with the
     * plan fixed first (the parallel threshold at zero): for the tests that both give the same bytes.
     */
    static java.util.Map<String, byte[]> emitClasses(Engine engine, byte[] wasm, String className, int functionsPerClass,
            boolean lazy) {
        SkimValidation validation = lazy ? skimValidation(engine) : null;
        ModuleInfo info = ModuleDecoder.decode(wasm, new Features(engine.config().features()), validation);
        ModuleLayout mc = new ModuleLayout(info, engine, className, ModuleLayout.CODE_BYTES_PER_CLASS, functionsPerClass);
        ModuleEmitter emitter = emitter(mc, engine.config(), 0);
        if (!lazy) return emit(emitter, mc);
        java.util.Map<String, byte[]> result = new java.util.TreeMap<>(emitter.emitMainClasses(validation.finish(info)));
        for (int k = 0; k < mc.functionClasses.size(); k++) {
            try {
                result.putAll(emitter.functionClass(k));
            } catch (RuntimeException e) {
                throw limitError(e, mc);
            }
        }
        return result;
    }

    /** The threads that translate a large module: the configured number, or one per processor. */
    static int compileThreads(EngineConfig config) {
        return config.compileThreads() > 0 ? config.compileThreads() : Runtime.getRuntime().availableProcessors();
    }

    private static ModuleEmitter emitter(ModuleLayout mc, EngineConfig config, int parallelMinCodeBytes) {
        List<Instrumentation.Factory> instrumentation = new ArrayList<>();
        instrumentation.add(() -> new StackLimitCheck(config.maxWasmStack()));
        if (config.consumeFuel()) instrumentation.add(() -> new FuelMeter(config.operatorCost()));
        if (config.checksEpochs()) instrumentation.add(EpochCheck::new);
        return new ModuleEmitter(mc, instrumentation, compileThreads(config), parallelMinCodeBytes);
    }

    private static java.util.Map<String, byte[]> emit(ModuleEmitter emitter, ModuleLayout mc) {
        try {
            return emitter.emit();
        } catch (MethodTooLargeException | ClassTooLargeException e) {
            throw limitError(e, mc);
        }
    }

    /**
     * What ASM throws for a class over the JVM's limits, as the compiler's error; any other
     * exception as it is.
     */
    static RuntimeException limitError(RuntimeException e, ModuleLayout mc) {
        if (e instanceof MethodTooLargeException t) {
            // a backstop: splitting should keep every method small (docs/splitting.md); still a
            // CompileException, never a raw ASM error
            int f = dev.bytelift.runtime.internal.ModuleFrames.functionIndexOf(t.getMethodName());
            ModuleInfo m = mc.info;
            long at = f >= m.importedFuncs && f < m.funcCount() ? m.bodies.get(f - m.importedFuncs).start() : 0;
            ImplementationLimitException x = new ImplementationLimitException("function " + t.getMethodName()
                    + " is too large for one JVM method (" + t.getCodeSize() + " bytes of bytecode)", at);
            x.initCause(e);
            return x;
        }
        if (e instanceof ClassTooLargeException t) {
            ImplementationLimitException x = new ImplementationLimitException("generated class " + t.getClassName()
                    + " has too many constants (" + t.getConstantPoolCount() + ")", 0);
            x.initCause(e);
            return x;
        }
        return e;
    }
}
