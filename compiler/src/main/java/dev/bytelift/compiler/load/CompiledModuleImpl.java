package dev.bytelift.compiler.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.ExternType;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.CodeRegistry;
import dev.bytelift.runtime.internal.InternalExports;
import dev.bytelift.runtime.internal.Invokers;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.Traps;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.internal.VMGlobal;
import dev.bytelift.runtime.internal.VMTable;
import dev.bytelift.runtime.spi.CompiledModule;

/**
 * A module compiled to a loaded class, and its instantiation: creating memories, tables and
 * globals, binding functions to the new instance, applying active segments, running start.
 */
public final class CompiledModuleImpl implements CompiledModule, Invokers {
    private final ModuleInfo m;
    private final ModuleLayout mc;
    private final Class<?> code;
    private final ModuleFrames frames;
    /** The loaded function classes, by internal name (with lazy compilation, those looked up so far). */
    private final Map<String, Class<?>> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    private final ModuleClassLoader loader;
    /** Lazy compilation's function classes, or null when they were all written at compile time. */
    private final LazyCode lazy;
    /**
     * Unbound handles of the defined functions, by defined index, looked up when first needed
     * (most functions are only called directly by generated code, never through a handle).
     */
    private final MethodHandle[] methods;
    private final List<ExportType> exports;
    private final int resultSlots;
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
        this.deserialized = stored != null;
        this.m = m;
        this.mc = mc;
        this.lazy = lazy;
        this.statistics = statistics(m, mc, classes, lazy != null, loadThreads, 0);
        this.frames = new ModuleFrames(m);
        this.loader = new ModuleClassLoader(CompiledModuleImpl.class.getClassLoader(), classes, lazy,
                name -> CodeRegistry.register(name, frames), stored);
        // on the module path the generated classes (the loader's unnamed module) need the
        // runtime's ABI packages, which its module-info exports to the compiler only
        InternalExports.to(loader.getUnnamedModule());
        for (String name : storedNames) CodeRegistry.register(name.replace('/', '.'), frames);
        this.methods = new MethodHandle[m.definedFuncCount()];
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
        List<ExportType> ex = new ArrayList<>();
        for (ModuleInfo.Export e : m.exports) ex.add(new ExportType(e.name(), exportType(e)));
        this.exports = List.copyOf(ex);
        int slots = 0;
        // extra results of calls, and the values split functions carry between their pieces
        // (a block's params or results: at most all params or results of a type, v128 = 2 slots)
        for (FuncType t : m.types) {
            int p = 0, r = 0;
            for (int i = 0; i < t.paramCount(); i++) p += t.param(i).slots() > 2 ? 2 : 1;
            for (int i = 0; i < t.resultCount(); i++) r += t.result(i).slots() > 2 ? 2 : 1;
            slots = Math.max(slots, Math.max(p, r));
        }
        this.resultSlots = slots;
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
    public MethodHandle invoker(int f, VMContext ctx) {
        FuncType t = m.funcType(f);
        int i = f - m.importedFuncs;
        MethodHandle method = methods[i];
        if (method == null) {
            try {
                method = MethodHandles.publicLookup()
                        .findStatic(functionClass(mc.owner(f)), mc.methodName(f), Abi.methodType(t));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Bytelift generated invalid code for this module (a compiler bug): " + e, e);
            }
            methods[i] = method; // a race looks the same handle up twice
        }
        return Abi.bindToInstance(method, ctx, t);
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

    private ExternType exportType(ModuleInfo.Export e) {
        switch (e.kind()) {
            case 0: return m.funcType(e.index());
            case 1: return m.tables.get(e.index());
            case 2: return m.memories.get(e.index());
            case 4: return new dev.bytelift.runtime.TagType(m.tagType(e.index()));
            default: return m.globals.get(e.index());
        }
    }

    @Override
    public String name() {
        return m.moduleName;
    }

    @Override
    public List<ImportType> imports() {
        return List.copyOf(m.imports);
    }

    @Override
    public List<ExportType> exports() {
        return exports;
    }

    @Override
    public Instance instantiate(Module module, Store store, Extern[] imports) {
        return instantiate(module, store, imports, DEFAULT_OPTIONS).instance();
    }

    /** An ordinary instantiation's: everything created, data applied, start run. */
    private static final dev.bytelift.runtime.spi.InstantiationOptions DEFAULT_OPTIONS =
            dev.bytelift.runtime.spi.InstantiationOptions.builder().build();

    @Override
    public dev.bytelift.runtime.spi.IndexedInstance instantiate(Module module, Store store, Extern[] imports,
            dev.bytelift.runtime.spi.InstantiationOptions options) {
        RuntimeAccess access = RuntimeAccess.get();
        access.scratch(store).ensureResultCapacity(resultSlots + 2);
        if (!m.tailCallers.isEmpty()) access.scratch(store).ensureTailArgCapacity(TailCallArgs.maxSlots(m));
        VMContext ctx = new VMContext(store);
        ctx.invokers = this;
        int nf = m.funcCount();
        ctx.funcs = new Func[nf];
        ctx.tables = new VMTable[m.tables.size()];
        ctx.globals = new VMGlobal[m.globals.size()];
        ctx.memories = new dev.bytelift.runtime.internal.VMMemory[m.memories.size()];
        int fi = 0, ti = 0, mi = 0, gi = 0, tgi = 0;
        ctx.tags = m.tagTypes.isEmpty() ? null : new dev.bytelift.runtime.Tag[m.tagTypes.size()];
        for (Extern e : imports) {
            if (e instanceof Func f) ctx.funcs[fi++] = f;
            else if (e instanceof dev.bytelift.runtime.Tag tag) ctx.tags[tgi++] = tag;
            else if (e instanceof Table t) ctx.tables[ti++] = access.vm(t);
            else if (e instanceof Memory mem) ctx.memories[mi++] = access.vm(mem);
            else ctx.globals[gi++] = access.vm((Global) e);
        }
        for (int f = m.importedFuncs; f < nf; f++) {
            ctx.funcs[f] = access.newFunc(store, m.funcType(f), null, ctx, f);
        }
        for (int t = m.importedTags; t < m.tagTypes.size(); t++) {
            ctx.tags[t] = new dev.bytelift.runtime.Tag(store, new dev.bytelift.runtime.TagType(m.tagType(t))); // one per instance
        }
        if (options != DEFAULT_OPTIONS) HostRuntimeMemories.supply(m, options, ctx, mi);
        InstanceAllocation.createTablesAndMemory(m, store, ctx, mi);
        if (ctx.memories.length > 0) ctx.memory = ctx.memories[0];
        for (int g = m.importedGlobals; g < m.globals.size(); g++) {
            ctx.globals[g] = access.vm(new Global(store, m.globals.get(g), ConstEvaluator.eval(m.globalInits.get(g - m.importedGlobals), ctx)));
        }
        InstanceAllocation.createInitialisedTables(m, store, ctx);
        ctx.elems = new Object[m.elems.size()][];
        for (int s = 0; s < m.elems.size(); s++) {
            ModuleInfo.ElemSegment seg = m.elems.get(s);
            if (seg.mode() == 2) continue; // declarative: dropped from the start
            Object[] items = new Object[seg.items().size()];
            for (int k = 0; k < items.length; k++) items[k] = ConstEvaluator.eval(seg.items().get(k), ctx);
            ctx.elems[s] = items;
        }
        ctx.data = new byte[m.datas.size()][];
        for (int d = 0; d < m.datas.size(); d++) ctx.data[d] = m.datas.get(d).bytes();

        Map<String, Extern> exportMap = new LinkedHashMap<>();
        for (ModuleInfo.Export e : m.exports) {
            Extern x;
            switch (e.kind()) {
                case 0: x = ctx.funcs[e.index()]; break;
                case 1: x = ctx.tables[e.index()].api; break;
                case 2: x = ctx.memories[e.index()].api; break;
                case 4: x = ctx.tags[e.index()]; break;
                default: x = ctx.globals[e.index()].api;
            }
            exportMap.put(e.name(), x);
        }
        Instance instance = access.newInstance(module, store, exportMap);
        ctx.instance = instance;

        try {
            for (int s = 0; s < m.elems.size(); s++) {
                ModuleInfo.ElemSegment seg = m.elems.get(s);
                if (seg.mode() != 0) continue;
                int offset = offset(ConstEvaluator.eval(seg.offset(), ctx));
                Object[] items = ctx.elems[s];
                dev.bytelift.runtime.internal.TableOps.init(offset, 0, items.length, ctx.tables[seg.table()], items);
                ctx.elems[s] = null;
            }
            for (int d = 0; d < m.datas.size(); d++) {
                ModuleInfo.DataSegment seg = m.datas.get(d);
                if (seg.mode() != 0) continue;
                if (!options.applyDataSegments()) { // the host runtime writes them: dropped all the same
                    ctx.data[d] = null;
                    continue;
                }
                int offset = offset(ConstEvaluator.eval(seg.offset(), ctx));
                byte[] bytes = seg.bytes();
                dev.bytelift.runtime.internal.MemoryOps.init(offset, 0, bytes.length, ctx.memories[seg.memory()].bytes, bytes);
                ctx.data[d] = null;
            }
        } catch (Trap t) {
            throw (Trap) Traps.translate(t);
        }
        if (m.start >= 0 && options.runStart()) ctx.funcs[m.start].call();
        return new IndexedInstanceImpl(instance, ctx);
    }

    /** An active segment's offset: an i32, or an i64 of a 64-bit memory or table (clamped as its operators do). */
    private static int offset(Object value) {
        return value instanceof Long l ? dev.bytelift.runtime.internal.MemoryOps64.clamp(l) : (Integer) value;
    }

}
