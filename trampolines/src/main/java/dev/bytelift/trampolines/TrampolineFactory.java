package dev.bytelift.trampolines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.VMRuntimeLimits;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.GenericEntry;
import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * The trampoline generator of one engine (the service {@link dev.bytelift.runtime.Engine} loads):
 * generates each trampoline class once per signature and calling form, and caches it.
 */
public final class TrampolineFactory implements Trampolines {
    private static final MethodType EXIT_CTOR = MethodType.methodType(void.class, VMRuntimeLimits.class, Caller.class,
            Object.class, FuncType.class, Scratch.class);
    private static final MethodType ENTRY_CTOR = MethodType.methodType(void.class, MethodHandle.class,
            VMRuntimeLimits.class, boolean.class, FuncType.class, Scratch.class);

    /** What a trampoline class is generated for: a type, and the typed shape or {@code null} (boxed). */
    private record Key(FuncType type, Class<?> shape) {}

    private final java.util.concurrent.atomic.AtomicInteger dumped = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String dumpDir;
    private final ConcurrentHashMap<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, HiddenClasses.Defined> exits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, HiddenClasses.Defined> entries = new ConcurrentHashMap<>();

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
    public MethodHandle hostInvoker(Store store, FuncType type, HostFunction fn) {
        return exitInvoker(store, type, null, fn);
    }

    @Override
    public MethodHandle typedHostInvoker(Store store, Class<?> shape, Object fn) {
        Shape s = shape(shape);
        return exitInvoker(store, s.type(), s, fn);
    }

    private MethodHandle exitInvoker(Store store, FuncType type, Shape shape, Object fn) {
        HiddenClasses.Defined d = exits.computeIfAbsent(new Key(type, shape == null ? null : shape.iface()),
                k -> HiddenClasses.define(dump(ExitTrampolineEmitter.emit(type, shape), ExitTrampolineEmitter.NAME, type),
                        EXIT_CTOR, Abi.invokerType(type)));
        try {
            Object trampoline = d.constructor().invoke(store.limits(), new Caller(null, store), fn, type, store.scratch());
            return d.invoke().bindTo(trampoline);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a host function trampoline", t);
        }
    }

    @Override
    public GenericEntry genericEntry(Func func) {
        return (GenericEntry) entry(func, null);
    }

    @Override
    public <T> T typedEntry(Func func, Class<T> shape) {
        Shape s = shape(shape);
        if (s.withCaller()) throw new IllegalArgumentException(shape.getName() + " takes a Caller: it shapes host functions only");
        return shape.cast(entry(func, s));
    }

    private Object entry(Func func, Shape shape) {
        FuncType type = func.type();
        HiddenClasses.Defined d = entries.computeIfAbsent(new Key(type, shape == null ? null : shape.iface()),
                k -> HiddenClasses.define(dump(EntryTrampolineEmitter.emit(type, shape), EntryTrampolineEmitter.NAME, type),
                        ENTRY_CTOR, null));
        Store store = func.store();
        try {
            return d.constructor().invoke(func.invoker, store.limits(), func.owner == null, type, store.scratch());
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create an entry trampoline", t);
        }
    }
}
