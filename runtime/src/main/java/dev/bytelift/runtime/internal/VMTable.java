package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Table;

/**
 * ABI: the state of a table that generated code reads through {@link TableOps} (Wasmtime's
 * {@code VMTableDefinition}). One per {@link Table}, shared by every instance that defines or
 * imports it; the public API type keeps it private.
 */
public final class VMTable {
    /** The elements; replaced (never resized in place) by {@link Table#grow}. */
    public Object[] elements;
    /** The table this is the state of. */
    public final Table api;

    public VMTable(Table api, Object[] elements) {
        this.api = api;
        this.elements = elements;
    }
}
