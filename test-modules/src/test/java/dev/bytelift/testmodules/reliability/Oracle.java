package dev.bytelift.testmodules.reliability;

import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one input through the whole pipeline — compile, instantiate with every import defined by a
 * dummy of the right type, call every exported function with fuel and an epoch deadline — on a
 * worker thread, and says how it ended. The project's rule is the oracle: every input must end in
 * success or one of Bytelift's documented exceptions within the time bound; anything else, and a
 * run past the bound (compilation included), is an escape.
 *
 * <p>Not thread-safe: one input at a time.
 */
final class Oracle implements AutoCloseable {
    /**
     * How an input ended. {@code TIMEOUT}: past the bound of the worker's CPU time, the documented
     * bound (a hang). {@code WALL}: the much larger wall-time backup fired before the CPU bound was
     * reached: the worker was waiting (a deadlock, or a machine too loaded to give it the CPU);
     * reported apart from timeouts, and like them with a reproducer.
     */
    enum Kind { SUCCESS, MALFORMED, INVALID, LINK, TRAP, LIMIT, ESCAPE, TIMEOUT, WALL }

    enum Stage { COMPILE, INSTANTIATE, CALL }

    /**
     * How one input ended; {@code signature} identifies an escape (exception class, its cause's
     * class, the top stack frame) across inputs, so the same bug found twice is reported once.
     */
    record Outcome(Kind kind, Stage stage, Throwable error, String signature) {
        boolean escaped() {
            return kind == Kind.ESCAPE || kind == Kind.TIMEOUT || kind == Kind.WALL;
        }

        String describe() {
            return kind + " in " + stage + (error == null ? "" : ": " + error);
        }
    }

    /** Epoch ticks per call before the deadline, and the worker CPU time between ticks. */
    private static final int DEADLINE_TICKS = 3;
    private static final long TICK_MILLIS = 50;
    private static final long FUEL_PER_CALL = 2_000_000;
    /** Exports called per input at most: enough to reach every kind of code, bounded in time. */
    private static final int MAX_CALLS = 24;
    /** Imported memories and tables larger than this are left undefined (a link error), to bound memory use. */
    private static final long MAX_IMPORT_PAGES = 256, MAX_IMPORT_ELEMENTS = 1 << 20;
    /**
     * What each input's store may allocate: a mutated limit of 32,767 pages is a 2 GiB array, whose
     * zeroing alone can pass the CPU bound on a loaded machine (the limit's own path is what such
     * an input then tests: a HOST_RESOURCE_EXHAUSTED trap or -1 from memory.grow).
     */
    private static final long STORE_ALLOCATION_LIMIT = 256L << 20;
    /** Engines are replaced after this many inputs, so that nothing an engine keeps can pile up. */
    private static final int INPUTS_PER_ENGINE = 2000;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /**
     * The wall-time backup: only against a worker that waits rather than computes (its CPU time
     * then never reaches the bound). Far past the CPU bound, so that a loaded machine (a campaign
     * under {@code nice -n 19} gets a small share of two cores) does not make it fire.
     */
    /**
     * The bound grows with the input, as compile time does (docs/untrusted.md: about 2-3 s of CPU
     * per MiB; an input split every 8 instructions is at the top of that: a 2.1 MB module took
     * 5.4-6.2 s): 4 s per MiB on top of the fixed bound.
     */
    static final long MILLIS_PER_MIB = 4_000;

    /** The CPU bound of an input of {@code size} bytes. */
    static long boundMillis(long boundMillis, int size) {
        return boundMillis + MILLIS_PER_MIB * size / (1 << 20);
    }

    static long wallBackupMillis(long boundMillis) {
        return Math.max(120_000, boundMillis * 24);
    }

    private final long boundMillis;
    private final long stackBytes;
    private ExecutorService worker;
    private Engine plain, split;
    private int inputsOnEngine;
    private volatile Stage stage;

    /**
     * @param boundMillis the time bound of one input, compilation included: CPU time of the worker
     * @param stackBytes the worker thread's stack (a host's ordinary thread: a few MB)
     */
    Oracle(long boundMillis, long stackBytes) {
        this.boundMillis = boundMillis;
        this.stackBytes = stackBytes;
    }

