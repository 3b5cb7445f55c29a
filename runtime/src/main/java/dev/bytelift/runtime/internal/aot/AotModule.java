package dev.bytelift.runtime.internal.aot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.WasmFrame;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.CodeRegistry;
import dev.bytelift.runtime.internal.FrameResolver;
import dev.bytelift.runtime.internal.InternalExports;
import dev.bytelift.runtime.internal.Invokers;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.Traps;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.internal.VMGlobal;
import dev.bytelift.runtime.internal.VMTable;
import dev.bytelift.runtime.spi.CompiledModule;

/**
 * An ahead-of-time compiled module: its classes are ordinary classes of a class loader (a jar's,
 * or the application's for classes a build wrote to {@code target/classes}), its metadata an
 * {@link AotImage}. Instantiates as the compiler's modules do, without the compiler or a bytecode
 * library: memories, tables and globals, functions bound to the instance, segments, start.
 */
public final class AotModule implements CompiledModule, Invokers, FrameResolver {
    private final AotImage m;
    /** The module's classes, by index in {@link AotImage#classes}; with lazy compilation, those looked up so far. */
    private final Class<?>[] classes;
    private final ClassLoader loader;
    private final MethodHandle[] methods;
    private final List<ExportType> exports;
    private final int resultSlots;
    private final dev.bytelift.runtime.CompileStatistics statistics;

