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
 * <p>A host function defined with {@code defineFunction} gets its {@link Func} (and the generated
 * exit trampoline behind it) only when it is first looked up or imported: a WASI linker defines
 * some fifty functions of which a program imports a handful, and each trampoline is a class to
 * generate and define in a JVM that is still cold. Its type is checked when it is defined.
 */
public final class Linker {
    /** Values are {@link Extern}s or {@link Deferred} host functions. */
    private final Map<String, Map<String, Object>> definitions = new HashMap<>();

    /** An empty linker. */
    public Linker() {}

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

    /** Defines a host function {@code module.name} of type {@code type} in {@code store}. */
    public Linker defineFunction(Store store, String module, String name, FuncType type, HostFunction fn) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        Abi.requireSupported(type);
        return put(module, name, new Deferred(() -> Func.host(store, type, fn)));
    }

    /**
     * Defines a typed host function {@code module.name} in {@code store}: {@code fn} implements
     * the functional interface {@code shape}, whose method gives the WebAssembly type (see
     * {@link Func#wrap}). Calls from WebAssembly neither box nor allocate.
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

    /** The definition of {@code module.name}, or {@code null}. */
    public Extern get(String module, String name) {
        Map<String, Object> m = definitions.get(module);
        Object value = m == null ? null : m.get(name);
        return value instanceof Deferred d ? d.get() : (Extern) value;
    }

    /**
     * Resolves {@code module}'s imports and instantiates it in {@code store}, running its start
     * function.
     *
     * @throws LinkException if an import is missing, has an incompatible type or belongs to another store
     * @throws IllegalArgumentException if {@code module} was compiled by another engine than {@code store}'s
     * @throws Trap if initialisation or the start function traps
     */
    public Instance instantiate(Store store, Module module) {
        if (module.engine() != store.engine()) {
            throw new IllegalArgumentException("module and store belong to different engines");
        }
        List<ImportType> imports = module.imports();
        Extern[] resolved = new Extern[imports.size()];
        for (int i = 0; i < resolved.length; i++) {
            ImportType imp = imports.get(i);
            Extern e = get(imp.module(), imp.name());
            if (e == null) {
                throw new LinkException("unknown import", imp.module() + "." + imp.name());
            }
            if (!ImportMatcher.matches(imp.type(), e)) {
                throw new LinkException("incompatible import type",
                        imp.module() + "." + imp.name() + ": expected " + describe(imp.type()) + ", got " + describe(e.type()));
            }
            resolved[i] = e;
        }
        // every import must be of this store: checked (and unbound ones bound) only once all matched
        for (int i = 0; i < resolved.length; i++) {
            ImportType imp = imports.get(i);
            Extern e = resolved[i];
            Store owner = storeOf(e);
            if (owner != null && owner != store) {
                throw new LinkException("incompatible import type", imp.module() + "." + imp.name() + ": " + e
                        + " belongs to a different store" + (owner.engine() != store.engine() ? " (and engine)" : ""));
            }
        }
        for (Extern e : resolved) bind(e, store);
        return module.compiled().instantiate(module, store, resolved);
    }

    private static Store storeOf(Extern e) {
        if (e instanceof Func f) return f.store();
        if (e instanceof Table t) return t.store();
        if (e instanceof Memory m) return m.store();
        if (e instanceof Tag t) return t.store();
        return ((Global) e).store();
    }

    private static void bind(Extern e, Store store) {
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