    private void freshEngines() {
        // one compile thread: the bound is the worker's CPU time, so all of the work must be the worker's
        EngineConfig.Builder b = EngineConfig.builder().consumeFuel(true).epochInterruption(true).compileThreads(1);
        plain = new Engine(b.build());
        // every function split over many small methods: the path for huge functions, on every input
        split = new Engine(b.splitFunctionsOver(0).regionInstructions(8).build());
        inputsOnEngine = 0;
    }

    private ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(null, r, "fuzz-oracle", stackBytes);
                t.setDaemon(true);
                return t;
            });
        }
        return worker;
    }

    /** Runs {@code wasm}, with every function split into small pieces if {@code splitFunctions}. */
    Outcome run(byte[] wasm, boolean splitFunctions) {
        if (plain == null || ++inputsOnEngine > INPUTS_PER_ENGINE) freshEngines();
        Engine engine = splitFunctions ? split : plain;
        stage = Stage.COMPILE;
        cpuAtStart = -1;
        Future<Outcome> f = worker().submit(() -> pipeline(engine, wasm));
        // The bound is on the worker's CPU time, so that a loaded machine (CI shares its cores)
        // does not turn slow inputs into timeouts; wall time only backs it up.
        long bound = boundMillis(boundMillis, wasm.length);
        long wallDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wallBackupMillis(bound));
        long cpuBound = TimeUnit.MILLISECONDS.toNanos(bound);
        long lastTickCpu = -1;
        while (true) {
            try {
                return f.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Thread t = workerThread;
                long cpu = t == null || !THREADS.isThreadCpuTimeEnabled() ? -1 : THREADS.getThreadCpuTime(t.getId());
                // the epoch follows the worker's CPU time too: on a loaded machine a call that
                // needs 100 ms of CPU must not meet its deadline of three wall-clock ticks
                if (cpu < 0) {
                    engine.incrementEpoch();
                } else if (lastTickCpu < 0) {
                    lastTickCpu = cpu;
                } else if (cpu - lastTickCpu >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    engine.incrementEpoch();
                    lastTickCpu = cpu;
                }
                long start = cpuAtStart;
                if (cpu >= 0 && start >= 0 && cpu - start > cpuBound) return timeout(f, Kind.TIMEOUT, bound);
                if (System.nanoTime() > wallDeadline) return timeout(f, Kind.WALL, bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                // pipeline() catches every Throwable, so this is the harness's own failure
                throw new IllegalStateException("the oracle failed", e.getCause());
            }
        }
    }

    private Outcome timeout(Future<Outcome> f, Kind kind, long bound) {
        Stage at = stage;
        f.cancel(true);
        // A compilation cannot be interrupted. Stop the thread: its engine may be in any state, so
        // both engines are dropped, and so is the worker.
        Thread stuck = workerThread;
        // where it is stuck (the innermost frame of Bytelift's) tells one hang from another
        Throwable where = new TimeoutException(kind == Kind.TIMEOUT ? "no result after " + bound + " ms of CPU time"
                : "no result after " + wallBackupMillis(bound) + " ms of wall time (the backup), below the CPU bound");
        String frame = "";
        if (stuck != null) {
            where.setStackTrace(stuck.getStackTrace());
            for (StackTraceElement e : where.getStackTrace()) {
                if (e.getClassName().startsWith("dev.bytelift.") && !e.getClassName().startsWith("dev.bytelift.testmodules.")) {
                    frame = " at " + e.getClassName() + "." + e.getMethodName();
                    break;
                }
            }
        }
        worker.shutdownNow();
        worker = null;
        plain = null;
        if (stuck != null) stop(stuck);
        return new Outcome(kind, at, where, (kind == Kind.TIMEOUT ? "timeout" : "wall-time backup") + frame + " in " + at);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.join(200);
            if (t.isAlive()) t.stop(); // deprecated, but on Java 17 the only way to end a runaway compile
        } catch (UnsupportedOperationException | InterruptedException e) {
            // newer JVMs: the thread is abandoned (it is a daemon)
        }
    }

    private volatile Thread workerThread;
    /** The worker's CPU time when it took the current input, or -1 before. */
    private volatile long cpuAtStart = -1;

    private Outcome pipeline(Engine engine, byte[] wasm) {
        workerThread = Thread.currentThread();
        cpuAtStart = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        try {
            stage = Stage.COMPILE;
            Module module = engine.compile(wasm);
            stage = Stage.INSTANTIATE;
            Store store = new Store(engine);
            store.setAllocationLimit(STORE_ALLOCATION_LIMIT);
            store.setFuel(FUEL_PER_CALL);
            store.setEpochDeadline(DEADLINE_TICKS);
            Linker linker = new Linker();
            for (ImportType imp : module.imports()) {
                Extern dummy = dummy(store, imp);
                if (dummy != null) linker.define(imp.module(), imp.name(), dummy);
            }
            Instance instance = linker.instantiate(store, module);
            stage = Stage.CALL;
            int calls = 0;
            Trap lastTrap = null;
            for (ExportType e : module.exports()) {
                if (!(e.type() instanceof FuncType type)) continue;
                for (int pass = 0; pass < 2 && calls < MAX_CALLS; pass++, calls++) {
                    if (pass == 1 && type.paramCount() == 0) break;
                    store.setFuel(FUEL_PER_CALL);
                    store.setEpochDeadline(DEADLINE_TICKS);
                    Object[] args = new Object[type.paramCount()];
                    for (int i = 0; i < args.length; i++) args[i] = value(type.param(i), pass == 0 ? 0 : 1 + i);
                    try {
                        ((Func) instance.getExport(e.name())).call(args);
                    } catch (Trap t) {
                        lastTrap = t; // a documented outcome; the next export still runs
                    }
                }
            }
            return lastTrap != null ? classify(lastTrap) : new Outcome(Kind.SUCCESS, stage, null, null);
        } catch (Throwable t) {
            return classify(t);
        }
    }

    private Outcome classify(Throwable t) {
        Kind kind;
        if (t instanceof MalformedModuleException) kind = Kind.MALFORMED;
        else if (t instanceof InvalidModuleException) kind = Kind.INVALID;
        else if (t instanceof LinkException) kind = Kind.LINK;
        else if (t instanceof Trap) kind = Kind.TRAP;
        // Bytelift's own implementation limits (a function too large for one JVM method, a
        // memory or table over the JVM's array limits) are plain WasmExceptions, or their own
        // subclasses of the runtime's exceptions (of CompileException when found compiling)
        else if (t instanceof WasmException && t.getClass().getPackageName().equals("dev.bytelift.runtime")) kind = Kind.LIMIT;
        else kind = Kind.ESCAPE;
        return new Outcome(kind, stage, t, kind == Kind.ESCAPE ? signature(t, stage) : null);
    }

    /**
     * Exception class, its cause's class, the top stack frame, and where Bytelift called into what
     * threw (its innermost frame outside the harness, when that is not the top frame): stable
     * across inputs, unlike messages, and different for the different callers of one ASM check.
     */
    static String signature(Throwable t, Stage stage) {
        StringBuilder s = new StringBuilder(t.getClass().getName());
        if (t.getCause() != null && t.getCause() != t) s.append(" (").append(t.getCause().getClass().getName()).append(')');
        StackTraceElement[] st = t.getStackTrace();
        if (st.length > 0) s.append(" at ").append(frame(st[0]));
        for (int i = 0; i < st.length; i++) {
            String c = st[i].getClassName();
            if (!c.startsWith("dev.bytelift.") || c.startsWith("dev.bytelift.testmodules.")) continue;
            if (i > 0) s.append(" via ").append(frame(st[i]));
            break;
        }
        return s.append(" in ").append(stage).toString();
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName();
    }

    /** A value of type {@code t}: zero, or a small number. */
    private static Object value(ValType t, int small) {
        return switch (t.kind()) {
            case I32 -> small;
            case I64 -> (long) small;
            case F32 -> (float) small;
            case F64 -> (double) small;
            case V128 -> new V128(small, 0);
            default -> null;
        };
    }

    /** A definition of the import's type: a host function returning zeros, or a fresh memory, table or global. */
    private static Extern dummy(Store store, ImportType imp) {
        if (imp.type() instanceof FuncType ft) {
            return Func.host(store, ft, (caller, args) -> {
                Object[] results = new Object[ft.resultCount()];
                for (int i = 0; i < results.length; i++) results[i] = value(ft.result(i), 0);
                return results;
            });
        }
        if (imp.type() instanceof MemoryType mt) return mt.limits().min() > MAX_IMPORT_PAGES ? null : new Memory(mt);
        if (imp.type() instanceof TableType tt) return tt.limits().min() > MAX_IMPORT_ELEMENTS ? null : new Table(tt, null);
        GlobalType gt = (GlobalType) imp.type();
        return new Global(gt, value(gt.valType(), 0));
    }

    @Override
    public void close() {
        if (worker != null) worker.shutdownNow();
        worker = null;
    }
}
