package dev.bytelift.runtime;

import java.util.List;
import dev.bytelift.runtime.spi.CompiledModule;

/** A compiled WebAssembly module, ready to be instantiated any number of times. Thread-safe. */
public final class Module {
    private final Engine engine;
    private final CompiledModule compiled;

    Module(Engine engine, CompiledModule compiled) {
        this.engine = engine;
        this.compiled = compiled;
    }

    /** Compiles {@code wasm} with {@code engine}; see {@link Engine#compile}. */
    public static Module compile(Engine engine, byte[] wasm) {
        return engine.compile(wasm);
    }

    /** The engine that compiled this module. */
    public Engine engine() {
        return engine;
    }

    /**
     * The module's name from its {@code name} section, else the name it was compiled with
     * ({@link Engine#compile(byte[], String)}), else {@code null}.
     */
    public String name() {
        return compiled.name();
    }

    /** What the module imports, in import order. */
    public List<ImportType> imports() {
        return compiled.imports();
    }

    /** What the module exports, in export order. */
    public List<ExportType> exports() {
        return compiled.exports();
    }

    /** What compiling this module took and made: functions, code and class sizes, threads, time. */
    public CompileStatistics statistics() {
        return compiled.statistics();
    }

    /**
     * This module's code and what instantiating it needs, as bytes that
     * {@link Engine#deserializeModule(byte[])} loads without generating code again (Wasmtime's
     * {@code Module::serialize}). They hold the module's binary and every generated class file,
     * whether the module was compiled eagerly or lazily (a lazily compiled module's functions are
     * all translated for it, on this thread), and a header naming the format, the Bytelift build
     * and the engine configuration, with a checksum. A module compiled by
     * {@link ModuleCache} serialises without translating again; any other translates its functions
     * once more here, which costs about what compiling it did.
     *
     * @throws ImplementationLimitException if a function of a lazily compiled module, translated
     *     now, exceeds one of Bytelift's limits
     */
    public byte[] serialize() {
        return compiled.serialize();
    }

    /**
     * Instantiates this module in {@code store} for a host runtime that drives it by index (the
     * Chicory adapter, for one): imports come from {@code options}' resolver and are type-checked
     * as a {@link Linker} does; the host runtime may supply the memories the module defines, and
     * apply the data segments and call the start function itself. See
     * {@link dev.bytelift.runtime.spi.InstantiationOptions}.
     *
     * @throws LinkException if an import is missing, has an incompatible type or belongs to another store,
     *     or a supplied memory does not match the module's
     * @throws IllegalArgumentException if this module was compiled by another engine than {@code store}'s
     * @throws Trap if initialisation or the start function traps
     */
    public dev.bytelift.runtime.spi.IndexedInstance instantiate(Store store, dev.bytelift.runtime.spi.InstantiationOptions options) {
        return HostRuntimeLinking.instantiate(this, store, options);
    }

    /** Internal: the compiler's representation. */
    CompiledModule compiled() {
        return compiled;
    }
}
