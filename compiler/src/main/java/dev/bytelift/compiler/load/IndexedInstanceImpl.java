package dev.bytelift.compiler.load;

import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.spi.IndexedInstance;

/** An instance's index spaces, read from its context. */
final class IndexedInstanceImpl implements IndexedInstance {
    private final Instance instance;
    private final VMContext ctx;

    IndexedInstanceImpl(Instance instance, VMContext ctx) {
        this.instance = instance;
        this.ctx = ctx;
    }

    @Override public Instance instance() { return instance; }
    @Override public int functionCount() { return ctx.funcs.length; }
    @Override public Func function(int index) { return ctx.funcs[index]; }
    @Override public int memoryCount() { return ctx.memories.length; }
    @Override public Memory memory(int index) { return ctx.memories[index].api; }
    @Override public int tableCount() { return ctx.tables.length; }
    @Override public Table table(int index) { return ctx.tables[index].api; }
    @Override public int globalCount() { return ctx.globals.length; }
    @Override public Global global(int index) { return ctx.globals[index].api; }
}
