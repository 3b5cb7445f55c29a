package dev.bytelift.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.HostFunctions;
import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.internal.Traps;
import dev.bytelift.runtime.internal.VMContext;

/**
 * A function: defined by a WebAssembly instance or by the host. Also the representation of
 * non-null {@code funcref} values.
 *
 * <p>The public final fields are the ABI with generated code: {@code call_indirect} compares
 * {@link #typeId}, calls functions of its own instance ({@link #owner}) directly by
 * {@link #index}, and everything else through {@link #invoker}.
 */
public final class Func implements Extern {
    /** ABI: the engine-wide id of this function's type. */
    public final int typeId;
    /**
     * ABI: a handle of the uniform type {@code (params..., int depth, VMContext caller) -> r0}
     * (see {@link Abi}); a WebAssembly function's handle ignores {@code caller} and runs in its
     * own instance.
     */
    public final MethodHandle invoker;
    /** ABI: the defining instance's context, or {@code null} for a host function. */
    public final VMContext owner;
    /** ABI: the index in the defining instance's function index space, or -1. */
    public final int index;

    private final FuncType type;
    private final Store store;

    /** Created by the runtime; embedders use {@link #host} or an instance's exports. */
    public Func(Store store, FuncType type, MethodHandle invoker, VMContext owner, int index) {
        this.store = store;
        this.type = type;
        this.typeId = store.engine().typeId(type);
        this.invoker = invoker;
        this.owner = owner;
        this.index = index;
    }

    /** A host function of type {@code type} in {@code store}, implemented by {@code fn}. */
    public static Func host(Store store, FuncType type, HostFunction fn) {
        return new Func(store, type, HostFunctions.invoker(store, type, fn), null, -1);
    }

    @Override
    public FuncType type() {
        return type;
    }

    public Store store() {
        return store;
    }

    /**
     * Calls the function with boxed arguments ({@code Integer}, {@code Long}, {@code Float},
     * {@code Double}, {@link V128}, references) and returns its results, boxed the same way.
     *
     * @throws Trap if the WebAssembly code traps
     */
    public Object[] call(Object... args) {
        if (args.length != type.paramCount()) {
            throw new IllegalArgumentException("expected " + type.paramCount() + " arguments, got " + args.length);
        }
        List<Object> full = new ArrayList<>(args.length + 4);
        for (int i = 0; i < args.length; i++) {
            ValType t = type.param(i);
            Object a = args[i];
            if (t == ValType.V128) {
                V128 v = (V128) a;
                full.add(v.lo());
                full.add(v.hi());
            } else {
                checkArgument(t, a, i);
                full.add(a);
            }
        }
        full.add(0);
        full.add(null);
        Object first;
        try {
            first = invoker.invokeWithArguments(full);
        } catch (Throwable t) {
            throw Traps.rethrow(t);
        }
        return collectResults(first, store.scratch());
    }

    private Object[] collectResults(Object first, Scratch scratch) {
        int n = type.resultCount();
        Object[] out = new Object[n];
        if (n == 0) return out;
        out[0] = type.result(0) == ValType.V128 ? new V128((Long) first, scratch.v128Hi) : first;
        for (int i = 1; i < n; i++) {
            int slot = Abi.resultSlot(type, i);
            long bits = scratch.results[slot];
            switch (type.result(i)) {
                case I32: out[i] = (int) bits; break;
                case I64: out[i] = bits; break;
                case F32: out[i] = Float.intBitsToFloat((int) bits); break;
                case F64: out[i] = Double.longBitsToDouble(bits); break;
                case V128: out[i] = new V128(bits, scratch.results[slot + 1]); break;
                default: out[i] = scratch.refResults[slot];
            }
        }
        return out;
    }

    private static void checkArgument(ValType t, Object a, int i) {
        boolean ok;
        switch (t) {
            case I32: ok = a instanceof Integer; break;
            case I64: ok = a instanceof Long; break;
            case F32: ok = a instanceof Float; break;
            case F64: ok = a instanceof Double; break;
            case FUNCREF: ok = a == null || a instanceof Func; break;
            default: ok = true;
        }
        if (!ok) {
            throw new IllegalArgumentException("argument " + i + " must be " + t + ", got "
                    + (a == null ? "null" : a.getClass().getSimpleName()));
        }
    }

    /** Binds a generated static method to its instance: the uniform invoker of a WebAssembly function. */
    public static MethodHandle bindToInstance(MethodHandle method, VMContext owner, FuncType type) {
        int ctxPos = Abi.jvmParamClasses(type).size() + 1;
        MethodHandle bound = MethodHandles.insertArguments(method, ctxPos, owner);
        return MethodHandles.dropArguments(bound, ctxPos, VMContext.class);
    }

    @Override
    public String toString() {
        return owner == null ? "host function " + type : "wasm function " + index + " " + type;
    }
}
