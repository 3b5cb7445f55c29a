package dev.bytelift.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.ModuleCache;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.wasi.Wasi;
import dev.bytelift.wasi.WasiExitException;

/** {@code bytelift run}: compile, instantiate and run a module. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compiles, instantiates and runs a WebAssembly module (the default command).",
            "Compiles and instantiates a WebAssembly module, then calls --invoke NAME with ARGS "
                + "(printing each result on its own line) or, without --invoke, its _start function if it has one. "
                + "A module that imports wasi_snapshot_preview1 runs as a WASI program: ARGS are its arguments, "
                + "it sees only the directories granted with --dir and the variables set with --env, "
                + "and its exit status is the command's. "
                + "Wasmtime's spellings work too: -W fuel=N,timeout=DURATION,max-wasm-stack=N,max-memory-size=BYTES and -S inherit-env."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Success (a WASI program: its own status, 0-125).",
            "1:The module cannot be read, compiled, instantiated or called with ARGS, an uncaught WebAssembly "
                    + "exception, or a WASI status above 125.",
            "2:Usage error: an unknown option, no FILE, an option value that does not parse (as Wasmtime).",
            "70:Internal error (a bug in Bytelift).",
            "124:The timeout ran out while compiling or instantiating.",
            "134:A trap (message and WebAssembly backtrace on stderr)."})
final class RunCommand implements Callable<Integer> {
    /** Exit code of a trap, as Wasmtime's CLI uses (abort). */
    static final int TRAP_EXIT = 134;
    /** Exit code of an internal error (sysexits' EX_SOFTWARE). */
    static final int INTERNAL_ERROR_EXIT = 70;
    /** Exit code of a usage error, as Wasmtime's (clap's) and picocli's. */
    static final int USAGE_EXIT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--invoke", paramLabel = "NAME", description = "The exported function to call.")
    String invoke;

    @Option(names = "--dump-classes", paramLabel = "DIR", description = "Write the generated JVM classes to DIR.")
    String dumpClasses;

    @Option(names = "-W", paramLabel = "KEY=VALUE[,...]",
            description = "Wasmtime's spelling of the WebAssembly options: fuel=N (--fuel), timeout=DURATION (--timeout; "
                    + "a bare number is seconds), max-wasm-stack=BYTES (--max-wasm-stack), "
                    + "max-memory-size=BYTES (what the store's memories and tables may allocate together: "
                    + "memory.grow past it returns -1), trap-on-grow-failure[=y|n] (a growth max-memory-size refuses traps "
                    + "instead). Repeatable; overrides the long option.")
    List<String> wasmFlags = new ArrayList<>();

    @Option(names = "-S", paramLabel = "KEY[=y|n][,...]",
            description = "Wasmtime's spelling of the WASI options: inherit-env (pass the whole host environment; "
                    + "--env still sets or overrides variables).")
    List<String> wasiFlags = new ArrayList<>();

    @Option(names = "--fuel", paramLabel = "N",
            description = "Run with N units of fuel (Wasmtime's costs); running out traps with 'all fuel consumed'.")
    Long fuel;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop after DURATION (e.g. 300ms, 2s, 1m) of compiling, instantiating and running together: "
                    + "the guest is interrupted by epoch interruption (a trap, exit 134); compiling or instantiating "
                    + "past it is abandoned (exit 124).")
    String timeout;

    @Option(names = "--max-wasm-stack", paramLabel = "BYTES",
            description = "The JVM stack WebAssembly frames may take, in bytes, as Wasmtime's (default: ${DEFAULT-VALUE}, "
                    + "16 MiB; the guest runs on a thread of 1 GiB; at most 1 GiB); past it a call traps.")
    int maxWasmStack = DEFAULT_MAX_WASM_STACK;

    /**
     * The command line's stack limit, 16 MiB: the guest runs on a thread of 1 GiB (below), so
     * recursion that runs under Wasmtime's 512 KiB of native frames runs here too, although the
     * limit counts frames at their interpreted size (about 95,000 calls of a small function).
     */
    static final int DEFAULT_MAX_WASM_STACK = 16 << 20;

    @Option(names = "--compile-threads", paramLabel = "N",
            description = "Compile a large module's functions on N threads (default: one per processor but one, which the "
                    + "JVM's JIT compiler keeps busy at start-up; 1 compiles on one thread). The generated code is the same for any N.")
    Integer compileThreads;

    @Option(names = "--lazy-compilation", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
            description = "Generate each function's JVM code when it is first called rather than before running "
                    + "(validation stays up front). Default: ${DEFAULT-VALUE}.")
    boolean lazyCompilation = false;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keep compiled modules in DIR and load them from there next time (default: "
                    + "$XDG_CACHE_HOME/bytelift or ~/.cache/bytelift). A cache that cannot be read or written is skipped "
                    + "with a warning.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Compile without the module cache (neither read nor written).")
    boolean noCache;

    @Option(names = "--cache-max-size", paramLabel = "BYTES",
            description = "The module cache's size cap (suffixes K, M, G; default 512M): the least recently used "
                    + "entries are deleted past it.")
    String cacheMaxSize;

    /**
     * In a fresh JVM the compiler itself is still being JIT-compiled, and the JIT threads take
     * about one processor: on 2 processors a second compile thread only competes with them
     * (docs/performance.md, "Parallel compilation"), on more it has a processor of its own.
     */
    static int defaultCompileThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "WASI: grant the guest the host directory HOST, which it sees as GUEST (default: HOST as given). "
                    + "Repeatable; the guest reaches nothing outside these directories.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]",
            description = "WASI: set an environment variable for the guest (NAME alone passes the host's value). "
                    + "Repeatable; the guest sees no other variable.")
    List<String> envs = new ArrayList<>();

    @Option(names = "--trace-wasi",
            description = "WASI: print every call the program makes to stderr, one line each with its arguments "
                    + "and the errno it returns (wasi: fd_write(1, 1048560, 1, 1048556) -> success).")
    boolean traceWasi;

    @Option(names = "--argv0", paramLabel = "NAME",
            description = "WASI: argv[0] of the program (default: FILE's file name).")
    String argv0;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module: a .wasm binary, .wat text, or what 'bytelift compile' wrote "
            + "(an ahead-of-time .jar, a serialised .cwasm).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments of the invoked function, or of the WASI program (everything after FILE).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int[] code = {INTERNAL_ERROR_EXIT};
        long timeoutNanos;
        try {
            flags = WasmtimeFlags.parse(wasmFlags, wasiFlags);
            if (flags.fuel != null) fuel = flags.fuel;
            if (flags.timeout != null) timeout = flags.timeout;
            if (flags.maxWasmStack != null) maxWasmStack = flags.maxWasmStack;
            timeoutNanos = timeout == null ? 0 : Durations.parse(timeout);
            if (maxWasmStack < 1 || maxWasmStack > EngineConfig.MAX_MAX_WASM_STACK) {
                throw new IllegalArgumentException("--max-wasm-stack must be between 1 and " + EngineConfig.MAX_MAX_WASM_STACK);
            }
            if (fuel != null && fuel < 0) throw new IllegalArgumentException("--fuel must not be negative");
            if (compileThreads != null && compileThreads < 0) throw new IllegalArgumentException("--compile-threads must not be negative");
            if (cacheMaxSize != null) CacheSize.parse(cacheMaxSize);
        } catch (IllegalArgumentException e) {
            // a usage error: picocli's handler prints it and exits USAGE_EXIT
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        deadline = System.nanoTime() + timeoutNanos;
        // WebAssembly recursion runs on the JVM stack: give it a thread with a large one; a daemon,
        // so that a compilation abandoned at the timeout does not keep the process alive
        Thread t = new Thread(null, () -> code[0] = guarded(() -> runModule(out, err), out, err), "bytelift-main", 1L << 30);
        t.setDaemon(true);
        t.start();
        try {
            if (timeout == null) {
                t.join();
            } else {
                // compiling or instantiating past the deadline is abandoned at once; a running guest
                // is interrupted by the epoch and reports its own trap, which gets a grace period
                // (a host call that does not return within it is abandoned too)
                t.join(Math.max(1, timeoutNanos / 1_000_000));
                if (t.isAlive() && "running".equals(phase)) t.join(Math.max(1, GRACE_NANOS / 1_000_000));
                if (t.isAlive()) {
                    abandoned = true;
                    t.interrupt(); // the compiler stops at the next function
                    out.flush();
                    err.println("error: timed out after " + timeout + " while " + phase);
                    err.flush();
                    return TIMEOUT_EXIT;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        out.flush();
        err.flush();
        return code[0];
    }

    /** Exit code when --timeout expires outside WebAssembly code (compiling, instantiating, in a host call). */
    static final int TIMEOUT_EXIT = 124;
    /** How long past the deadline the guest gets to notice its epoch interruption and trap by itself. */
    private static final long GRACE_NANOS = 500_000_000L;
    /** When --timeout expires (System.nanoTime()); it bounds compiling, instantiating and running together. */
    private long deadline;
    /** What the command is doing, for the timeout message. */
    private volatile String phase = "starting";
    /** The -W and -S options, parsed by {@link #call}. */
    private WasmtimeFlags flags;
    /** Set when the timeout gave up on the command's thread: it must print nothing more. */
    private volatile boolean abandoned;

    /**
     * Runs {@code body}, reporting any unexpected exception or error it throws (a bug of ours, never
     * the guest's doing) in one line and returning a non-zero status, so that a script never takes
     * it for success.
     */
    static int guarded(IntSupplier body, PrintWriter out, PrintWriter err) {
        try {
            return body.getAsInt();
        } catch (Throwable e) {
            out.flush();
            err.println(internalError(e));
            return INTERNAL_ERROR_EXIT;
        }
    }

    /** The one line printed for an unexpected exception or error. */
    static String internalError(Throwable e) {
        StackTraceElement[] at = e.getStackTrace();
        return "error: internal error: " + e + (at.length > 0 ? " at " + at[0] : "") + " (this is a bug in Bytelift)";
    }

    private int runModule(PrintWriter out, PrintWriter err) {
        byte[] bytes = ModuleFiles.read(file, err);
        if (bytes == null) return 1;
        Thread ticker = null;
        Wasi wasi = null;
        try {
            EngineConfig.Builder config = EngineConfig.builder().maxWasmStack(maxWasmStack)
                    .compileThreads(compileThreads != null ? compileThreads : defaultCompileThreads())
                    .lazyCompilation(lazyCompilation);
            if (dumpClasses != null) config.dumpClassesDir(dumpClasses);
            if (fuel != null) config.consumeFuel(true);
            if (timeout != null) config.epochInterruption(true);
            Engine engine = new Engine(config.build());
            phase = "compiling";
            boolean text = file.toString().endsWith(".wat") || Engine.looksLikeText(bytes);
            // a module without a name section is named by its file in backtraces, not <unknown>
            Path fileName = file.getFileName();
            String name = fileName != null ? fileName.toString() : file.toString();
            // ahead of time (bytelift compile): a jar of classes, or a serialised module
            Module precompiled = Precompiled.load(engine, file, bytes);
            ModuleCache cache = text || dumpClasses != null || precompiled != null ? null : cache(err);
            Module module = precompiled != null ? precompiled : text ? engine.compileText(bytes, file.toString(), name)
                    : cache != null ? cache.compile(engine, bytes, name) : engine.compile(bytes, name);
            phase = "instantiating";
            Store store = new Store(engine);
            if (fuel != null) store.setFuel(fuel);
            // Wasmtime caps each linear memory; the store's allocation limit caps memories and tables
            // together, which for the one module the CLI runs is the same bound plus its tables
            if (flags.maxMemorySize != null) store.setAllocationLimit(flags.maxMemorySize);
            store.setTrapOnGrowFailure(flags.trapOnGrowFailure);
            if (timeout != null) {
                store.setEpochDeadline(1);
                ticker = Durations.tickAfter(engine, Math.max(0, deadline - System.nanoTime()));
            }
            Linker linker = new Linker();
            if (Wasi.isImportedBy(module)) {
                wasi = WasiOptions.build(file, argv0, args, dirs, envs, flags.inheritEnv,
                        traceWasi ? line -> err.println("wasi: " + line) : null);
                wasi.addToLinker(linker, store);
            } else if (!dirs.isEmpty() || !envs.isEmpty() || flags.inheritEnv || traceWasi) {
                err.println("warning: " + file + " does not import WASI: --dir, --env, --trace-wasi and -S have no effect");
            }
            Instance instance = linker.instantiate(store, module);
            phase = "running";
            if (invoke != null) {
                Extern e = instance.getExport(invoke);
                if (!(e instanceof Func f)) {
                    err.println("error: " + file + " has no exported function named '" + invoke + "'");
                    return 1;
                }
                FuncType type = f.type();
                if (args.size() != type.paramCount()) {
                    err.println("error: '" + invoke + "' takes " + type.paramCount() + " argument(s) " + type.params()
                            + ", got " + args.size());
                    return 1;
                }
                Object[] a = new Object[args.size()];
                for (int i = 0; i < a.length; i++) a[i] = ValueFormat.parse(type.param(i), args.get(i));
                Object[] results = f.call(a);
                for (int i = 0; i < results.length; i++) out.println(ValueFormat.format(type.result(i), results[i]));
            } else if (instance.getExport("_start") instanceof Func start) {
                if (wasi != null) return exitStatus(wasi.start(instance), err);
                start.call();
            } else if (!args.isEmpty() && wasi == null) {
                err.println("error: arguments given but nothing to pass them to (use --invoke NAME)");
                return 1;
            }
            return 0;
        } catch (WasiExitException exit) {
            return exitStatus(exit.exitCode(), err);
        } catch (Trap trap) {
            out.flush();
            err.println("error: wasm trap: " + trap.describe());
            return TRAP_EXIT;
        } catch (dev.bytelift.runtime.ThrownException e) {
            out.flush();
            // not a trap: an exception no WebAssembly handler caught (Wasmtime's CLI fails with 1 too)
            err.println("error: " + e.getMessage());
            return 1;
        } catch (TextFormatException e) {
            err.println("error: " + e.getMessage()); // file:line:column: message
            return 1;
        } catch (CompileException e) {
            // a text module's validation error may already say where: "app.wat:5:7: type mismatch"
            boolean located = e.getMessage().startsWith(file + ":");
            err.println("error: " + file + " is not a valid module: " + (located ? e.getMessage().substring(
                    file.toString().length() + 1) : e.getMessage()));
            return 1;
        } catch (LinkException e) {
            err.println("error: cannot instantiate " + file + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | WasmException e) {
            if (!abandoned) err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (ticker != null) ticker.interrupt();
            if (wasi != null) wasi.close();
        }
    }

    /** The module cache the options ask for, or null ({@code --no-cache}). */
    private ModuleCache cache(PrintWriter err) {
        if (noCache) return null;
        long max = cacheMaxSize == null ? ModuleCache.DEFAULT_MAX_BYTES : CacheSize.parse(cacheMaxSize);
        return new ModuleCache(cacheDir != null ? cacheDir : ModuleCache.defaultDirectory(), max,
                warning -> err.println("warning: " + warning));
    }

    /**
     * The process exit status for a WASI exit code. Like Wasmtime, only 0-125 pass through: higher
     * values clash with the shell's codes for signals, so they are an error (status 1).
     */
    private static int exitStatus(int code, PrintWriter err) {
        if (code >= 0 && code < 126) return code;
        err.println("error: exit with invalid exit status outside of [0..126): " + Integer.toUnsignedString(code));
        return 1;
    }
}
