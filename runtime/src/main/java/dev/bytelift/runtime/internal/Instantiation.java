package dev.bytelift.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.Tag;
import dev.bytelift.runtime.TagType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * Instantiates a module from its {@link ModuleImage}, for compiled and ahead-of-time modules
 * alike: creates memories, tables and globals, binds the functions to the new instance (their
 * code comes from the module's {@link Invokers}), applies active segments and runs start.
 */
public final class Instantiation {
    private Instantiation() {}

    /** An ordinary instantiation's options: everything created, data applied, start run. */
    public static final InstantiationOptions DEFAULT_OPTIONS = InstantiationOptions.builder().build();

    /**
     * A new instance of {@code m} in {@code store} with {@code imports} (already checked against
     * the module's imports), whose functions run the code {@code code} gives.
     *
     * @param resultSlots {@link ModuleImage#resultSlots()}, computed once per module
     */
    public static IndexedInstance instantiate(ModuleImage m, int resultSlots, Invokers code, Module module, Store store,
            Extern[] imports, InstantiationOptions options) {
        RuntimeAccess access = RuntimeAccess.get();
        access.scratch(store).ensureResultCapacity(resultSlots + 2);
        if (m.tailArgSlots > 0) access.scratch(store).ensureTailArgCapacity(m.tailArgSlots);
        VMContext ctx = new VMContext(store);
        ctx.invokers = code;
        int nf = m.funcCount();
        ctx.funcs = new Func[nf];
        ctx.tables = new VMTable[m.tables.size()];
        ctx.globals = new VMGlobal[m.globals.size()];
        ctx.memories = new VMMemory[m.memories.size()];
        int fi = 0, ti = 0, mi = 0, gi = 0, tgi = 0;
        ctx.tags = m.tagTypes.length == 0 ? null : new Tag[m.tagTypes.length];
        for (Extern e : imports) {
            if (e instanceof Func f) ctx.funcs[fi++] = f;
            else if (e instanceof Tag tag) ctx.tags[tgi++] = tag;
            else if (e instanceof Table t) ctx.tables[ti++] = access.vm(t);
            else if (e instanceof Memory mem) ctx.memories[mi++] = access.vm(mem);
            else ctx.globals[gi++] = access.vm((Global) e);
        }
        for (int f = m.importedFuncs; f < nf; f++) ctx.funcs[f] = access.newFunc(store, m.funcType(f), null, ctx, f);
        for (int t = m.importedTags; t < m.tagTypes.length; t++) {
            ctx.tags[t] = new Tag(store, new TagType(m.types.get(m.tagTypes[t]))); // one per instance
        }
        if (options != DEFAULT_OPTIONS) supplyHostMemories(m, options, ctx, mi);
        createTablesAndMemories(m, store, ctx, mi);
        if (ctx.memories.length > 0) ctx.memory = ctx.memories[0];
        for (int g = m.importedGlobals; g < m.globals.size(); g++) {
            ctx.globals[g] = access.vm(new Global(store, m.globals.get(g), m.globalInits.get(g - m.importedGlobals).eval(ctx)));
        }
        createInitialisedTables(m, store, ctx);
        ctx.elems = new Object[m.elems.size()][];
        for (int s = 0; s < m.elems.size(); s++) {
            ModuleImage.Elem seg = m.elems.get(s);
            if (seg.mode() == 2) continue; // declarative: dropped from the start
            Object[] items = new Object[seg.items().length];
            for (int k = 0; k < items.length; k++) items[k] = seg.items()[k].eval(ctx);
            ctx.elems[s] = items;
        }
        ctx.data = new byte[m.datas.size()][];
        for (int d = 0; d < m.datas.size(); d++) ctx.data[d] = m.datas.get(d).bytes();

        Map<String, Extern> exportMap = new LinkedHashMap<>();
        for (ModuleImage.Export e : m.exports) {
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
                ModuleImage.Elem seg = m.elems.get(s);
                if (seg.mode() != 0) continue;
                int offset = offset(seg.offset().eval(ctx));
                Object[] items = ctx.elems[s];
                TableOps.init(offset, 0, items.length, ctx.tables[seg.table()], items);
                ctx.elems[s] = null;
            }
            for (int d = 0; d < m.datas.size(); d++) {
                ModuleImage.Data seg = m.datas.get(d);
                if (seg.mode() != 0) continue;
                if (!options.applyDataSegments()) { // the host runtime writes them: dropped all the same
                    ctx.data[d] = null;
                    continue;
                }
                int offset = offset(seg.offset().eval(ctx));
                byte[] bytes = seg.bytes();
                VMMemory memory = ctx.memories[seg.memory()];
                MemoryOps.init(offset, 0, bytes.length, memory.bytes, memory.size, bytes);
                ctx.data[d] = null;
            }
        } catch (Trap t) {
            throw (Trap) Traps.translate(t);
        }
        if (m.start >= 0 && options.runStart()) ctx.funcs[m.start].call();
        return new Indexed(instance, ctx);
    }

    /** An active segment's offset: an i32, or an i64 of a 64-bit memory or table (clamped as its operators do). */
    private static int offset(Object value) {
        return value instanceof Long l ? MemoryOps64.clamp(l) : (Integer) value;
    }

    /** Puts each memory a host runtime made for a memory the module defines in {@code ctx.memories}, checked against the declaration. */
    private static void supplyHostMemories(ModuleImage m, InstantiationOptions options, VMContext ctx, int importedMemories) {
        for (int i = importedMemories; i < m.memories.size(); i++) {
            Memory supplied = options.definedMemory(i);
            if (supplied == null) continue;
            MemoryType declared = m.memories.get(i);
            MemoryType actual = supplied.type();
            if (actual.addressType() != declared.addressType() || !declared.limits().acceptsActual(actual.limits())) {
                throw new LinkException("incompatible memory", "memory " + i + ": declared " + declared.limits()
                        + ", supplied " + actual.limits());
            }
            ctx.memories[i] = RuntimeAccess.get().vm(supplied);
        }
    }

    /**
     * Creates the tables (those without an initialiser) and memories the instance defines. Their
     * sizes come from the guest (a module of a few hundred bytes may declare a hundred tables of
     * ten million elements), so what they take together is checked against the store's
     * allocation limit before anything is allocated, and a failure becomes a
     * {@link TrapCode#HOST_RESOURCE_EXHAUSTED} trap saying what did not fit.
     */
    private static void createTablesAndMemories(ModuleImage m, Store store, VMContext ctx, int importedMemories) {
        long needed = 0;
        for (int t = m.importedTables; t < m.tables.size(); t++) {
            long min = m.tables.get(t).limits().min();
            needed += (Long.compareUnsigned(min, Table.MAX_ELEMENTS) > 0 ? Table.MAX_ELEMENTS + 1L : min) * Table.ELEMENT_BYTES;
        }
        for (int i = importedMemories; i < m.memories.size(); i++) {
            if (ctx.memories[i] != null) continue; // supplied by a host runtime
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
                ctx.tables[t] = access.vm(new Table(store, m.tables.get(t), null));
            }
            for (int i = importedMemories; i < m.memories.size(); i++) {
                if (ctx.memories[i] != null) continue;
                ctx.memories[i] = access.vm(new Memory(store, m.memories.get(i)));
            }
        } catch (WasmException e) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, e.getMessage(), e);
        }
    }

    /**
     * Creates the tables with an initialiser expression (typed function references), once the
     * globals it may read exist; their size was counted by {@link #createTablesAndMemories}.
     */
    private static void createInitialisedTables(ModuleImage m, Store store, VMContext ctx) {
        RuntimeAccess access = RuntimeAccess.get();
        try {
            for (int t = m.importedTables; t < m.tables.size(); t++) {
                InitExpr init = m.tableInits.get(t - m.importedTables);
                if (init != null) ctx.tables[t] = access.vm(new Table(store, m.tables.get(t), init.eval(ctx)));
            }
        } catch (WasmException e) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, e.getMessage(), e);
        }
    }

    /** An instance's index spaces, read from its context. */
    private record Indexed(Instance instance, VMContext ctx) implements IndexedInstance {
        @Override public int functionCount() { return ctx.funcs.length; }
        @Override public Func function(int index) { return ctx.funcs[index]; }
        @Override public int memoryCount() { return ctx.memories.length; }
        @Override public Memory memory(int index) { return ctx.memories[index].api; }
        @Override public int tableCount() { return ctx.tables.length; }
        @Override public Table table(int index) { return ctx.tables[index].api; }
        @Override public int globalCount() { return ctx.globals.length; }
        @Override public Global global(int index) { return ctx.globals[index].api; }
    }
}