    /**
     * Loads (and so verifies) every class of {@code m} from {@code loader} for {@code engine}.
     *
     * @throws DeserializeException if the engine gave the module's types other ids, or a class is
     *     missing or does not load
     */
    public AotModule(Engine engine, AotImage m, ClassLoader loader) {
        long start = System.nanoTime();
        this.m = m;
        if (!RuntimeAccess.get().reserveTypeIds(engine, m.types, m.typeIds)) {
            throw new DeserializeException(Reason.TYPE_ID_CONFLICT, "this engine has given the module's function types other ids than its "
                    + "ahead-of-time code has built in: load it into a new engine (or one that loaded only ahead-of-time modules compiled "
                    + "together), or compile it");
        }
        // on the module path the generated classes (the loader's unnamed module) need the runtime's
        // ABI packages, which its module-info exports to the compiler only
        InternalExports.to(loader.getUnnamedModule());
        for (String c : m.classes) CodeRegistry.register(c.replace('/', '.'), this);
        this.classes = new Class<?>[m.classes.size()];
        // every class is loaded (and verified) now, so that damage shows here and never at a call;
        // verifying is most of the time, and the classes verify independently (no static
        // initialisers; class loaders from URLClassLoader are parallel capable): on the engine's
        // compile threads, as the compiler loads the classes it generates
        int threads = engine.config().compileThreads() > 0 ? engine.config().compileThreads() : Runtime.getRuntime().availableProcessors();
        load(0, loader);
        this.loader = loader;
        RuntimeException[] failure = {null};
        // with lazy compilation, the JVM loads the other classes when code first uses them (as
        // class-path code): a damaged one then fails that call (a WasmException), not the load
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(
                engine.config().lazyCompilation() ? classes.length : 1);
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < classes.length; ) {
                try {
                    load(i, loader);
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                    next.set(classes.length);
                }
            }
        };
        int helpers = Math.min(threads, classes.length - 1) - 1;
        Thread[] started = new Thread[Math.max(0, helpers)];
        for (int t = 0; t < started.length; t++) {
            started[t] = new Thread(worker, "bytelift-aot-load-" + t);
            started[t].setDaemon(true);
            started[t].start();
        }
        worker.run();
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeserializeException(Reason.CORRUPTED, "interrupted while loading the ahead-of-time module's classes", e);
            }
        }
        if (failure[0] != null) throw failure[0];
        this.methods = new MethodHandle[m.owners.length];
        List<ExportType> ex = new ArrayList<>();
        for (AotImage.Export e : m.exports) ex.add(new ExportType(e.name(), m.externType(e.kind(), e.index())));
        this.exports = List.copyOf(ex);
        int slots = 0;
        // extra results of calls, and the values split functions carry between their pieces
        for (FuncType t : m.types) {
            int p = 0, r = 0;
            for (int i = 0; i < t.paramCount(); i++) p += t.param(i).slots() > 2 ? 2 : 1;
            for (int i = 0; i < t.resultCount(); i++) r += t.result(i).slots() > 2 ? 2 : 1;
            slots = Math.max(slots, Math.max(p, r));
        }
        this.resultSlots = slots;
        this.statistics = new dev.bytelift.runtime.CompileStatistics(m.owners.length, m.importedFuncs, 0, classes.length, 0, false, threads,
                System.nanoTime() - start);
    }

    /** Loads class {@code i} of the module. */
    private void load(int i, ClassLoader loader) {
        String name = m.classes.get(i).replace('/', '.');
        try {
            classes[i] = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new DeserializeException(Reason.CORRUPTED, "the ahead-of-time module's class " + name + " is missing", e);
        } catch (LinkageError e) {
            // a checksum only catches accidents: a class that does not verify is damage, never a JVM error for the caller
            throw new DeserializeException(Reason.CORRUPTED, "the ahead-of-time module's class " + name + " does not load: " + e, e);
        }
    }

    @Override
    public MethodHandle invoker(int f, VMContext ctx) {
        FuncType t = m.funcType(f);
        int i = f - m.importedFuncs;
        MethodHandle method = methods[i];
        if (method == null) {
            try {
                if (classes[m.owners[i]] == null) load(m.owners[i], loader);
                method = MethodHandles.publicLookup().findStatic(classes[m.owners[i]], m.methods[i], Abi.methodType(t));
            } catch (ReflectiveOperationException e) {
                throw new WasmException("the ahead-of-time module has no method " + m.methods[i] + " for function " + f + ": it is damaged", e);
            }
            methods[i] = method; // a race looks the same handle up twice
        }
        return Abi.bindToInstance(method, ctx, t);
    }

    /** A JVM frame of the module's classes as a WebAssembly frame: method {@code f<index>...}, line = offset in the body + 1. */
    @Override
    public WasmFrame resolve(String methodName, int line) {
        if (line < 0) return null; // a tail-call entry, whose frame a tail call may have replaced
        int f = functionIndexOf(methodName);
        if (f < m.importedFuncs || f - m.importedFuncs >= m.bodyStarts.length) return null;
        int offset = line > 0 ? m.bodyStarts[f - m.importedFuncs] + line - 1 : -1;
        return new WasmFrame(m.moduleName, f, m.funcNames.get(f), offset);
    }

    /** The function index in a generated method name ({@code f<index>}, then {@code _} or {@code $} or nothing), or -1. */
    private static int functionIndexOf(String methodName) {
        if (methodName.length() < 2 || methodName.charAt(0) != 'f') return -1;
        int i = 1;
        int n = 0;
        while (i < methodName.length() && i < 11 && Character.isDigit(methodName.charAt(i))) {
            n = n * 10 + (methodName.charAt(i) - '0');
            i++;
        }
        if (i == 1 || (i < methodName.length() && methodName.charAt(i) != '_' && methodName.charAt(i) != '$')) return -1;
        return n;
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
    public dev.bytelift.runtime.CompileStatistics statistics() {
        return statistics;
    }

    @Override
    public byte[] serialize() {
        throw new UnsupportedOperationException("an ahead-of-time module is not serialised again: serialise the compiled module");
    }

    @Override
    public String toString() {
        return "ahead-of-time module " + m.mainClass + " (" + classes.length + " classes)";
    }

    @Override
    public Instance instantiate(Module module, Store store, Extern[] imports) {
        RuntimeAccess access = RuntimeAccess.get();
        access.scratch(store).ensureResultCapacity(resultSlots + 2);
        if (m.tailArgSlots > 0) access.scratch(store).ensureTailArgCapacity(m.tailArgSlots);
        VMContext ctx = new VMContext(store);
        ctx.invokers = this;
        int nf = m.funcCount();
        ctx.funcs = new Func[nf];
        ctx.tables = new VMTable[m.tables.size()];
        ctx.globals = new VMGlobal[m.globals.size()];
        ctx.memories = new dev.bytelift.runtime.internal.VMMemory[m.memories.size()];
        int fi = 0, ti = 0, mi = 0, gi = 0, tgi = 0;
        ctx.tags = m.tagTypes.length == 0 ? null : new dev.bytelift.runtime.Tag[m.tagTypes.length];
        for (Extern e : imports) {
            if (e instanceof Func f) ctx.funcs[fi++] = f;
            else if (e instanceof dev.bytelift.runtime.Tag tag) ctx.tags[tgi++] = tag;
            else if (e instanceof Table t) ctx.tables[ti++] = access.vm(t);
            else if (e instanceof Memory mem) ctx.memories[mi++] = access.vm(mem);
            else ctx.globals[gi++] = access.vm((Global) e);
        }
        for (int f = m.importedFuncs; f < nf; f++) ctx.funcs[f] = access.newFunc(store, m.funcType(f), null, ctx, f);
        for (int t = m.importedTags; t < m.tagTypes.length; t++) {
            ctx.tags[t] = new dev.bytelift.runtime.Tag(store, new dev.bytelift.runtime.TagType(m.types.get(m.tagTypes[t])));
        }
        createTablesAndMemories(store, ctx, mi);
        if (ctx.memories.length > 0) ctx.memory = ctx.memories[0];
        for (int g = m.importedGlobals; g < m.globals.size(); g++) {
            ctx.globals[g] = access.vm(new Global(store, m.globals.get(g), m.globalInits.get(g - m.importedGlobals).eval(ctx)));
        }
        try {
            for (int t = m.importedTables; t < m.tables.size(); t++) {
                AotConst init = m.tableInits.get(t - m.importedTables);
                if (init != null) ctx.tables[t] = access.vm(new Table(store, m.tables.get(t), init.eval(ctx)));
            }
        } catch (WasmException e) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, e.getMessage(), e);
        }
        ctx.elems = new Object[m.elems.size()][];
        for (int s = 0; s < m.elems.size(); s++) {
            AotImage.Elem seg = m.elems.get(s);
            if (seg.mode() == 2) continue; // declarative: dropped from the start
            Object[] items = new Object[seg.items().length];
            for (int k = 0; k < items.length; k++) items[k] = seg.items()[k].eval(ctx);
            ctx.elems[s] = items;
        }
        ctx.data = new byte[m.datas.size()][];
        for (int d = 0; d < m.datas.size(); d++) ctx.data[d] = m.datas.get(d).bytes();

        Map<String, Extern> exportMap = new LinkedHashMap<>();
        for (AotImage.Export e : m.exports) {
            Extern x = switch (e.kind()) {
                case 0 -> ctx.funcs[e.index()];
                case 1 -> ctx.tables[e.index()].api;
                case 2 -> ctx.memories[e.index()].api;
                case 4 -> ctx.tags[e.index()];
                default -> ctx.globals[e.index()].api;
            };
            exportMap.put(e.name(), x);
        }
        Instance instance = access.newInstance(module, store, exportMap);
        ctx.instance = instance;
        try {
            for (int s = 0; s < m.elems.size(); s++) {
                AotImage.Elem seg = m.elems.get(s);
                if (seg.mode() != 0) continue;
                int offset = offset(seg.offset().eval(ctx));
                Object[] items = ctx.elems[s];
                dev.bytelift.runtime.internal.TableOps.init(offset, 0, items.length, ctx.tables[seg.table()], items);
                ctx.elems[s] = null;
            }
            for (int d = 0; d < m.datas.size(); d++) {
                AotImage.Data seg = m.datas.get(d);
                if (seg.mode() != 0) continue;
                int offset = offset(seg.offset().eval(ctx));
                byte[] bytes = seg.bytes();
                dev.bytelift.runtime.internal.MemoryOps.init(offset, 0, bytes.length, ctx.memories[seg.memory()].bytes, bytes);
                ctx.data[d] = null;
            }
        } catch (Trap t) {
            throw (Trap) Traps.translate(t);
        }
        if (m.start >= 0) ctx.funcs[m.start].call();
        return instance;
    }

    /** An active segment's offset: an i32, or an i64 of a 64-bit memory or table (clamped as its operators do). */
    private static int offset(Object value) {
        return value instanceof Long l ? dev.bytelift.runtime.internal.MemoryOps64.clamp(l) : (Integer) value;
    }

    /**
     * Creates the tables (those without an initialiser) and memories the instance defines, after
     * checking what they take together against the store's allocation limit.
     */
    private void createTablesAndMemories(Store store, VMContext ctx, int importedMemories) {
        long needed = 0;
        for (int t = m.importedTables; t < m.tables.size(); t++) {
            long min = m.tables.get(t).limits().min();
            needed += (Long.compareUnsigned(min, Table.MAX_ELEMENTS) > 0 ? Table.MAX_ELEMENTS + 1L : min) * Table.ELEMENT_BYTES;
        }
        for (int i = importedMemories; i < m.memories.size(); i++) {
            long min = m.memories.get(i).limits().min();
            needed += (Long.compareUnsigned(min, Memory.MAX_PAGES) > 0 ? Memory.MAX_PAGES + 1L : min) * MemoryType.PAGE_SIZE;
        }
        RuntimeAccess access = RuntimeAccess.get();
        if (!access.fits(store, needed)) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, "the module's tables and memory need " + needed
                    + " bytes, more than the store's allocation limit of " + store.allocationLimit() + " bytes leaves ("
                    + store.allocated() + " bytes allocated already)", null);
        }
        try {
            for (int t = m.importedTables; t < m.tables.size(); t++) {
                if (m.tableInits.get(t - m.importedTables) != null) continue; // after the globals
                TableType type = m.tables.get(t);
                ctx.tables[t] = access.vm(new Table(store, type, null));
            }
            for (int i = importedMemories; i < m.memories.size(); i++) ctx.memories[i] = access.vm(new Memory(store, m.memories.get(i)));
        } catch (WasmException e) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, e.getMessage(), e);
        }
    }
}
