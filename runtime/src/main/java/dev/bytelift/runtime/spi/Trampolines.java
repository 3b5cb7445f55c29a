package dev.bytelift.runtime.spi;

import java.lang.invoke.MethodHandle;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;

/**
 * Service interface of the trampoline generator (module {@code bytelift-trampolines}), found with
 * {@link java.util.ServiceLoader}: one instance per {@link dev.bytelift.runtime.Engine}, which
 * caches the classes it generates. It produces the code that crosses between the host and
 * WebAssembly, keeping the entry and exit fields of {@code VMRuntimeLimits}.
 */
public interface Trampolines {
    /** Called once by the engine before any other method. */
    default void configure(dev.bytelift.runtime.EngineConfig config) {}

    /**
     * The WebAssembly type of a typed host function or typed entry point shaped like
     * {@code shape}'s single abstract method.
     *
     * @throws IllegalArgumentException if {@code shape} is not a functional interface over
     *     WebAssembly-representable types
     */
    FuncType typeOf(Class<?> shape);

    /**
     * The uniform invoker ({@link dev.bytelift.runtime.Func#invoker()}) of a boxed host function.
     * It is bound to no store: it reads the store's state from the calling context, so one invoker
     * serves the functions of every store made from one definition.
     */
    MethodHandle hostInvoker(FuncType type, HostFunction fn);

    /** The uniform invoker of a typed host function {@code fn} implementing {@code shape}, bound to no store. */
    MethodHandle typedHostInvoker(Class<?> shape, Object fn);

    /** The generic (boxed) entry point of {@code func}. */
    GenericEntry genericEntry(Func func);

    /** An implementation of {@code shape} that calls {@code func} without boxing. */
    <T> T typedEntry(Func func, Class<T> shape);
}
