package dev.bytelift.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import dev.bytelift.runtime.internal.Abi;

/**
 * Resolves a module's imports by their two-level names and instantiates it. Definitions are host
 * functions, other instances' exports, or any {@link Extern}.
 *
 * <p><b>One linker for every store.</b> Host functions defined without a store
 * ({@link #defineFunction(String, String, FuncType, HostFunction)},
 * {@link #defineFunction(String, String, Class, Object)}, like Wasmtime's {@code Linker::func_wrap})
 * serve every store of the engine: each becomes a {@link Func} of a store when an instance of
 * that store imports it (or {@link #get(Store, String, String)} looks it up), while the generated
 * exit trampoline behind it is made once per definition and engine. Such a host function keeps
 * its per-store state in the store ({@link Store#setData}), reached through
 * {@link Caller#store()}. {@link #instantiatePre} resolves and checks a module's imports once;
 * {@link InstancePre#instantiate} then makes an instance in any store at a small cost. Externs
 * (tables, memories, globals, tags, functions made with {@link Func#wrap}, other instances'
 * exports) and host functions defined with a store belong to one store: instantiating in another
 * fails with a {@link LinkException}.
 *
 * <p>A host function gets its {@link Func} (and the generated exit trampoline behind it) only
 * when it is first looked up or imported: a WASI linker defines some fifty functions of which a
 * program imports a handful, and each trampoline is a class to generate and define in a JVM that
 * is still cold. Its type is checked when it is defined.
 *
 * <p><b>Threads.</b> Define everything first, on one thread; then the linker, and the
 * {@link InstancePre}s made from it, may be used by any number of threads at once to instantiate
 * in their stores. Defining while another thread uses the linker is not supported.
 */
public final class Linker {
    /** Values are {@link Extern}s, {@link Deferred} host functions of one store, or {@link HostDefinition}s of none. */
    private final Map<String, Map<String, Object>> definitions = new HashMap<>();
    /** The engine typed host functions are read with, or {@code null}. */
    private final Engine engine;

    /** An empty linker. */
    public Linker() {
        this.engine = null;
    }

    /**
     * An empty linker for modules and stores of {@code engine} (as Wasmtime's {@code Linker::new}):
     * its trampoline generator checks typed host functions when they are defined. A linker made
     * without an engine serves any engine as well.
     */
    public Linker(Engine engine) {
        this.engine = java.util.Objects.requireNonNull(engine, "engine");
    }

    /** A host function whose {@link Func} is made on first use, once. */
    private static final class Deferred {
        private Supplier<Func> make;
        private Func func;

        Deferred(Supplier<Func> make) {
            this.make = make;
        }

        Func get() {
            if (func == null) {
                func = make.get();
                make = null;
            }
            return func;
        }
    }

    /** Defines {@code module.name} as {@code value}, replacing an earlier definition. */
    public Linker define(String module, String name, Extern value) {
        return put(module, name, Objects.requireNonNull(value, "value"));
    }

