package dev.bytelift.runtime;

import java.util.ServiceLoader;
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
    /** The counter compiled code checks: the epoch, or in an interruptible engine the ticks and epochs together. */
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
     * @throws IllegalStateException if the compiler or the trampolines are not on the class or module path
     */
    public Engine(EngineConfig config) {
        this.config = config;
        this.compiler = ServiceLoader.load(ModuleCompiler.class, Engine.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no Bytelift compiler on the class path (add dev.bytelift:bytelift-compiler)"));
        this.trampolines = ServiceLoader.load(Trampolines.class, Engine.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no Bytelift trampolines on the class path (add dev.bytelift:bytelift-trampolines)"));
        this.trampolines.configure(config);
        if (config.interruptible()) InterruptTicker.register(this);
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
        return new Module(this, compiler.compile(this, wasm, name));
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
        return new Module(this, compiler.compileText(this, utf8, sourceName, name));
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
        return typeIds.computeIfAbsent(type, t -> nextTypeId.getAndIncrement());
    }
}
