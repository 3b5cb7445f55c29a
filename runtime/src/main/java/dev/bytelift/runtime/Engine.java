package dev.bytelift.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.bytelift.runtime.spi.ModuleCompiler;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * Compiles modules and holds what compiled code of many stores shares: the configuration and the
 * canonical ids of function types (used by {@code call_indirect} signature checks). Thread-safe.
 */
public final class Engine {
    private final EngineConfig config;
    private final ModuleCompiler compiler;
    private final Trampolines trampolines;
    private final ConcurrentHashMap<FuncType, Integer> typeIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextTypeId = new AtomicInteger();
    /** The counter compiled code checks: the epoch, or in an interruptible engine the epochs and the ticker's advances together. */
    private final dev.bytelift.runtime.internal.EpochCounter epoch = new dev.bytelift.runtime.internal.EpochCounter();
    /** The epoch of an interruptible engine, whose {@link #epoch} the ticker also advances. */
    private final java.util.concurrent.atomic.AtomicLong userEpoch = new java.util.concurrent.atomic.AtomicLong();

    /** An engine with the {@linkplain EngineConfig#defaults() default configuration}. */
    public Engine() {
        this(EngineConfig.defaults());
    }

    /**
     * An engine with {@code config}.
     *
     * <p>The compiler ({@code bytelift-compiler}) is needed to compile modules, not to load
     * ahead-of-time ones ({@link #loadModule(java.nio.file.Path)}).
     */
    public Engine(EngineConfig config) {
        this.config = config;
        // without the compiler an engine still loads ahead-of-time modules (loadModule); compiling
        // then fails with the message of compiler(). Without the generated trampolines (and ASM),
        // host calls go through method handles (HandleTrampolines)
        this.compiler = Providers.find(ModuleCompiler.class, Providers.COMPILER).orElse(null);
        this.trampolines = Providers.find(Trampolines.class, Providers.TRAMPOLINES)
                .orElseGet(dev.bytelift.runtime.internal.HandleTrampolines::new);
        this.trampolines.configure(config);
    }

    /** The compiler; an engine made without one on the class path fails here, where it needs it. */
    private ModuleCompiler compiler() {
        if (compiler == null) {
            throw new IllegalStateException("no Bytelift compiler on the class path (add dev.bytelift:bytelift-compiler; "
                    + "an application without it can load ahead-of-time modules only: Engine.loadModule)");
        }
        return compiler;
    }

    /**
     * Loads the ahead-of-time compiled module of a jar that {@code bytelift compile app.wasm -o
     * app.jar} (or {@link Module#writeAheadOfTimeJar}) wrote: its classes are loaded as ordinary
     * classes by a new class loader over the jar, and verified; nothing is compiled, and neither the
     * compiler nor a bytecode library needs to be on the class path. The jar must come from the same
     * build of the Bytelift runtime and an engine whose configuration generates the same code (as
     * for {@link #deserializeModule(byte[])}); its function types get the ids the compiling engine
     * gave them, so load it into a new engine or one whose other modules agree.
     *
     * <p>Trust: as for {@link #deserializeModule(byte[])}, the JVM verifies every class, but a
     * crafted jar can run any code a class can: load only jars you would run (docs/guide.md).
     *
     * @throws DeserializeException if the jar holds no such module or more than one, or it is
     *     damaged, or is for another runtime build or configuration, or its type ids conflict
     * @throws java.io.IOException if the jar cannot be read
     */
    public Module loadModule(java.nio.file.Path jar) throws java.io.IOException {
        return new Module(this, dev.bytelift.runtime.internal.aot.AotLoader.load(this, jar, null));
    }

    /**
     * Loads ahead-of-time module {@code name} whose classes and metadata
     * ({@code META-INF/bytelift/aot/NAME.blaot}) {@code loader} finds: the classes the
     * {@code bytelift-maven-plugin} writes to {@code target/classes}, for instance
     * ({@code engine.loadModule(App.class.getClassLoader(), "app")}). As {@link #loadModule(java.nio.file.Path)}.
     *
     * @throws DeserializeException as {@link #loadModule(java.nio.file.Path)}
     */
    public Module loadModule(ClassLoader loader, String name) {
        return new Module(this, dev.bytelift.runtime.internal.aot.AotLoader.load(this, loader, name));
    }

