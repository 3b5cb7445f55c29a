package dev.bytelift.chicory;

import java.util.Objects;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * Bytelift as the execution engine of Chicory instances. The switch is one call on the builder:
 * <pre>{@code
 * WasmModule module = ByteliftChicory.parse(wasmBytes);          // Chicory's parser, bytes kept
 * Instance instance = ByteliftChicory.configure(Instance.builder(module))
 *         .withImportValues(imports)                              // as before
 *         .build();
 * }</pre>
 * Chicory links the imports, owns the instance and runs its initialisation; Bytelift compiles
 * the module (once per {@link WasmModule}) and runs every call. Host functions, {@code ImportValues},
 * Chicory's WASI, the instance's {@code Memory} and exports work as on Chicory's own machines;
 * {@code Thread.interrupt()} stops running code with a {@code ChicoryInterruptedException}.
 * See docs/chicory.md for what is not supported yet.
 *
 * <p>An object of this class holds the Bytelift {@link Engine} (its configuration: fuel, epochs,
 * features) and the compiled modules; {@link #configure} uses a default one, whose engine is
 * {@linkplain EngineConfig.Builder#interruptible interruptible}. Thread-safe.
 */
public final class ByteliftChicory {
    /** The binaries of the modules {@link #parse} parsed: Chicory's module does not keep its own. */
    private static final WeakIdentityMap<WasmModule, byte[]> BINARIES = new WeakIdentityMap<>();
    private static volatile ByteliftChicory defaultRuntime;

    private final Engine engine;
    /** The store every instance shares, or null for a store per instance. */
    private final Store sharedStore;
    private final WeakIdentityMap<WasmModule, Module> compiled = new WeakIdentityMap<>();

    private ByteliftChicory(Engine engine, Store sharedStore) {
        this.engine = engine;
        this.sharedStore = sharedStore;
    }

    /**
     * Runs instances on {@code engine}, each in a store of its own. Make the engine
     * {@linkplain EngineConfig.Builder#interruptible interruptible} for {@code Thread.interrupt()}
     * to stop running code, as Chicory's machines do.
     */
    public static ByteliftChicory withEngine(Engine engine) {
        return new ByteliftChicory(Objects.requireNonNull(engine, "engine"), null);
    }

    /**
     * Runs all instances in one store of this runtime's engine, so that they may share
     * memories and call each other's functions directly (as modules linked together do). The store
     * runs one call at a time: use this only for instances used by one thread at a time.
     */
    public ByteliftChicory sharingOneStore() {
        return new ByteliftChicory(engine, new Store(engine));
    }

    /** The default runtime: an interruptible engine with Bytelift's defaults, a store per instance. */
    public static ByteliftChicory defaults() {
        ByteliftChicory d = defaultRuntime;
        if (d == null) {
            synchronized (ByteliftChicory.class) {
                d = defaultRuntime;
                if (d == null) {
                    defaultRuntime = d = withEngine(new Engine(EngineConfig.builder().interruptible(true).build()));
                }
            }
        }
        return d;
    }

    /** {@link #install} of the {@linkplain #defaults() default runtime}. */
    public static Instance.Builder configure(Instance.Builder builder) {
        return defaults().install(builder);
    }

    /**
     * Sets {@code builder} up to run on Bytelift: the machine factory, a memory factory making
     * {@link ByteliftMemory}s (which the machine needs: its code reads the memory's array), and
     * global and table factories whose objects are Chicory's views of Bytelift's globals and tables
     * (so that the host, and instances importing them, see what the guest stores).
     */
    public Instance.Builder install(Instance.Builder builder) {
        return builder.withMemoryFactory(ByteliftMemory::new).withMachineFactory(machineFactory(null))
                .withGlobalFactory(ByteliftGlobal::new).withTableFactory(ByteliftMachine::table);
    }

    /** A machine factory of this runtime; {@code wasm} is the module's binary, or null to use {@link #parse}'s. */
    java.util.function.Function<Instance, com.dylibso.chicory.runtime.Machine> machineFactory(byte[] wasm) {
        return instance -> new ByteliftMachine(this, instance, wasm);
    }

    /**
     * Parses {@code wasm} with Chicory's parser and remembers the binary for the module, which
     * Bytelift compiles (Chicory's {@link WasmModule} does not keep it).
     */
    public static WasmModule parse(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        BINARIES.putIfAbsent(module, wasm.clone());
        return module;
    }

    /** The engine this runtime compiles with. */
    public Engine engine() {
        return engine;
    }

    /** The store of a new instance. */
    Store newStore() {
        return sharedStore != null ? sharedStore : new Store(engine);
    }

    /** {@code module} compiled by this runtime's engine (once), from {@code wasm} or the binary {@link #parse} kept. */
    Module compile(WasmModule module, byte[] wasm) {
        Module m = compiled.get(module);
        if (m != null) return m;
        byte[] bytes = wasm != null ? wasm : BINARIES.get(module);
        if (bytes == null) {
            throw new ChicoryException("Bytelift compiles a module from its binary, which Chicory's WasmModule does not keep:"
                    + " parse it with ByteliftChicory.parse(bytes), or use ByteliftMachine.factory(bytes)");
        }
        try {
            m = engine.compile(bytes);
        } catch (dev.bytelift.runtime.MalformedModuleException e) {
            throw new com.dylibso.chicory.wasm.MalformedException(e.getMessage(), e);
        } catch (CompileException e) {
            throw new com.dylibso.chicory.wasm.InvalidException(e.getMessage(), e);
        }
        return compiled.putIfAbsent(module, m);
    }
}
