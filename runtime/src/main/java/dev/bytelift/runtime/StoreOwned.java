package dev.bytelift.runtime;

/**
 * The store a table, memory or global belongs to. One made by instantiation belongs to its store
 * from the start; one the embedder makes with a constructor belongs to the first store it is used
 * with (imported through a {@link Linker}, or given a function of that store). Using it with
 * another store afterwards is an error, as in Wasmtime: its functions would run with the other
 * store's limits and scratch space, and a {@code call_indirect} check compares type ids of one
 * engine only.
 */
final class StoreOwned {
    private Store store;

    StoreOwned(Store store) {
        this.store = store;
    }

    Store store() {
        return store;
    }

    /** Binds to {@code s} if not yet bound; throws if bound to another store. */
    void bind(Store s, Object what) {
        if (store == null) {
            store = s;
        } else if (store != s) {
            throw new IllegalArgumentException(what + " belongs to a different store");
        }
    }

    /** Checks that a function stored into {@code what} belongs to its store (binding it to the function's if unbound). */
    void acceptFunc(Object value, Object what) {
        if (value instanceof Func f && f.store() != store) {
            if (store == null) store = f.store();
            else throw new IllegalArgumentException(f + " belongs to a different store than " + what);
        }
    }
}
