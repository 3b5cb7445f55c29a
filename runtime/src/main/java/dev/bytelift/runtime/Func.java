package dev.bytelift.runtime;

import java.lang.invoke.MethodHandle;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.spi.GenericEntry;

/**
 * A function: defined by a WebAssembly instance or by the host. Also the representation of
 * non-null {@code funcref} values.
 *
 * <p>Calling from the host: {@link #call} takes and returns boxed values and serves any type;
 * {@link #typed} returns an implementation of a functional interface that calls the function
 * without boxing or allocating, like Wasmtime's {@code TypedFunc}:
 * <pre>{@code
 * IntBinaryOperator add = instance.getFunc("add").typed(IntBinaryOperator.class);
 * int three = add.applyAsInt(1, 2);
 * }</pre>
 *
 * <p>Host functions: {@link #wrap} makes one from any functional interface whose method maps to
 * a WebAssembly type (the type is inferred, as Wasmtime's {@code Func::wrap} does; see
 * {@link HostFn} for the shapes with a {@link Caller}); {@link #host} makes one of any type,
 * multi-value included, from a boxed {@link HostFunction}.
 *
 * <p><b>Internal members.</b> The public final fields {@link #typeId}, {@link #owner} and
 * {@link #index} and the method {@link #invoker()} are the ABI with generated code, not API: a
 * {@code Func} is the value of a {@code funcref} in tables and globals, and {@code call_indirect}
 * reads it on every call (compares {@link #typeId}, calls a function of its own instance directly
 * by {@link #index}, anything else through {@link #invoker()}), with plain field instructions from
 * classes of another class loader, which only public members allow. They are final, so reading
 * them cannot break anything; embedders should not rely on them.
 */
public final class Func implements Extern {
    /** Internal (ABI): the engine-wide id of this function's type ({@link Engine#typeId}). */
    public final int typeId;
    /** The invoker (see {@link #invoker()}); made on first use for a WebAssembly function. */
    private MethodHandle invoker;
    /**
     * Internal (ABI): the defining instance's context (a {@code VMContext}, typed {@code Object}
     * to keep the internal type out of the API; generated code only compares it with its own), or
     * {@code null} for a host function.
     */
    public final Object owner;
    /** Internal (ABI): the index in the defining instance's function index space, or -1. */
    public final int index;

    private final FuncType type;
    private final Store store;
    private GenericEntry entry;

    /**
     * Created by the runtime; embedders use {@link #host}, {@link #wrap} or an instance's exports.
     * A WebAssembly function ({@code owner} not null) may pass a null {@code invoker}: it is then
     * made by {@code owner.invokers} when first needed.
     */
    Func(Store store, FuncType type, MethodHandle invoker, VMContext owner, int index) {
        if (invoker == null && owner == null) throw new IllegalArgumentException("a host function needs an invoker");
        this.store = store;
        this.type = type;
        this.typeId = store.engine().typeId(type);
        this.invoker = invoker;
        this.owner = owner;
        this.index = index;
    }

    /** A host function of type {@code type} in {@code store}, implemented by the boxed {@code fn}. */
    public static Func host(Store store, FuncType type, HostFunction fn) {
        java.util.Objects.requireNonNull(fn, "fn");
        Abi.requireSupported(type);
        store.scratch().ensureResultCapacity(Abi.resultSlots(type) + 2);
        return new Func(store, type, store.engine().trampolines().hostInvoker(type, fn), null, -1);
    }

    /**
     * A host function in {@code store} implemented by {@code fn}, of the WebAssembly type that
     * {@code shape}'s single abstract method maps to: {@code int}, {@code long}, {@code float},
     * {@code double} are {@code i32}, {@code i64}, {@code f32}, {@code f64}; {@link Func} is
     * {@code funcref} and {@link Object} {@code externref}; a {@code void} method has no result;
     * a first parameter of type {@link Caller} receives the calling instance's view. Calls from
     * WebAssembly go through a generated trampoline that neither boxes nor allocates.
     * <pre>{@code
     * Func add = Func.wrap(store, IntBinaryOperator.class, (a, b) -> a + b);          // [i32 i32] -> [i32]
     * Func log = Func.wrap(store, HostFn.II_V.class, (caller, ptr, len) -> ...);     // [i32 i32] -> []
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code shape} is not such an interface
     */
    public static <T> Func wrap(Store store, Class<T> shape, T fn) {
        if (!shape.isInstance(fn)) throw new IllegalArgumentException(fn + " does not implement " + shape.getName());
        var trampolines = store.engine().trampolines();
        FuncType type = trampolines.typeOf(shape);
        Abi.requireSupported(type);
        return new Func(store, type, trampolines.typedHostInvoker(shape, fn), null, -1);
    }

