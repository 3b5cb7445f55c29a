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

    /**
     * This module compiled ahead of time: the files of a jar (or of a class folder) from which
     * {@link Engine#loadModule(ClassLoader, String)} loads it as ordinary classes, with the runtime
     * only. Keys are paths ({@code dev/bytelift/generated/aot/...class} and the metadata
     * {@code META-INF/bytelift/aot/NAME.blaot}); the classes are named after {@code name} and a
     * digest of the module and configuration, so modules of different names or contents never
     * share a class name. Like {@link #serialize()}, this translates the module's functions again
     * unless {@link ModuleCache} kept them.
     *
     * @param name the module's name on the class path: letters, digits, {@code _}, {@code -} and {@code .}
     * @throws IllegalArgumentException if {@code name} is not such a name
     * @throws UnsupportedOperationException if this module was not compiled by this process's
     *     compiler (a loaded ahead-of-time module, for instance)
     */
    public java.util.Map<String, byte[]> aheadOfTime(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a module name for the class path: " + name);
        }
        return compiled.aheadOfTime(name);
    }

    /**
     * Writes {@link #aheadOfTime(String)} as jar {@code jar}, which
     * {@link Engine#loadModule(java.nio.file.Path)} loads (the {@code bytelift compile -o app.jar}
     * command). The file is written under a temporary name and renamed.
     *
     * @throws java.io.IOException if the jar cannot be written
     */
    public void writeAheadOfTimeJar(java.nio.file.Path jar, String name) throws java.io.IOException {
        java.util.Map<String, byte[]> files = aheadOfTime(name);
        java.nio.file.Path dir = jar.toAbsolutePath().getParent();
        // a name of its own, created with the process's default permissions (a temporary file's are the owner's only)
        java.nio.file.Path tmp = dir.resolve(jar.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest();
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Created-By", "Bytelift");
            try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE), manifest)) {
                java.util.Set<String> dirs = new java.util.HashSet<>();
                for (var e : files.entrySet()) {
                    String path = e.getKey();
                    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                        String d = path.substring(0, i + 1);
                        if (!d.equals("META-INF/") && dirs.add(d)) out.putNextEntry(new java.util.jar.JarEntry(d));
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(path));
                    out.write(e.getValue());
                }
            }
            java.nio.file.Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Internal: the compiler's representation. */
    CompiledModule compiled() {
        return compiled;
    }
}
