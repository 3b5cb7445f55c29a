package dev.bytelift.chicory;

import java.util.List;
import java.util.function.Function;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * A Chicory {@link Machine} that runs a Chicory {@link Instance} on Bytelift's code. It is made by
 * the machine factory ({@link #factory()}) when Chicory builds the instance: it compiles the module
 * (once per module and engine), and instantiates it with the Chicory instance's imports and memory,
 * leaving the data segments and the start function to Chicory. Each instance has a Bytelift
 * {@link Store} of its own (unless its runtime {@linkplain ByteliftChicory#sharingOneStore shares
 * one}): {@link #store()} gives Bytelift's fuel and epoch controls, and a trap's cause (a
 * {@link Trap}) its WebAssembly backtrace.
 */
public final class ByteliftMachine implements Machine {
    /** The machine whose Chicory instance is being constructed on this thread (its tables come next). */
    private static final ThreadLocal<ByteliftMachine> CONSTRUCTING = new ThreadLocal<>();
    /** The machine of each Bytelift instance's functions ({@link Func#owner}), for references Chicory encodes by index. */
    private static final WeakIdentityMap<Object, java.lang.ref.WeakReference<ByteliftMachine>> OWNERS = new WeakIdentityMap<>();

    private final Instance chicory;
    private final Store store;
    private final IndexedInstance indexed;
    /** The first defined global and table, and how many of each Chicory's views have bound to so far. */
    private final int importedGlobals;
    private final int importedTables;
    private int boundGlobals;
    private int boundTables;
    /** Mutable globals imported from Chicory's own global instances, copied across at every crossing. */
    private GlobalMirror[] mirrors = new GlobalMirror[0];

    ByteliftMachine(ByteliftChicory runtime, Instance chicory, byte[] wasm) {
        this.chicory = chicory;
        Module module = runtime.compile(chicory.module(), wasm);
        this.store = runtime.newStore();
        ImportValues imports = chicory.imports();
        List<ImportType> types = module.imports();
        int[] nth = ChicoryImports.ordinals(types);
        InstantiationOptions options = InstantiationOptions.builder()
                .imports((index, type) -> ChicoryImports.resolve(this, imports, type, nth[index]))
                .definedMemories(this::definedMemory)
                .applyDataSegments(false) // Chicory writes them, through the ByteliftMemory
                .runStart(false) // Chicory calls it, through this machine
                .build();
        try {
            this.indexed = module.instantiate(store, options);
        } catch (LinkException e) {
            throw new UnlinkableException(e.getMessage(), e);
        } catch (Trap t) {
            throw new UninstantiableException(ChicoryTraps.map(t).getMessage(), t);
        }
        int g = 0, tb = 0;
        for (ImportType it : types) {
            if (it.type() instanceof dev.bytelift.runtime.GlobalType) g++;
            else if (it.type() instanceof dev.bytelift.runtime.TableType) tb++;
        }
        this.importedGlobals = g;
        this.importedTables = tb;
        if (indexed.functionCount() > 0) {
            Func last = indexed.function(indexed.functionCount() - 1);
            // weakly: the machine holds the owner, which would otherwise keep itself in the map
            if (last.owner != null) OWNERS.putIfAbsent(last.owner, new java.lang.ref.WeakReference<>(this));
        }
        if (indexed.tableCount() > importedTables) CONSTRUCTING.set(this);
    }

    /** Chicory's view of the next table this instance defines (Chicory makes them in order, right after the machine). */
    static TableInstance table(com.dylibso.chicory.wasm.types.Table table, int initValue) {
        ByteliftMachine m = CONSTRUCTING.get();
        if (m != null && m.importedTables + m.boundTables < m.indexed.tableCount()) {
            int index = m.importedTables + m.boundTables++;
            if (index + 1 == m.indexed.tableCount()) CONSTRUCTING.remove(); // the last one
            return new ByteliftTable(table, m.indexed.table(index), m);
        }
        return new TableInstance(table, initValue);
    }

    /** The next global this instance defines, for Chicory's view of it ({@link ByteliftGlobal}), or null. */
    dev.bytelift.runtime.Global nextDefinedGlobal() {
        int i = importedGlobals + boundGlobals;
        if (i >= indexed.globalCount()) return null;
        boundGlobals++;
        return indexed.global(i);
    }

    /** Keeps {@code m}'s two globals in step from now on. */
    void mirror(GlobalMirror m) {
        mirrors = java.util.Arrays.copyOf(mirrors, mirrors.length + 1);
        mirrors[mirrors.length - 1] = m;
    }

    /** The machine of the instance that defines {@code f}, else {@code fallback}. */
    static ByteliftMachine ownerOf(Func f, ByteliftMachine fallback) {
        var ref = f.owner == null ? null : OWNERS.get(f.owner);
        ByteliftMachine m = ref == null ? null : ref.get();
        return m != null ? m : fallback;
    }

    /** The machine factory of the {@linkplain ByteliftChicory#defaults() default runtime}, for modules {@link ByteliftChicory#parse} parsed. */
    public static Function<Instance, Machine> factory() {
        return ByteliftChicory.defaults().machineFactory(null);
    }

    /** The machine factory of the default runtime for the module of binary {@code wasm} (however it was parsed). */
    public static Function<Instance, Machine> factory(byte[] wasm) {
        return ByteliftChicory.defaults().machineFactory(wasm.clone());
    }

    /**
     * The Bytelift machine of {@code instance}.
     *
     * @throws IllegalArgumentException if the instance does not run on Bytelift
     */
    public static ByteliftMachine of(Instance instance) {
        if (instance.getMachine() instanceof ByteliftMachine m) return m;
        throw new IllegalArgumentException("the instance does not run on Bytelift's machine");
    }

    /** The Bytelift store the instance runs in: fuel ({@link Store#setFuel}), epoch deadlines, limits. */
    public Store store() {
        return store;
    }

    /** The Bytelift instance, by index. */
    public IndexedInstance bytelift() {
        return indexed;
    }

    @Override
    public long[] call(int funcId, long[] args) throws ChicoryException {
        if (funcId < 0 || funcId >= indexed.functionCount()) throw new InvalidException("unknown function " + funcId);
        Func f = indexed.function(funcId);
        FuncType type = f.type();
        Object[] results;
        for (GlobalMirror m : mirrors) m.pull();
        try {
            results = f.call(Values.toObjects(args, type, true, this));
        } catch (Trap t) {
            throw ChicoryTraps.map(t);
        } finally {
            for (GlobalMirror m : mirrors) m.push();
        }
        return type.resultCount() == 0 ? null : Values.toLongs(results, type, false, this);
    }

    /** The Chicory instance this machine runs. */
    Instance chicory() {
        return chicory;
    }

    /** Function {@code index} of this instance, for a function reference Chicory passes. */
    Func function(long index) {
        if (index < 0 || index >= indexed.functionCount()) throw new InvalidException("unknown function " + index);
        return indexed.function((int) index);
    }

    /** The index in this instance of a function reference, as Chicory encodes references. */
    long indexOf(Func f) {
        int i = f.index;
        if (i >= 0 && i < indexed.functionCount() && indexed.function(i) == f) return i;
        for (int k = 0; k < indexed.functionCount(); k++) {
            if (indexed.function(k) == f) return k;
        }
        throw new ChicoryException("a function reference of another instance cannot pass to Chicory: " + f);
    }

    private dev.bytelift.runtime.Memory definedMemory(int index) {
        com.dylibso.chicory.runtime.Memory m = chicory.memory(index);
        if (m instanceof ByteliftMemory bm) return bm.memory();
        throw new UnlinkableException("Bytelift's machine needs its own memories: build the instance with"
                + " ByteliftChicory.configure(builder) (memory " + index + " is a " + m.getClass().getName() + ")");
    }

    /** A host function's call from WebAssembly: Chicory's handle with this instance, values converted both ways. */
    Object[] callHost(com.dylibso.chicory.runtime.ImportFunction f, FuncType type, Object[] args) {
        for (GlobalMirror m : mirrors) m.push();
        long[] results;
        try {
            results = f.handle().apply(chicory, Values.toLongs(args, type, true, this));
        } finally {
            for (GlobalMirror m : mirrors) m.pull();
        }
        return Values.toObjects(results, type, false, this);
    }
}
