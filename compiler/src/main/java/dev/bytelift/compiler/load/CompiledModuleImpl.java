package dev.bytelift.compiler.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.InternalExports;
import dev.bytelift.runtime.internal.LoadedModule;
import dev.bytelift.runtime.internal.ModuleImage;

/**
 * A module compiled to loaded classes: defining them (eagerly, lazily or from a serialised file),
 * where each function's method is, serialisation. What its {@link ModuleImage} decides (imports,
 * exports, instantiation, backtraces) is the runtime's {@link LoadedModule}, shared with
 * ahead-of-time modules.
 */
public final class CompiledModuleImpl extends LoadedModule {
    private final ModuleInfo m;
    private final ModuleLayout mc;
    private final Class<?> code;
    /** The loaded function classes, by internal name (with lazy compilation, those looked up so far). */
    private final Map<String, Class<?>> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    private final ModuleClassLoader loader;
    /** Lazy compilation's function classes, or null when they were all written at compile time. */
    private final LazyCode lazy;
    /** What was compiled, for the compiler's log ({@link #toString}). */
    private dev.bytelift.runtime.CompileStatistics statistics;

    private static dev.bytelift.runtime.CompileStatistics statistics(ModuleInfo m, ModuleLayout mc,
            java.util.Map<String, byte[]> classes, boolean lazy, int threads, long nanos) {
        long bytes = 0;
        for (byte[] c : classes.values()) bytes += c.length;
        long codeBytes = 0;
        for (ModuleInfo.FunctionBody b : m.bodies) codeBytes += b.end() - b.start();
        return new dev.bytelift.runtime.CompileStatistics(m.bodies.size(), m.importedFuncs, codeBytes, classes.size(), bytes,
                lazy, threads, nanos, mc.splitFunctions.get(), mc.regionMethods.get());
    }

    /** Gives every class file of this module for {@link #serialize()}; set by the compiler. */
    private volatile java.util.function.Supplier<dev.bytelift.compiler.serial.ModuleSerializer.Code> serialCode;

    /** Where {@link #serialize()} gets the module's class files: kept ones once, then generated again. */
    public void codeForSerialization(java.util.function.Supplier<dev.bytelift.compiler.serial.ModuleSerializer.Code> serialCode) {
        this.serialCode = serialCode;
    }

    /** The module's binary (not a copy). */
    @Override
    public byte[] binary() {
        return m.bytes;
    }

    @Override
    public byte[] serialize() {
        var c = serialCode;
        if (c == null) throw new UnsupportedOperationException("this module cannot be serialised");
        return dev.bytelift.compiler.serial.ModuleSerializer.write(mc.engine, m, c.get());
    }

    @Override
    public java.util.Map<String, byte[]> aheadOfTime(String name) {
        var c = serialCode;
        if (c == null) throw new UnsupportedOperationException("this module cannot be written ahead of time");
        return dev.bytelift.compiler.serial.AotWriter.write(mc.engine, m, c.get(), name);
    }

    @Override
    public dev.bytelift.runtime.CompileStatistics statistics() {
        return statistics;
    }

    /** Records how long compiling took, once it is done (the compiler measures it). */
    public void compileTime(long nanos) {
        dev.bytelift.runtime.CompileStatistics s = statistics;
        statistics = new dev.bytelift.runtime.CompileStatistics(s.functions(), s.importedFunctions(), s.codeBytes(), s.classes(),
                s.classBytes(), s.lazy(), s.threads(), nanos, s.splitFunctions(), s.regions());
    }

    /** What was compiled: functions, code size, classes and their bytes, threads. */
    @Override
    public String toString() {
        return statistics.toString();
    }

    /**
     * @param loadThreads how many threads may load (define and verify) the function classes at
     *     once, the calling one included: those that translated them
     */
    public CompiledModuleImpl(ModuleInfo m, ModuleLayout mc, java.util.Map<String, byte[]> classes, int loadThreads) {
        this(m, mc, classes, loadThreads, null);
    }

