package dev.bytelift.trampolines;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import dev.bytelift.runtime.Caller;
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

    private final ConcurrentHashMap<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, HiddenClasses.Defined> exits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, HiddenClasses.Defined> entries = new ConcurrentHashMap<>();

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
                k -> HiddenClasses.define(ExitTrampolineEmitter.emit(type, shape), EXIT_CTOR, Abi.invokerType(type)));
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
        return shape.cast(entry(func, shape(shape)));
    }

    private Object entry(Func func, Shape shape) {
        FuncType type = func.type();
        HiddenClasses.Defined d = entries.computeIfAbsent(new Key(type, shape == null ? null : shape.iface()),
                k -> HiddenClasses.define(EntryTrampolineEmitter.emit(type, shape), ENTRY_CTOR, null));
        Store store = func.store();
        try {
            return d.constructor().invoke(func.invoker, store.limits(), func.owner == null, type, store.scratch());
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create an entry trampoline", t);
        }
    }
}
