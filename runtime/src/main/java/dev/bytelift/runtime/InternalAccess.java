package dev.bytelift.runtime;

import java.lang.invoke.MethodHandle;
import java.util.Map;
import dev.bytelift.runtime.internal.EpochCounter;
import dev.bytelift.runtime.internal.FrameStack;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.internal.VMGlobal;
import dev.bytelift.runtime.internal.VMMemory;
import dev.bytelift.runtime.internal.VMRuntimeLimits;
import dev.bytelift.runtime.internal.VMTable;
import dev.bytelift.runtime.spi.Trampolines;

/** The API package's side of {@link RuntimeAccess}: installed by {@link Store}'s initialiser. */
final class InternalAccess extends RuntimeAccess {
    private InternalAccess() {}

    static void install() {
        RuntimeAccess.install(new InternalAccess());
    }

    @Override public VMRuntimeLimits limits(Store store) { return store.limits(); }
    @Override public Scratch scratch(Store store) { return store.scratch(); }
    @Override public FrameStack frames(Store store) { return store.frames(); }
    @Override public VMContext hostContext(Store store) { return store.hostContext(); }
    @Override public boolean fits(Store store, long bytes) { return store.fits(bytes); }
    @Override public boolean holds(ValType t, Object v) { return ValType.holds(t, v); }
    @Override public long refillFuel(Store store) { return store.refillFuel(); }
    @Override public long onEpochDeadline(Store store) { return store.onEpochDeadline(); }
    @Override public EpochCounter epochCounter(Engine engine) { return engine.epochCounter(); }
    @Override public Trampolines trampolines(Engine engine) { return engine.trampolines(); }
    @Override public VMMemory vm(Memory memory) { return memory.vm; }
    @Override public VMTable vm(Table table) { return table.vm; }
    @Override public VMGlobal vm(Global global) { return global.vm; }

    @Override
    public Func newFunc(Store store, FuncType type, MethodHandle invoker, VMContext owner, int index) {
        return new Func(store, type, invoker, owner, index);
    }

    @Override
    public Instance newInstance(Module module, Store store, Map<String, Extern> exports) {
        return new Instance(module, store, exports);
    }

    @Override
    public Caller newCaller(VMContext context, Store store) {
        return new Caller(context, store);
    }

    @Override
    public ThrownException newThrown(Tag tag, Object[] values) {
        return new ThrownException(tag, values, false);
    }

    @Override
    public Object[] values(ThrownException e) {
        return e.rawValues();
    }

    @Override
    public boolean reserveTypeIds(Engine engine, java.util.List<FuncType> types, int[] ids) {
        return engine.reserveTypeIds(types, ids);
    }
}
