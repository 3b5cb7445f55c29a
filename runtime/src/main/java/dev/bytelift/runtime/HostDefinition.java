package dev.bytelift.runtime;

import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * A host function a {@link Linker} defines for every store (Wasmtime's {@code Linker::func_wrap}):
 * its type and implementation, and per engine the invoker, an exit trampoline bound to this
 * definition only, which reads the store's state from the calling instance. A store makes its
 * {@link Func} of the definition on first use ({@link Store#hostFunc}): one small object, no class.
 * Thread-safe: instances of several stores may be created from one definition at once.
 */
final class HostDefinition {
    /** Reads typed shapes for linkers made without an engine (the mapping is the same in every engine). */
    private static volatile Trampolines shapeReader;

    /** The invoker of one engine. */
    private record Bound(Engine engine, MethodHandle invoker) {}

    final FuncType type;
    private final Class<?> shape;
    private final Object fn;
    /** The engine the last store came from: nearly always the only one. */
    private volatile Bound last;
    /** Every engine's invoker (an invoker does not refer to its engine, so the keys stay weak). */
    private final Map<Engine, MethodHandle> bound = Collections.synchronizedMap(new WeakHashMap<>());

    private HostDefinition(FuncType type, Class<?> shape, Object fn) {
        this.type = type;
        this.shape = shape;
        this.fn = fn;
    }

    /** A boxed host function of type {@code type}. */
    static HostDefinition boxed(FuncType type, HostFunction fn) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(fn, "fn");
        Abi.requireSupported(type);
        return new HostDefinition(type, null, fn);
    }

    /** A typed host function {@code fn} implementing {@code shape}; {@code engine} reads the shape if given. */
    static HostDefinition typed(Engine engine, Class<?> shape, Object fn) {
        java.util.Objects.requireNonNull(shape, "shape");
        if (!shape.isInstance(fn)) throw new IllegalArgumentException(fn + " does not implement " + shape.getName());
        FuncType type = (engine != null ? engine.trampolines() : shapeReader()).typeOf(shape);
        Abi.requireSupported(type);
        return new HostDefinition(type, shape, fn);
    }

    private static Trampolines shapeReader() {
        Trampolines t = shapeReader;
        if (t == null) {
            shapeReader = t = Providers.find(Trampolines.class, Providers.TRAMPOLINES)
                    .orElseThrow(() -> new IllegalStateException(
                            "no Bytelift trampolines on the class path (add dev.bytelift:bytelift-trampolines)"));
        }
        return t;
    }

    /** A new {@link Func} of this definition in {@code store} (the store caches it). */
    Func newFunc(Store store) {
        store.scratch().ensureResultCapacity(Abi.resultSlots(type) + 2);
        return new Func(store, type, invoker(store.engine()), null, -1);
    }

    private MethodHandle invoker(Engine engine) {
        Bound b = last;
        if (b == null || b.engine != engine) {
            MethodHandle h = bound.get(engine);
            if (h == null) {
                Trampolines t = engine.trampolines();
                h = shape == null ? t.hostInvoker(type, (HostFunction) fn) : t.typedHostInvoker(shape, fn);
                // two threads may both make one: either serves, and the first one stays
                MethodHandle first = bound.putIfAbsent(engine, h);
                if (first != null) h = first;
            }
            last = b = new Bound(engine, h);
        }
        return b.invoker;
    }

    @Override
    public String toString() {
        return "host function " + type;
    }
}