    /** Internal: this engine's trampoline generator (and cache of generated trampolines). */
    Trampolines trampolines() {
        return trampolines;
    }

    /** This engine's configuration. */
    public EngineConfig config() {
        return config;
    }

    /**
     * Decodes, validates and compiles a module, in the binary format or, as Wasmtime's
     * {@code Module::new} does, in the text format: bytes whose first character other than white
     * space is {@code (} or {@code ;} are read as UTF-8 text (see {@link #compileText}); a binary
     * module begins with a zero byte.
     *
     * @throws MalformedModuleException if the bytes are not a well-formed module
     *     ({@link TextFormatException} if they are text that does not parse)
     * @throws InvalidModuleException if the module does not validate
     */
    public Module compile(byte[] wasm) {
        return compile(wasm, null);
    }

    /**
     * As {@link #compile(byte[])}, naming the module {@code name} when its {@code name} section
     * gives it none: {@link Module#name()} and trap backtraces show {@code name} instead of
     * {@code <unknown>}. The {@code bytelift} command line names a module by its file name.
     *
     * @param name the module's name if it has none of its own, or {@code null}
     */
    public Module compile(byte[] wasm, String name) {
        if (looksLikeText(wasm)) return compileText(wasm, name != null ? name : "<text>", name);
        return new Module(this, compiler().compile(this, wasm, name));
    }

