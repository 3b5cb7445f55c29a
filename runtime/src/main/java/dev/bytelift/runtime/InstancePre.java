package dev.bytelift.runtime;

import java.util.List;

/**
 * A module whose imports a {@link Linker} has resolved and type-checked
 * ({@link Linker#instantiatePre}), ready to be instantiated in any store of its engine, as
 * Wasmtime's {@code InstancePre}: {@link #instantiate} looks nothing up and checks only what
 * depends on the store (that imported tables, memories, globals, tags and store-bound functions
 * belong to it). Immutable and thread-safe: threads may instantiate in their own stores at once.
 * <pre>{@code
 * Linker linker = new Linker(engine);
 * Wasi.addToLinker(linker);
 * InstancePre pre = linker.instantiatePre(module);     // once
 * for (...) {
 *     Store store = new Store(engine);
 *     Wasi wasi = Wasi.builder().args("app").build();
 *     wasi.attachTo(store);
 *     int exit = wasi.start(pre.instantiate(store));   // per store: a few microseconds
 * }
 * }</pre>
 */
public final class InstancePre {
    private final Module module;
    private final List<ImportType> imports;
    /** Per import: an {@link Extern} (of one store or unbound) or a {@link HostDefinition} (of every store). */
    private final Object[] resolved;
    /** Whether some import is an {@link Extern}, whose store must be checked and bound. */
    private final boolean hasExterns;

    InstancePre(Module module, List<ImportType> imports, Object[] resolved) {
        this.module = module;
        this.imports = imports;
        this.resolved = resolved;
        boolean externs = false;
        for (Object r : resolved) externs |= r instanceof Extern;
        this.hasExterns = externs;
    }

    /** The module this instantiates. */
    public Module module() {
        return module;
    }

    /**
     * Instantiates the module in {@code store}, running its start function. Host functions defined
     * for every store become functions of {@code store} (one per definition and store, shared by
     * its instances).
     *
     * @throws LinkException if an import belongs to another store
     * @throws IllegalArgumentException if the module was compiled by another engine than {@code store}'s
     * @throws Trap if initialisation or the start function traps
     */
    public Instance instantiate(Store store) {
        requireSameEngine(module, store);
        Extern[] externs = new Extern[resolved.length];
        for (int i = 0; i < externs.length; i++) {
            Object r = resolved[i];
            externs[i] = r instanceof HostDefinition h ? store.hostFunc(h) : (Extern) r;
        }
        if (hasExterns) {
            // every import must be of this store: checked (and unbound ones bound) only once all are
            for (int i = 0; i < externs.length; i++) {
                Store owner = Linker.storeOf(externs[i]);
                if (owner != null && owner != store) {
                    ImportType imp = imports.get(i);
                    throw new LinkException("incompatible import type", imp.module() + "." + imp.name() + ": " + externs[i]
                            + " belongs to a different store" + (owner.engine() != store.engine() ? " (and engine)" : ""));
                }
            }
            for (Extern e : externs) Linker.bind(e, store);
        }
        return module.compiled().instantiate(module, store, externs);
    }

    static void requireSameEngine(Module module, Store store) {
        if (module.engine() != store.engine()) {
            throw new IllegalArgumentException("module and store belong to different engines");
        }
    }

    @Override
    public String toString() {
        return "InstancePre of " + (module.name() == null ? "a module" : module.name()) + " (" + resolved.length + " imports)";
    }
}
