package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.VMContext;

/**
 * Creates the tables and memory an instance defines. Their sizes come from the guest (a module
 * of a few hundred bytes may declare a hundred tables of ten million elements), so what they take
 * together is checked against the store's allocation limit before anything is allocated, and a
 * failure becomes a {@link TrapCode#HOST_RESOURCE_EXHAUSTED} trap saying what did not fit.
 */
final class InstanceAllocation {
    private InstanceAllocation() {}

    static void createTablesAndMemory(ModuleInfo m, Store store, VMContext ctx, int importedMemories) {
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
                TableType type = m.tables.get(t);
                ctx.tables[t] = access.vm(new Table(store, type, null));
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
     * globals it may read exist; their size was counted by {@link #createTablesAndMemory}.
     */
    static void createInitialisedTables(ModuleInfo m, Store store, VMContext ctx) {
        RuntimeAccess access = RuntimeAccess.get();
        try {
            for (int t = m.importedTables; t < m.tables.size(); t++) {
                ConstExpr init = m.tableInits.get(t - m.importedTables);
                if (init != null) ctx.tables[t] = access.vm(new Table(store, m.tables.get(t), ConstEvaluator.eval(init, ctx)));
            }
        } catch (WasmException e) {
            throw new Trap(TrapCode.HOST_RESOURCE_EXHAUSTED, e.getMessage(), e);
        }
    }
}