    private Linker put(String module, String name, Object value) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        definitions.computeIfAbsent(module, k -> new HashMap<>()).put(name, value);
        return this;
    }

    /**
     * Defines a host function {@code module.name} of type {@code type} for every store: imported by
     * an instance of a store, it is a {@link Func} of that store. The boxed form, for any type; see
     * {@link #defineFunction(String, String, Class, Object)} for typed ones.
     */
    public Linker defineFunction(String module, String name, FuncType type, HostFunction fn) {
        return put(module, name, HostDefinition.boxed(type, fn));
    }

    /**
     * Defines a typed host function {@code module.name} for every store: {@code fn} implements the
     * functional interface {@code shape}, whose method gives the WebAssembly type (see
     * {@link Func#wrap}). Calls from WebAssembly neither box nor allocate. Its state per store,
     * if any, is the store's data ({@code caller.store().data(MyState.class)}).
     * <pre>{@code
     * linker.defineFunction("env", "add", IntBinaryOperator.class, (a, b) -> a + b);
     * linker.defineFunction("env", "log", HostFn.II_V.class, (caller, ptr, len) ->
     *         caller.store().data(Log.class).add(caller.memory().readString(ptr, len)));
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code fn} does not implement {@code shape} or the shape
     *     maps to no WebAssembly type
     */
    public <T> Linker defineFunction(String module, String name, Class<T> shape, T fn) {
        return put(module, name, HostDefinition.typed(engine, shape, fn));
    }

    /**
     * Defines a host function {@code module.name} of type {@code type} in {@code store}, for
     * instances of that store only (see {@link #defineFunction(String, String, FuncType, HostFunction)}
     * for one that serves every store).
     */
    public Linker defineFunction(Store store, String module, String name, FuncType type, HostFunction fn) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        Abi.requireSupported(type);
        return put(module, name, new Deferred(() -> Func.host(store, type, fn)));
    }

    /**
     * Defines a typed host function {@code module.name} in {@code store}, for instances of that
     * store only: {@code fn} implements the functional interface {@code shape}, whose method gives
     * the WebAssembly type (see {@link Func#wrap}). Calls from WebAssembly neither box nor
     * allocate. {@link #defineFunction(String, String, Class, Object)} defines one for every store.
     */
    public <T> Linker defineFunction(Store store, String module, String name, Class<T> shape, T fn) {
        Objects.requireNonNull(store, "store");
        if (!shape.isInstance(fn)) throw new IllegalArgumentException(fn + " does not implement " + shape.getName());
        Abi.requireSupported(store.engine().trampolines().typeOf(shape));
        return put(module, name, new Deferred(() -> Func.wrap(store, shape, fn)));
    }

    /** Defines every export of {@code instance} under the module name {@code module}. */
    public Linker defineInstance(String module, Instance instance) {
        instance.exports().forEach((name, value) -> define(module, name, value));
        return this;
    }

    /**
     * The definition of {@code module.name}, or {@code null}.
     *
     * @throws IllegalStateException if it is a host function defined without a store: it is a
     *     function of a store only when looked up with {@link #get(Store, String, String)}
     */
    public Extern get(String module, String name) {
        Object value = definition(module, name);
        if (value instanceof HostDefinition) {
            throw new IllegalStateException(module + "." + name
                    + " is a host function defined for every store: look it up with get(store, module, name)");
        }
        return value instanceof Deferred d ? d.get() : (Extern) value;
    }

    /**
     * The definition of {@code module.name} as seen from {@code store} (a host function defined
     * for every store is then that store's {@link Func}), or {@code null}.
     */
    public Extern get(Store store, String module, String name) {
        java.util.Objects.requireNonNull(store, "store");
        Object value = definition(module, name);
        if (value instanceof HostDefinition h) return store.hostFunc(h);
        return value instanceof Deferred d ? d.get() : (Extern) value;
    }

    private Object definition(String module, String name) {
        Map<String, Object> m = definitions.get(module);
        return m == null ? null : m.get(name);
    }

    /**
     * Resolves {@code module}'s imports and instantiates it in {@code store}, running its start
     * function. Instantiating one module in many stores: {@link #instantiatePre} once, then
     * {@link InstancePre#instantiate} per store.
     *
     * @throws LinkException if an import is missing, has an incompatible type or belongs to another store
     * @throws IllegalArgumentException if {@code module} was compiled by another engine than {@code store}'s
     * @throws Trap if initialisation or the start function traps
     */
    public Instance instantiate(Store store, Module module) {
        InstancePre.requireSameEngine(module, store);
        return instantiatePre(module).instantiate(store);
    }

    /**
     * Resolves {@code module}'s imports and checks their types once (Wasmtime's
     * {@code Linker::instantiate_pre}): the result instantiates the module in any store of its
     * engine without looking anything up again. It holds the definitions it resolved: later changes
     * to this linker do not affect it.
     *
     * @throws LinkException if an import is missing or has an incompatible type
     */
    public InstancePre instantiatePre(Module module) {
        List<ImportType> imports = module.imports();
        Object[] resolved = new Object[imports.size()];
        for (int i = 0; i < resolved.length; i++) {
            ImportType imp = imports.get(i);
            Object value = definition(imp.module(), imp.name());
            if (value == null) {
                throw new LinkException("unknown import", imp.module() + "." + imp.name());
            }
            if (value instanceof Deferred d) value = d.get();
            ExternType actual = value instanceof HostDefinition h ? h.type : ((Extern) value).type();
            if (!ImportMatcher.matches(imp.type(), actual)) {
                throw new LinkException("incompatible import type",
                        imp.module() + "." + imp.name() + ": expected " + describe(imp.type()) + ", got " + describe(actual));
            }
            resolved[i] = value;
        }
        return new InstancePre(module, imports, resolved);
    }

    static Store storeOf(Extern e) {
        if (e instanceof Func f) return f.store();
        if (e instanceof Table t) return t.store();
        if (e instanceof Memory m) return m.store();
        if (e instanceof Tag t) return t.store();
        return ((Global) e).store();
    }

    static void bind(Extern e, Store store) {
        if (e instanceof Table t) t.bindTo(store);
        else if (e instanceof Memory m) m.bindTo(store);
        else if (e instanceof Global g) g.bindTo(store);
        else if (e instanceof Tag t) t.bindTo(store);
    }

    private static String describe(ExternType t) {
        if (t instanceof FuncType) return t.toString();
        if (t instanceof TableType tt) return "table " + (tt.is64() ? "i64 " : "") + tt.limits() + " " + tt.elementType();
        if (t instanceof MemoryType mt) return "memory " + (mt.is64() ? "i64 " : "") + mt.limits();
        if (t instanceof TagType tt) return "tag " + tt.type();
        GlobalType g = (GlobalType) t;
        return "global " + (g.mutable() ? "(mut " + g.valType() + ")" : g.valType().toString());
    }
}