    /**
     * Internal (ABI): a handle of the uniform type {@code (params..., int depth, VMContext caller, int pc) -> r0}
     * (see {@code runtime.internal.Abi}); a WebAssembly function's handle ignores {@code caller} and {@code pc} and
     * runs in its own instance; a host function's is its exit trampoline. Generated code calls
     * this for functions of other instances and imports.
     */
    public MethodHandle invoker() {
        MethodHandle h = invoker;
        if (h == null) {
            // a race makes two equal handles, and a handle is safely published (its fields are final)
            VMContext ctx = (VMContext) owner;
            invoker = h = ctx.invokers.invoker(index, ctx);
        }
        return h;
    }

    @Override
    public FuncType type() {
        return type;
    }

    /** The store this function belongs to. */
    public Store store() {
        return store;
    }

    /**
     * Calls the function with boxed arguments ({@code Integer}, {@code Long}, {@code Float},
     * {@code Double}, {@link V128}, references) and returns its results, boxed the same way.
     *
     * <p>Called from inside a host function, the call continues the calling WebAssembly code's
     * call depth, so deep host↔WebAssembly recursion still meets the stack limit.
     *
     * @throws Trap if the WebAssembly code traps (with its {@linkplain Trap#backtrace backtrace})
     * @throws IllegalArgumentException if the arguments do not match the function's type, or a
     *     funcref argument is a function of another store
     * @throws IllegalStateException if another thread is running WebAssembly code of this store
     */
    public Object[] call(Object... args) {
        if (args == null) throw new IllegalArgumentException("the arguments array is null (pass no arguments for none)");
        if (args.length != type.paramCount()) {
            throw new IllegalArgumentException("expected " + type.paramCount() + " arguments, got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            checkArgument(type.param(i), args[i], i);
            if (type.param(i).kind() == ValType.Kind.FUNCREF && args[i] instanceof Func f && f.store != store) {
                throw new IllegalArgumentException("argument " + i + ": " + f + " belongs to a different store");
            }
        }
        GenericEntry e = entry;
        if (e == null) entry = e = store.engine().trampolines().genericEntry(this);
        return e.call(args);
    }

    /**
     * An implementation of the functional interface {@code shape} that calls this function
     * without boxing or allocating (Wasmtime's {@code TypedFunc}). The interface's single abstract
     * method must map to this function's type exactly, by the rules of {@link #wrap} (without a
     * {@link Caller} parameter): {@code IntBinaryOperator} for {@code [i32 i32] -> [i32]},
     * {@code LongUnaryOperator} for {@code [i64] -> [i64]}, {@code Runnable} for {@code [] -> []},
     * or any interface of the embedder's. Create it once and keep it: each call of this method
     * defines a small hidden class bound to this function (from bytecode generated once per
     * engine, interface and type), which is what lets the JIT inline the call.
     *
     * @throws IllegalArgumentException if the shape does not match this function's type
     */
    public <T> T typed(Class<T> shape) {
        var trampolines = store.engine().trampolines();
        FuncType shapeType = trampolines.typeOf(shape);
        if (!shapeType.equals(type)) {
            throw new IllegalArgumentException("function type " + type + " does not match " + shape.getName()
                    + " (" + shapeType + ")");
        }
        return trampolines.typedEntry(this, shape);
    }

    private static void checkArgument(ValType t, Object a, int i) {
        if (!ValType.holds(t, a)) {
            throw new IllegalArgumentException("argument type mismatch: argument " + i + " must be " + t + " ("
                    + ValType.javaName(t) + "), got " + (a == null ? "null" : a.getClass().getSimpleName()));
        }
    }

    @Override
    public String toString() {
        return owner == null ? "host function " + type : "wasm function " + index + " " + type;
    }
}
