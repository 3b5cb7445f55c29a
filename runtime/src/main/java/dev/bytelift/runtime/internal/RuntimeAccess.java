package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.util.Map;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * What the runtime's internals, the compiler and the trampolines need of the public API types
 * that the API does not show: their ABI state, internal constructors and hooks (the JDK's
 * "shared secrets" pattern). The one implementation lives in {@code dev.bytelift.runtime}, which
 * installs it when {@link Store} is initialised; {@link #get()} makes sure it is.
 *
 * <p>Only used when setting things up (instantiation, linking, trampolines, slow paths): generated
 * code reaches the ABI state through {@link VMContext} and the {@code VM*} classes directly.
 */
public abstract class RuntimeAccess {
    private static volatile RuntimeAccess instance;

    protected RuntimeAccess() {}

    /** Called once, by the API package's implementation. */
    protected static void install(RuntimeAccess access) {
        if (access.getClass().getClassLoader() != RuntimeAccess.class.getClassLoader()
                || !access.getClass().getPackageName().equals(Store.class.getPackageName())) {
            throw new IllegalStateException("not the runtime's access");
        }
        if (instance != null) throw new IllegalStateException("runtime access installed twice");
        instance = access;
    }

    /** The implementation. */
    public static RuntimeAccess get() {
        RuntimeAccess a = instance;
        if (a != null) return a;
        try {
            Class.forName(Store.class.getName(), true, Store.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return instance;
    }

    // ---- stores and engines

    /** The limits object of {@code store}'s generated code. */
    public abstract VMRuntimeLimits limits(Store store);

    /** The scratch space generated code passes extra results through. */
    public abstract Scratch scratch(Store store);

    /** The frames of the split functions running in {@code store}. */
    public abstract FrameStack frames(Store store);

    /**
     * The context a host function called from the host (not from an instance) runs with: of
     * {@code store}, with no instance; entry trampolines pass it to host functions' invokers.
     */
    public abstract VMContext hostContext(Store store);

    /** Whether {@code bytes} more would fit {@code store}'s allocation limit now. */
    public abstract boolean fits(Store store, long bytes);

    /** Whether the boxed {@code v} is a value of type {@code t} as the embedding API passes it. */
    public abstract boolean holds(dev.bytelift.runtime.ValType t, Object v);

    /** The out-of-fuel path; returns the fuel added (0: trap). */
    public abstract long refillFuel(Store store);

    /** The epoch deadline path; returns the new deadline or throws. */
    public abstract long onEpochDeadline(Store store);

    /** The epoch counter generated code reads. */
    public abstract EpochCounter epochCounter(Engine engine);

    /** The engine's trampoline generator (and cache of generated trampolines). */
    public abstract Trampolines trampolines(Engine engine);

    // ---- externs

    public abstract VMMemory vm(Memory memory);

    public abstract VMTable vm(Table table);

    public abstract VMGlobal vm(Global global);

    /**
     * A function of {@code store}: a WebAssembly function ({@code owner} not null, invoker made by
     * {@code owner.invokers} when first needed if {@code invoker} is null) or a host function.
     */
    public abstract Func newFunc(Store store, FuncType type, MethodHandle invoker, VMContext owner, int index);

    /** An instance of {@code module} in {@code store} with {@code exports}. */
    public abstract Instance newInstance(Module module, Store store, Map<String, Extern> exports);

    /** What host functions called from {@code context} (null: called by the host) see. */
    public abstract Caller newCaller(VMContext context, Store store);

    /** A WebAssembly exception of {@code tag} carrying {@code values} (of its types, not copied). */
    public abstract dev.bytelift.runtime.ThrownException newThrown(dev.bytelift.runtime.Tag tag, Object[] values);

    /** The values array of a WebAssembly exception (not a copy). */
    public abstract Object[] values(dev.bytelift.runtime.ThrownException e);

    /**
     * Gives a deserialised module's function types the ids its code was compiled with; false if
     * {@code engine} gave those types or ids to others ({@code Engine.deserializeModule}).
     */
    public abstract boolean reserveTypeIds(Engine engine, java.util.List<FuncType> types, int[] ids);
}
