package dev.bytelift.runtime.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import dev.bytelift.runtime.Func;

/**
 * The {@code invokedynamic} of generated import stubs: a monomorphic inline cache per (module
 * class, imported function). The first call links the site to the calling instance's import,
 * guarded by an identity test on the {@link VMContext}; calls from that instance then invoke a
 * constant handle, which C2 inlines — through the exit trampoline into the host function, or into
 * the imported WebAssembly function. Calls from other instances of the module whose import has
 * the same invoker — a host function a {@code Linker} defined for every store, whose exit
 * trampoline is shared by the stores — pass a second guard comparing the invoker and invoke the
 * same constant handle; others take the generic path, {@code ctx.funcs[i].invoker().invokeExact(...)}.
 *
 * <p>The linked site keeps the first instance's context and import reachable as long as the
 * module's class is (as long as its {@code Module} is used).
 */
public final class ImportCallSites {
    private ImportCallSites() {}

    private static final MethodHandle INVOKER_OF;
    private static final MethodHandle LINK;
    private static final MethodHandle SAME;
    private static final MethodHandle SAME_INVOKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INVOKER_OF = l.findStatic(ImportCallSites.class, "invokerOf",
                    MethodType.methodType(MethodHandle.class, int.class, VMContext.class));
            LINK = l.findStatic(ImportCallSites.class, "link",
                    MethodType.methodType(MethodHandle.class, MutableCallSite.class, int.class, VMContext.class));
            SAME = l.findStatic(ImportCallSites.class, "same",
                    MethodType.methodType(boolean.class, VMContext.class, VMContext.class));
            SAME_INVOKER = l.findStatic(ImportCallSites.class, "sameInvoker",
                    MethodType.methodType(boolean.class, MethodHandle.class, int.class, VMContext.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Bootstrap method: {@code type} is the import's invoker type
     * {@code (params..., int depth, VMContext ctx, int pc) -> r0}, {@code index} its function index.
     */
    public static CallSite bootstrap(MethodHandles.Lookup lookup, String name, MethodType type, int index) {
        MutableCallSite site = new MutableCallSite(type);
        site.setTarget(through(type, MethodHandles.insertArguments(LINK, 0, site, index)));
        return site;
    }

    /** A handle of {@code type} that invokes what {@code pick} (taking the context) returns. */
    private static MethodHandle through(MethodType type, MethodHandle pick) {
        int ctxPos = type.parameterCount() - 2;
        MethodHandle combiner = MethodHandles.dropArguments(pick, 0, type.parameterList().subList(0, ctxPos));
        combiner = MethodHandles.dropArguments(combiner, ctxPos + 1, int.class);
        return MethodHandles.foldArguments(MethodHandles.exactInvoker(type), combiner);
    }

    private static MethodHandle invokerOf(int index, VMContext ctx) {
        return ctx.funcs[index].invoker();
    }

    /** First call: caches the calling instance's import; returns its invoker for this call. */
    private static MethodHandle link(MutableCallSite site, int index, VMContext ctx) {
        MethodType type = site.type();
        Func f = ctx.funcs[index];
        MethodHandle generic = through(type, MethodHandles.insertArguments(INVOKER_OF, 0, index));
        MethodHandle invoker = f.invoker();
        MethodHandle fallback = generic;
        if (f.owner == null) {
            // a host function: other instances' imports may have the same invoker (one per definition)
            fallback = MethodHandles.guardWithTest(onContext(type, MethodHandles.insertArguments(SAME_INVOKER, 0, invoker, index)),
                    invoker, generic);
        }
        site.setTarget(MethodHandles.guardWithTest(onContext(type, MethodHandles.insertArguments(SAME, 0, ctx)), invoker, fallback));
        return invoker;
    }

    /** {@code test}, a predicate of the context, as a predicate of the site's arguments. */
    private static MethodHandle onContext(MethodType type, MethodHandle test) {
        int ctxPos = type.parameterCount() - 2;
        test = MethodHandles.dropArguments(test, 0, type.parameterList().subList(0, ctxPos));
        return MethodHandles.dropArguments(test, ctxPos + 1, int.class);
    }

    private static boolean same(VMContext expected, VMContext actual) {
        return expected == actual;
    }

    private static boolean sameInvoker(MethodHandle expected, int index, VMContext ctx) {
        return ctx.funcs[index].invoker() == expected;
    }
}
