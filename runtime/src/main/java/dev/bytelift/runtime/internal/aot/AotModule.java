package dev.bytelift.runtime.internal.aot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.WasmFrame;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.CodeRegistry;
import dev.bytelift.runtime.internal.FrameResolver;
import dev.bytelift.runtime.internal.Instantiation;
import dev.bytelift.runtime.internal.InternalExports;
import dev.bytelift.runtime.internal.Invokers;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.spi.CompiledModule;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * An ahead-of-time compiled module: its classes are ordinary classes of a class loader (a jar's,
 * or the application's for classes a build wrote to {@code target/classes}), its metadata an
 * {@link AotImage}. Instantiates as the compiler's modules do ({@link Instantiation}), without the
 * compiler or a bytecode library.
 */
public final class AotModule implements CompiledModule, Invokers, FrameResolver {
    private final AotImage m;
    /** The module's classes, by index in {@link AotImage#classes}; with lazy compilation, those looked up so far. */
    private final Class<?>[] classes;
    private final ClassLoader loader;
    private final MethodHandle[] methods;
    private final List<ExportType> exports;
    private final int resultSlots;
    private final dev.bytelift.runtime.CompileStatistics statistics;

    /**
     * Loads (and so verifies) every class of {@code m} from {@code loader} for {@code engine}.
     *
     * @throws DeserializeException if the engine gave the module's types other ids, or a class is
     *     missing or does not load
     */
    public AotModule(Engine engine, AotImage m, ClassLoader loader) {
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
        for (String c : m.classes) CodeRegistry.register(c.replace('/', '.'), this);
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
        this.methods = new MethodHandle[m.owners.length];
        List<ExportType> ex = new ArrayList<>();
        for (AotImage.Export e : m.exports) ex.add(new ExportType(e.name(), m.externType(e.kind(), e.index())));
        this.exports = List.copyOf(ex);
        this.resultSlots = m.resultSlots();
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
    public MethodHandle invoker(int f, VMContext ctx) {
        FuncType t = m.funcType(f);
        int i = f - m.importedFuncs;
        MethodHandle method = methods[i];
        if (method == null) {
            try {
                if (classes[m.owners[i]] == null) load(m.owners[i], loader);
                method = MethodHandles.publicLookup().findStatic(classes[m.owners[i]], m.methods[i], Abi.methodType(t));
            } catch (ReflectiveOperationException e) {
                throw new WasmException("the ahead-of-time module has no method " + m.methods[i] + " for function " + f + ": it is damaged", e);
            }
            methods[i] = method; // a race looks the same handle up twice
        }
        return Abi.bindToInstance(method, ctx, t);
    }

    /** A JVM frame of the module's classes as a WebAssembly frame: method {@code f<index>...}, line = offset in the body + 1. */
    @Override
    public WasmFrame resolve(String methodName, int line) {
        if (line < 0) return null; // a tail-call entry, whose frame a tail call may have replaced
        int f = functionIndexOf(methodName);
        if (f < m.importedFuncs || f - m.importedFuncs >= m.bodyStarts.length) return null;
        int offset = line > 0 ? m.bodyStarts[f - m.importedFuncs] + line - 1 : -1;
        return new WasmFrame(m.moduleName, f, m.funcNames.get(f), offset);
    }

    /** The function index in a generated method name ({@code f<index>}, then {@code _} or {@code $} or nothing), or -1. */
    private static int functionIndexOf(String methodName) {
        if (methodName.length() < 2 || methodName.charAt(0) != 'f') return -1;
        int i = 1;
        int n = 0;
        while (i < methodName.length() && i < 11 && Character.isDigit(methodName.charAt(i))) {
            n = n * 10 + (methodName.charAt(i) - '0');
            i++;
        }
        if (i == 1 || (i < methodName.length() && methodName.charAt(i) != '_' && methodName.charAt(i) != '$')) return -1;
        return n;
    }

    @Override
    public String name() {
        return m.moduleName;
    }

    @Override
    public List<ImportType> imports() {
        return List.copyOf(m.imports);
    }

    @Override
    public List<ExportType> exports() {
        return exports;
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

    @Override
    public Instance instantiate(Module module, Store store, Extern[] imports) {
        return Instantiation.instantiate(m, resultSlots, this, module, store, imports, Instantiation.DEFAULT_OPTIONS).instance();
    }

    @Override
    public IndexedInstance instantiate(Module module, Store store, Extern[] imports, InstantiationOptions options) {
        return Instantiation.instantiate(m, resultSlots, this, module, store, imports, options);
    }
}
