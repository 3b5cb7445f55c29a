package dev.bytelift.runtime.internal.aot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.InternalExports;
import dev.bytelift.runtime.internal.LoadedModule;
import dev.bytelift.runtime.internal.RuntimeAccess;

/**
 * An ahead-of-time compiled module: its classes are ordinary classes of a class loader (a jar's,
 * or the application's for classes a build wrote to {@code target/classes}), its metadata an
 * {@link AotImage}. What the image decides (imports, exports, instantiation, backtraces) is
 * {@link LoadedModule}'s, as for the compiler's modules, without the compiler or a bytecode
 * library; loading the classes and finding each function's method are this class's.
 */
public final class AotModule extends LoadedModule {
    private final AotImage m;
    /** The module's classes, by index in {@link AotImage#classes}; with lazy compilation, those looked up so far. */
    private final Class<?>[] classes;
    private final ClassLoader loader;
    private final dev.bytelift.runtime.CompileStatistics statistics;

    /**
     * Loads (and so verifies) every class of {@code m} from {@code loader} for {@code engine}.
     *
     * @throws DeserializeException if the engine gave the module's types other ids, or a class is
     *     missing or does not load
     */
    public AotModule(Engine engine, AotImage m, ClassLoader loader) {
        super(m);
        long start = System.nanoTime();
        this.m = m;
        if (!RuntimeAccess.get().reserveTypeIds(engine, m.types, m.typeIds)) {
            throw new DeserializeException(Reason.TYPE_ID_CONFLICT, "this engine has given the module's function types other ids than its "
                    + "ahead-of-time code has built in: load it into a new engine (or one that loaded only ahead-of-time modules compiled "
                    + "together), or compile it");
        }
        // on the module path the generated classes (the loader's unnamed module) need the runtime's
        // ABI packages, which its module-info exports to the compiler only
        InternalExports.to(loader.getUnnamedModule());
        for (String c : m.classes) registerClass(c);
        this.classes = new Class<?>[m.classes.size()];
        // every class is loaded (and verified) now, so that damage shows here and never at a call;
        // verifying is most of the time, and the classes verify independently (no static
        // initialisers; class loaders from URLClassLoader are parallel capable): on the engine's
        // compile threads, as the compiler loads the classes it generates
        int threads = engine.config().compileThreads() > 0 ? engine.config().compileThreads() : Runtime.getRuntime().availableProcessors();
        load(0, loader);
        this.loader = loader;
        RuntimeException[] failure = {null};
        // with lazy compilation, the JVM loads the other classes when code first uses them (as
        // class-path code): a damaged one then fails that call (a WasmException), not the load
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(
                engine.config().lazyCompilation() ? classes.length : 1);
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < classes.length; ) {
                try {
                    load(i, loader);
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                    next.set(classes.length);
                }
            }
        };
        int helpers = Math.min(threads, classes.length - 1) - 1;
        Thread[] started = new Thread[Math.max(0, helpers)];
        for (int t = 0; t < started.length; t++) {
            started[t] = new Thread(worker, "bytelift-aot-load-" + t);
            started[t].setDaemon(true);
            started[t].start();
        }
        worker.run();
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeserializeException(Reason.CORRUPTED, "interrupted while loading the ahead-of-time module's classes", e);
            }
        }
        if (failure[0] != null) throw failure[0];
        this.statistics = new dev.bytelift.runtime.CompileStatistics(m.owners.length, m.importedFuncs, 0, classes.length, 0, false, threads,
                System.nanoTime() - start);
    }

    /** Loads class {@code i} of the module. */
    private void load(int i, ClassLoader loader) {
        String name = m.classes.get(i).replace('/', '.');
        try {
            classes[i] = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new DeserializeException(Reason.CORRUPTED, "the ahead-of-time module's class " + name + " is missing", e);
        } catch (LinkageError e) {
            // a checksum only catches accidents: a class that does not verify is damage, never a JVM error for the caller
            throw new DeserializeException(Reason.CORRUPTED, "the ahead-of-time module's class " + name + " does not load: " + e, e);
        }
    }

    @Override
    protected MethodHandle method(int f, MethodType type) {
        int i = f - m.importedFuncs;
        try {
            if (classes[m.owners[i]] == null) load(m.owners[i], loader);
            return MethodHandles.publicLookup().findStatic(classes[m.owners[i]], m.methods[i], type);
        } catch (ReflectiveOperationException e) {
            throw new WasmException("the ahead-of-time module has no method " + m.methods[i] + " for function " + f + ": it is damaged", e);
        }
    }

    @Override
    public dev.bytelift.runtime.CompileStatistics statistics() {
        return statistics;
    }

    @Override
    public byte[] serialize() {
        throw new UnsupportedOperationException("an ahead-of-time module is not serialised again: serialise the compiled module");
    }

    @Override
    public String toString() {
        return "ahead-of-time module " + m.mainClass + " (" + classes.length + " classes)";
    }
}
