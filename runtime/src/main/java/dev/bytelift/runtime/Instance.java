package dev.bytelift.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instantiated module: its exports, by name. */
public final class Instance {
    private final Module module;
    private final Store store;
    private final Map<String, Extern> exports;

    /** Created by the runtime when a module is instantiated. */
    Instance(Module module, Store store, Map<String, Extern> exports) {
        this.module = module;
        this.store = store;
        this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    /** The module this is an instance of. */
    public Module module() {
        return module;
    }

    /** The store this instance lives in. */
    public Store store() {
        return store;
    }

    /** All exports in the module's export order. */
    public Map<String, Extern> exports() {
        return exports;
    }

    /** The export named {@code name}, or {@code null}. */
    public Extern getExport(String name) {
        return exports.get(name);
    }

    /** The exported function {@code name}; throws if there is no such function export. */
    public Func getFunc(String name) {
        return get(name, Func.class);
    }

    /** The exported memory {@code name}; throws if there is no such memory export. */
    public Memory getMemory(String name) {
        return get(name, Memory.class);
    }

    /** The exported table {@code name}; throws if there is no such table export. */
    public Table getTable(String name) {
        return get(name, Table.class);
    }

    /** The exported global {@code name}; throws if there is no such global export. */
    public Global getGlobal(String name) {
        return get(name, Global.class);
    }

    /** The exported tag {@code name}; throws if there is no such tag export. */
    public Tag getTag(String name) {
        return get(name, Tag.class);
    }

    private <T extends Extern> T get(String name, Class<T> kind) {
        Extern e = exports.get(name);
        if (kind.isInstance(e)) return kind.cast(e);
        throw new WasmException("no " + kind.getSimpleName().toLowerCase() + " export named \"" + name + "\""
                + (e != null ? " (it is a " + e.type().kind() + ")" : ""));
    }
}
