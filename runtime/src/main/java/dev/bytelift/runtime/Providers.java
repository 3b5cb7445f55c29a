package dev.bytelift.runtime;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the implementations of the runtime's services ({@link dev.bytelift.runtime.spi.ModuleCompiler},
 * {@link dev.bytelift.runtime.spi.Trampolines}): Bytelift's own by name when it is on the class
 * path, else whatever {@link ServiceLoader} finds. A service loader's lookup reads every class-path
 * entry's {@code META-INF/services}, 3-6 ms each in a fresh JVM, and an engine needs two: most of
 * what creating it cost, paid by every process (docs/performance.md §27). On the module path
 * Bytelift's packages are not exported to the runtime, so the lookup by name fails and the
 * service loader finds them through the modules' {@code provides}.
 */
final class Providers {
    private Providers() {}

    /** Bytelift's compiler ({@code META-INF/services/dev.bytelift.runtime.spi.ModuleCompiler}). */
    static final String COMPILER = "dev.bytelift.compiler.ByteliftCompiler";
    /** Bytelift's trampolines ({@code META-INF/services/dev.bytelift.runtime.spi.Trampolines}). */
    static final String TRAMPOLINES = "dev.bytelift.trampolines.TrampolineFactory";

    /** An instance of {@code service}: {@code usual} if it can be loaded and made, else the service loader's first. */
    static <T> Optional<T> find(Class<T> service, String usual) {
        ClassLoader loader = Engine.class.getClassLoader();
        try {
            Class<?> c = Class.forName(usual, false, loader);
            if (service.isAssignableFrom(c)) return Optional.of(service.cast(c.getDeclaredConstructor().newInstance()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not there, or not accessible (module path): the service loader decides
        }
        return ServiceLoader.load(service, loader).findFirst();
    }
}
