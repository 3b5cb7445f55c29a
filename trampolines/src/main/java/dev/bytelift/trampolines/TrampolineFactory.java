package dev.bytelift.trampolines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.spi.GenericEntry;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * The trampoline generator of one engine (the service {@link dev.bytelift.runtime.Engine} loads).
 * Generates the bytes of each trampoline once per signature and calling form and caches them;
 * every trampoline class is then defined once per function from the cached bytes, bound to its
 * function through class data (so that C2 can inline through it). An exit trampoline is bound to
 * a host function definition only, not to a store: one serves every store.
 */
public final class TrampolineFactory implements Trampolines {
    private static final MethodType NO_ARGS = MethodType.methodType(void.class);

    /** What trampoline bytes are generated for: a type, the typed shape or {@code null}, and whether the target is a host function. */
    private record Key(FuncType type, Class<?> shape, boolean host) {
        // written out: a record's generated equals/hashCode bootstrap through method handles,
        // which spun about 56 LambdaForm classes (~10 ms) in every process's first instantiation
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && type.equals(k.type) && shape == k.shape && host == k.host;
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + System.identityHashCode(shape)) * 2 + (host ? 1 : 0);
        }
    }

    private final AtomicInteger dumped = new AtomicInteger();
    private volatile String dumpDir;
    private final ConcurrentHashMap<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, byte[]> exits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, byte[]> typedEntries = new ConcurrentHashMap<>();
    /** Generic entries: one class per key, bound through its constructor (see {@link EntryTrampolineEmitter#emitGeneric}). */
    private final ConcurrentHashMap<Key, MethodHandle> genericEntries = new ConcurrentHashMap<>();

    @Override
    public void configure(EngineConfig config) {
        this.dumpDir = config.dumpClassesDir();
    }

    /** Writes a generated class under the dump folder (if configured) as {@code <name><n>.class}; returns it. */
    private byte[] dump(byte[] bytes, String internalName, FuncType type) {
        String dir = dumpDir;
        if (dir == null) return bytes;
        try {
            Path p = Path.of(dir, internalName + dumped.incrementAndGet() + ".class");
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump the trampoline for " + type + " to " + dir, e);
        }
        return bytes;
    }

    @Override
    public FuncType typeOf(Class<?> shape) {
        return shape(shape).type();
    }

    private Shape shape(Class<?> iface) {
        return shapes.computeIfAbsent(iface, Shape::of);
    }

    @Override
    public MethodHandle hostInvoker(FuncType type, HostFunction fn) {
        return exitInvoker(type, null, fn);
    }

    @Override
    public MethodHandle typedHostInvoker(Class<?> shape, Object fn) {
        Shape s = shape(shape);
        return exitInvoker(s.type(), s, fn);
    }

    private MethodHandle exitInvoker(FuncType type, Shape shape, Object fn) {
        byte[] bytes = exits.computeIfAbsent(new Key(type, shape == null ? null : shape.iface(), true),
                k -> dump(ExitTrampolineEmitter.emit(type, shape), ExitTrampolineEmitter.NAME, type));
        return HiddenClasses.define(bytes, ExitTrampolineEmitter.classData(fn, type), null, Abi.invokerType(type))
                .invoke();
    }

    @Override
    public GenericEntry genericEntry(Func func) {
        FuncType type = func.type();
        boolean host = func.owner == null;
        MethodHandle constructor = genericEntries.computeIfAbsent(new Key(type, null, host), k -> {
            byte[] bytes = dump(EntryTrampolineEmitter.emitGeneric(type, host), EntryTrampolineEmitter.NAME, type);
            return HiddenClasses.define(bytes, EntryTrampolineEmitter.GENERIC_CONSTRUCTOR, null).constructor()
                    .asType(GENERIC_CONSTRUCTOR);
        });
        Store store = func.store();
        RuntimeAccess access = RuntimeAccess.get();
        VMContext context = host ? access.hostContext(store) : null; // a local: invokeExact takes its static type
        // outside the try: making the invoker may fail as itself (lazy compilation's limits)
        MethodHandle invoker = func.invoker();
        try {
            return (GenericEntry) constructor.invokeExact(invoker, access.limits(store), type, access.scratch(store), context);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create an entry trampoline", t);
        }
    }

    /** {@link EntryTrampolineEmitter#GENERIC_CONSTRUCTOR} returning the entry. */
    private static final MethodType GENERIC_CONSTRUCTOR = EntryTrampolineEmitter.GENERIC_CONSTRUCTOR.changeReturnType(GenericEntry.class);

    @Override
    public <T> T typedEntry(Func func, Class<T> shape) {
        Shape s = shape(shape);
        if (s.withCaller()) throw new IllegalArgumentException(shape.getName() + " takes a Caller: it shapes host functions only");
        FuncType type = func.type();
        boolean host = func.owner == null;
        byte[] bytes = typedEntries.computeIfAbsent(new Key(type, shape, host),
                k -> dump(EntryTrampolineEmitter.emitTyped(type, s, host), EntryTrampolineEmitter.NAME, type));
        RuntimeAccess access = RuntimeAccess.get();
        Store store = func.store();
        return shape.cast(newEntry(bytes, host
                ? List.of(func.invoker(), access.limits(store), access.hostContext(store))
                : List.of(func.invoker(), access.limits(store))));
    }

    private static Object newEntry(byte[] bytes, List<Object> classData) {
        HiddenClasses.Defined d = HiddenClasses.define(bytes, classData, NO_ARGS, null);
        try {
            return d.constructor().invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create an entry trampoline", t);
        }
    }
}