    /**
     * Compiles a module in the WebAssembly text format ({@code .wat}): one {@code (module ...)}, or
     * its fields alone. {@code sourceName} names the text in errors, which read
     * {@code sourceName:line:column: message}.
     *
     * @throws TextFormatException if the text does not parse
     * @throws InvalidModuleException if the module does not validate (its message then starts with
     *     the text position of the failing instruction, {@code sourceName:line:column:}, when it is
     *     in a function body)
     */
    public Module compileText(String text, String sourceName) {
        return compileText(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), sourceName);
    }

    /** As {@link #compileText(String, String)}, from UTF-8 bytes (invalid UTF-8 is a {@link TextFormatException}). */
    public Module compileText(byte[] utf8, String sourceName) {
        return compileText(utf8, sourceName, null);
    }

    /**
     * As {@link #compileText(byte[], String)}, naming the module {@code name} when it has no name of
     * its own ({@code (module $name ...)}); see {@link #compile(byte[], String)}.
     */
    public Module compileText(byte[] utf8, String sourceName, String name) {
        return new Module(this, compiler().compileText(this, utf8, sourceName, name));
    }

    /**
     * Whether {@code bytes} are a text module: the first byte that is not white space is {@code (}
     * or {@code ;} (a module, a field or a comment), or there is only white space (an empty
     * module). Binary modules start with {@code \0asm}; the spec's malformed headers ({@code asm},
     * {@code \1}, an empty file) all stay binary.
     */
    public static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
            return b == '(' || b == ';';
        }
        return bytes.length > 0;
    }

    /**
     * Advances the epoch by one; callable from any thread. Code running in any store of this
     * engine with epoch interruption on reaches its deadline when the epoch does.
     */
    public void incrementEpoch() {
        // interruptible: the checked counter moves too, so that running code looks at once
        if (config.interruptible()) userEpoch.incrementAndGet();
        epoch.increment();
    }

    /** The current epoch. */
    public long currentEpoch() {
        return config.interruptible() ? userEpoch.get() : epoch.value;
    }

    /** Internal: the value of the counter compiled code checks. */
    long checkedEpoch() {
        return epoch.value;
    }

    /** Internal: the counter generated code reads. */
    dev.bytelift.runtime.internal.EpochCounter epochCounter() {
        return epoch;
    }

    /** The engine-wide id of a function type; equal types get equal ids. */
    public int typeId(FuncType type) {
        Integer id = typeIds.get(type);
        if (id != null) return id;
        synchronized (typeIds) { // not while a deserialised module reserves its ids
            return typeIds.computeIfAbsent(type, t -> nextTypeId.getAndIncrement());
        }
    }

    /**
     * Loads a module from the bytes of {@link Module#serialize()}: decodes the module again but
     * generates no code, which takes a fraction of the time compiling does. The bytes must come from
     * the same Bytelift build and an engine whose configuration generates the same code (features,
     * fuel and its operator costs, epochs, stack limit, splitting); how the module was compiled
     * (lazily, on how many threads) does not matter. The classes are defined and verified by the
     * JVM here, as when compiling eagerly ({@link #deserializeModule(java.nio.file.Path)} defines
     * them when first used).
     *
     * <p>The code has this engine's function-type ids built in (the ids {@code call_indirect}
     * compares): the module deserialises into a new engine, or one whose modules gave the same
     * function types the same ids (for example, modules deserialised in the order they were
     * compiled in one engine); otherwise it fails with a {@link DeserializeException} saying so
     * ({@link ModuleCache} then compiles).
     *
     * <p><b>What is trusted.</b> A checksum catches truncated and corrupted bytes, not deliberate
     * changes. Deserialising runs no code, and the JVM verifies every class it defines, so crafted
     * bytes cannot break the JVM's memory safety or escape what WebAssembly code may reach (the
     * store's imports, its memories and tables); but they may hold any code at all, not the
     * module's: deserialise only bytes you would compile (docs/guide.md, "Serialised modules").
     *
     * @throws DeserializeException if the bytes are not a serialised module, are truncated or
     *     corrupted, come from another Bytelift build or configuration, or do not fit this engine
     */
    public Module deserializeModule(byte[] serialized) {
        return new Module(this, compiler().deserialize(this, serialized));
    }

    /**
     * As {@link #deserializeModule(byte[])}, from a file, which is mapped into memory rather than
     * read: the module's function classes are read from it, and defined and verified by the JVM,
     * when they are first used (as the JVM loads class-path code), so a large module loads in
     * little more time than its checksum and its WebAssembly binary take to check and decode, and
     * its class files take no heap. Replace the file by writing another and renaming it into
     * place (as {@link ModuleCache} does), never by rewriting it while a module read from it is in
     * use: a class that can no longer be read fails the call that reaches it with a
     * {@link WasmException}.
     *
     * @throws java.io.IOException if the file cannot be read
     */
    public Module deserializeModule(java.nio.file.Path file) throws java.io.IOException {
        return new Module(this, compiler().deserialize(this, file));
    }

    /** Internal: as {@link #compile(byte[], String)}, keeping the class files for one {@link Module#serialize()}. */
    Module compileForSerialization(byte[] wasm, String name) {
        if (looksLikeText(wasm)) return compileText(wasm, name != null ? name : "<text>", name);
        return new Module(this, compiler().compile(this, wasm, name, true));
    }

    /** Internal: what tells apart engines that generate different code ({@link ModuleCompiler#codeKey}). */
    String codeKey() {
        return compiler().codeKey(this);
    }

    /**
     * Internal: gives {@code types.get(i)} the id {@code ids[i]}, for a deserialised module whose
     * code compares with them; false (and nothing changed) if this engine gave any of those types
     * or ids to others already.
     */
    boolean reserveTypeIds(java.util.List<FuncType> types, int[] ids) {
        synchronized (typeIds) {
            java.util.Map<Integer, FuncType> byId = new java.util.HashMap<>();
            for (var e : typeIds.entrySet()) byId.put(e.getValue(), e.getKey());
            int max = -1;
            for (int i = 0; i < types.size(); i++) {
                FuncType t = types.get(i);
                if (ids[i] < 0) return false;
                Integer have = typeIds.get(t);
                if (have != null && have != ids[i]) return false;
                FuncType owner = byId.putIfAbsent(ids[i], t);
                if (owner != null && !owner.equals(t)) return false;
                max = Math.max(max, ids[i]);
            }
            for (int i = 0; i < types.size(); i++) {
                Integer have = typeIds.putIfAbsent(types.get(i), ids[i]);
                if (have != null && have != ids[i]) throw new IllegalStateException("a type with two ids"); // checked above
            }
            int next = max + 1;
            nextTypeId.updateAndGet(n -> Math.max(n, next));
            return true;
        }
    }
}