    /**
     * @param classes the main class and its import and dispatch classes, and, unless {@code lazy}
     *     is given, every function class
     * @param lazy writes the function classes when first used (lazy compilation), or null
     */
    public CompiledModuleImpl(ModuleInfo m, ModuleLayout mc, java.util.Map<String, byte[]> classes, int loadThreads, LazyCode lazy) {
        this(m, mc, classes, loadThreads, lazy, classes.keySet(), null);
    }

    /**
     * A deserialised module read from a file: {@code main} holds its main class (defined now);
     * {@code stored} gives each other class's file by internal name, read when the class is first
     * used and then defined, and verified by the JVM, as the JVM loads class-path code. Defining
     * and verifying every class up front was most of the time a large module took to deserialise.
     * A class that does not load then fails the call that reaches it with a {@link WasmException},
     * never the JVM's error.
     *
     * @param names the internal names of all the module's classes
     */
    public static CompiledModuleImpl deserialized(ModuleInfo m, ModuleLayout mc, java.util.Map<String, byte[]> main,
            java.util.Collection<String> names, java.util.function.Function<String, byte[]> stored) {
        return new CompiledModuleImpl(m, mc, main, 1, null, names, stored);
    }

    /** Whether function classes are read and defined on first use ({@link #deserialized}). */
    private final boolean deserialized;

    private CompiledModuleImpl(ModuleInfo m, ModuleLayout mc, java.util.Map<String, byte[]> classes, int loadThreads, LazyCode lazy,
            java.util.Collection<String> storedNames, java.util.function.Function<String, byte[]> stored) {
        super(ModuleImages.fill(m, new ModuleImage()));
        this.deserialized = stored != null;
        this.m = m;
        this.mc = mc;
        this.lazy = lazy;
        this.statistics = statistics(m, mc, classes, lazy != null, loadThreads, 0);
        this.loader = new ModuleClassLoader(CompiledModuleImpl.class.getClassLoader(), classes, lazy, this::registerClass, stored);
        // on the module path the generated classes (the loader's unnamed module) need the
        // runtime's ABI packages, which its module-info exports to the compiler only
        InternalExports.to(loader.getUnnamedModule());
        for (String name : storedNames) registerClass(name);
        this.code = load(mc.className, loader);
        if (lazy == null && !deserialized) {
            // every function class is loaded (and verified) now, so that a compiler bug shows here;
            // verifying is a good part of the time a large module takes, and the classes verify
            // independently (they have no static initialisers, the loader is parallel capable)
            int n = mc.functionClasses.size();
            Class<?>[] functionClasses = new Class<?>[n];
            int[] order = new int[n];
            for (int k = 0; k < n; k++) order[k] = k;
            dev.bytelift.compiler.emit.CompileTasks.run(loadThreads, order,
                    (tasks, k) -> functionClasses[k] = load(mc.functionClasses.get(k), loader));
            for (int k = 0; k < n; k++) loaded.put(mc.functionClasses.get(k), functionClasses[k]);
        }
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), true, loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            // generated code that does not verify is a bug of the compiler, never the module's fault
            throw new IllegalStateException("Bytelift generated invalid code for this module (a compiler bug): " + e, e);
        }
    }

    @Override
    protected MethodHandle method(int f, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(functionClass(mc.owner(f)), mc.methodName(f), type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Bytelift generated invalid code for this module (a compiler bug): " + e, e);
        }
    }

    /** The loaded function class {@code internalName} (with lazy compilation, written now if it was not). */
    private Class<?> functionClass(String internalName) {
        Class<?> c = loaded.get(internalName);
        if (c == null) {
            try {
                c = load(internalName, loader);
            } catch (IllegalStateException e) {
                if (!deserialized) throw e;
                throw new WasmException("the deserialised module's class " + internalName + " does not load (the serialised module "
                        + "is damaged): " + e.getCause(), e.getCause());
            }
            loaded.put(internalName, c);
        }
        return c;
    }

    /**
     * With lazy compilation, how many of the module's functions have been translated so far (the
     * functions of the classes written); with eager compilation, all of them.
     */
    public long functionsTranslated() {
        return lazy == null ? m.definedFuncCount() : lazy.functionsTranslated();
    }
}
