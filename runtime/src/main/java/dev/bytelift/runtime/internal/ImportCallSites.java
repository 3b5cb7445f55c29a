package dev.bytelift.runtime.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime half of generated import stubs, a monomorphic inline cache per (module class,
 * imported function) written in bytecode (the compiler's {@code ModuleEmitter.emitImportStub}).
 * The first call claims the site for the calling instance's invoker ({@link #claim}); the stub's
 * {@code invokedynamic} then links to that invoker as a constant ({@link #bootstrap}), which C2
 * inlines — through the exit trampoline into the host function, or into the imported WebAssembly
 * function. Calls from instances whose import has another invoker go through their own invoker.
 *
 * <p>No method-handle combinators: each one spins LambdaForm classes per signature at first use,
 * which cost a WASI program about 25 ms of its start. A claimed invoker stays reachable as long as
 * the module's class is (as long as its {@code Module} is used).
 */
public final class ImportCallSites {
    private ImportCallSites() {}

    /** Per stub class: the invoker each of its import sites is linked to, by function index. */
    private static final ClassValue<ConcurrentHashMap<Integer, MethodHandle>> CLAIMED = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Integer, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * Links import {@code index} of {@code owner}'s stub to {@code invoker} unless it is linked
     * already; whether it is linked to {@code invoker} (then the stub may take its constant call).
     */
    public static boolean claim(Class<?> owner, int index, MethodHandle invoker) {
        MethodHandle linked = CLAIMED.get(owner).putIfAbsent(index, invoker);
        return linked == null || linked == invoker;
    }

    /**
     * Bootstrap method of the stub's {@code invokedynamic}, which runs only after a {@link #claim}:
     * {@code type} is the import's invoker type {@code (params..., int depth, VMContext ctx, int pc) -> r0},
     * {@code index} its function index.
     */
    public static CallSite bootstrap(MethodHandles.Lookup lookup, String name, MethodType type, int index) {
        MethodHandle invoker = CLAIMED.get(lookup.lookupClass()).get(index);
        if (invoker == null) throw new IllegalStateException("import " + index + " called before it was linked");
        return new ConstantCallSite(invoker);
    }
}
