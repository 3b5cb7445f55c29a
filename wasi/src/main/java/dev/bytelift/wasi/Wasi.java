package dev.bytelift.wasi;

import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.wasi.internal.Imports;
import dev.bytelift.wasi.internal.WasiContext;

/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for programs run by Bytelift: arguments,
 * environment, stdio, clocks, randomness, {@code poll_oneoff} and a file system confined to the
 * directories the host grants.
 *
 * <pre>{@code
 * Linker linker = new Linker(engine);
 * Wasi.addToLinker(linker);                       // once: the linker serves every store
 * InstancePre pre = linker.instantiatePre(module);
 *
 * Store store = new Store(engine);                // per run
 * Wasi wasi = Wasi.builder()
 *         .args("app.wasm", "--verbose")
 *         .env("HOME", "/home/guest")
 *         .inheritStdio()
 *         .preopenDir(Path.of("data"), "/data")
 *         .build();
 * wasi.attachTo(store);                           // this store's program state
 * int exitCode = wasi.start(pre.instantiate(store));   // runs _start
 * }</pre>
 *
 * <p>The functions {@link #addToLinker(Linker)} defines find the calling store's {@code Wasi}
 * ({@link #attachTo}) on each call, so one linker serves stores with different arguments,
 * environments, stdio and directories. {@link #addToLinker(Linker, Store)} instead binds this
 * {@code Wasi} into a linker for one store.
 *
 * <p><b>Sandbox.</b> The guest reaches only what lies below a preopened directory: absolute paths,
 * {@code ..} and symbolic links that would leave it fail with {@code ENOTCAPABLE}, and since every
 * path is resolved and used relative to directory handles without following links, this holds
 * even while other programs change the directory concurrently. The guest sees
 * no environment variable and no host stdio unless granted. See {@code docs/wasi.md}.
 *
 * <p>One {@code Wasi} serves one program run: it holds the program's open files, so attach it
 * to one store only. It is used by
 * one thread at a time, like a {@link Store}. It holds the preopened directories open from
 * {@link Builder#build()} on; {@link #close()} releases them and the files.
 */
public final class Wasi implements AutoCloseable {
    /** The import module name of WASI preview 1. */
    public static final String MODULE = Imports.MODULE;

    private final WasiContext context;

    private Wasi(WasiContext context) {
        this.context = context;
    }

    /** A builder with no arguments, no environment, empty stdin, discarded output and no directories. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code module} imports anything from {@code wasi_snapshot_preview1}. */
    public static boolean isImportedBy(Module module) {
        for (ImportType i : module.imports()) {
            if (MODULE.equals(i.module())) return true;
        }
        return false;
    }

    /**
     * Defines every {@code wasi_snapshot_preview1} function in {@code linker} for every store:
     * each call uses the {@code Wasi} {@linkplain #attachTo attached} to the calling store (a call
     * in a store without one throws an {@link IllegalStateException}). The definitions are shared,
     * so do this once per linker, not per store.
     */
    public static void addToLinker(Linker linker) {
        for (Imports.Definition d : SHARED) {
            linker.defineFunction(MODULE, d.name(), d.type(), d.function());
        }
    }

    /** The functions of {@link #addToLinker(Linker)}: made once, every linker may define them. */
    private static final java.util.List<Imports.Definition> SHARED = Imports.definitions(Wasi::contextOf);

    private static WasiContext contextOf(dev.bytelift.runtime.Caller caller) {
        Wasi wasi = caller.store().data(Wasi.class);
        if (wasi == null) {
            throw new IllegalStateException("this store has no WASI state: attach one with wasi.attachTo(store)"
                    + " before calling a WASI function");
        }
        return wasi.context;
    }

    /**
     * Makes this the WASI state of {@code store}: its arguments, environment, stdio, directories and
     * open files serve the WASI calls of that store's instances when the functions come from
     * {@link #addToLinker(Linker)}. Stored as the store's data under {@code Wasi.class}
     * ({@link Store#data}).
     *
     * @throws IllegalStateException if another {@code Wasi} is attached to {@code store}
     */
    public void attachTo(Store store) {
        Wasi current = store.data(Wasi.class);
        if (current != null && current != this) {
            throw new IllegalStateException("the store has another WASI state attached");
        }
        store.setData(Wasi.class, this);
    }

    /**
     * Defines every {@code wasi_snapshot_preview1} function in {@code linker}, bound to this
     * {@code Wasi}, for instances of {@code store} only. A linker that serves many stores uses
     * {@link #addToLinker(Linker)} and {@link #attachTo} instead.
     */
    public void addToLinker(Linker linker, Store store) {
        for (Imports.Definition d : Imports.definitions(context)) {
            linker.defineFunction(store, MODULE, d.name(), d.type(), d.function());
        }
    }

    /**
     * Runs a command module: calls its {@code _start} export and returns the exit code, 0 if
     * {@code _start} returns and {@code N} if the program calls {@code proc_exit(N)}. Traps
     * propagate. stdout and stderr are flushed either way.
     *
     * @throws WasmException if {@code instance} does not export a function {@code _start}
     */
    public int start(Instance instance) {
        if (!(instance.getExport("_start") instanceof Func start)) {
            throw new WasmException("the module has no _start function to run");
        }
        try {
            start.call();
            return 0;
        } catch (WasiExitException e) {
            return e.exitCode();
        } finally {
            context.flushStdio();
        }
    }

    /** Closes the files the program left open and flushes stdout and stderr. */
    @Override
    public void close() {
        context.close();
    }

    /** Configures a {@link Wasi}. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<WasiContext.Preopen> preopens = new ArrayList<>();
        private InputStream stdin = new ByteArrayInputStream(new byte[0]);
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private boolean stdinTerminal;
        private boolean stdoutTerminal;
        private boolean stderrTerminal;
        private SecureRandom random;
        private java.util.function.Consumer<String> trace;

        private Builder() {}

        /** Appends to argv; {@code argv[0]} is by convention the program name. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** Appends to argv. */
        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        /** Sets an environment variable (the guest sees only the variables set here). */
        public Builder env(String key, String value) {
            if (key.isEmpty() || key.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: '" + key + "'");
            }
            env.put(key, value);
            return this;
        }

        /** Sets several environment variables. */
        public Builder env(Map<String, String> values) {
            values.forEach(this::env);
            return this;
        }

        /** The guest's stdin (default: empty). */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            this.stdinTerminal = false;
            return this;
        }

        /** Where the guest's stdout goes (default: discarded). Flushed after every write. */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            this.stdoutTerminal = false;
            return this;
        }

        /** Where the guest's stderr goes (default: discarded). Flushed after every write. */
        public Builder stderr(OutputStream out) {
            this.stderr = out;
            this.stderrTerminal = false;
            return this;
        }

        /**
         * The guest's stdio is the JVM's ({@code System.in}, {@code System.out}, {@code System.err}),
         * reported to the guest as a terminal when the JVM runs in one.
         */
        public Builder inheritStdio() {
            boolean terminal = isTerminal();
            stdin = System.in;
            stdout = System.out;
            stderr = System.err;
            stdinTerminal = stdoutTerminal = stderrTerminal = terminal;
            return this;
        }

        /**
         * Grants the guest the host directory {@code host}, under the name {@code guest} (the
         * prefix wasi-libc matches absolute paths against, e.g. {@code "/data"} or {@code "."}).
         * Preopens get descriptors 3, 4, ... in the order they are added.
         */
        public Builder preopenDir(Path host, String guest) {
            preopens.add(new WasiContext.Preopen(host, guest));
            return this;
        }

        /**
         * Reports every WASI call the program makes to {@code sink}, as one line with its
         * arguments (unsigned) and the errno it returns by its witx name:
         * {@code fd_write(1, 1048560, 1, 1048556) -> success}, {@code path_open(3, 0, ...) -> noent};
         * {@code proc_exit(N)} is reported before it runs. Called on the guest's thread, in order;
         * {@code null} (the default) reports nothing. The command line's {@code --trace-wasi}.
         */
        public Builder trace(java.util.function.Consumer<String> sink) {
            this.trace = sink;
            return this;
        }

        /** The source of {@code random_get} (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        /**
         * Creates the WASI instance.
         *
         * @throws IllegalArgumentException if a preopened directory is not a directory
         * @throws UncheckedIOException if a preopened directory cannot be resolved or opened
         * @throws UnsupportedOperationException if directories are granted on a host that cannot
         *     hold directory handles ({@link java.nio.file.SecureDirectoryStream}, e.g. Windows):
         *     the sandbox would not be race-free there, so it refuses
         */
        public Wasi build() {
            List<WasiContext.Preopen> resolved = new ArrayList<>();
            for (WasiContext.Preopen p : preopens) {
                if (!Files.isDirectory(p.host())) {
                    throw new IllegalArgumentException("not a directory: " + p.host());
                }
                try {
                    // the root is trusted: pin it to the real directory once, here
                    resolved.add(new WasiContext.Preopen(p.host().toRealPath(), p.guest()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open directory " + p.host(), e);
                }
            }
            List<String> environ = new ArrayList<>();
            env.forEach((k, v) -> environ.add(k + "=" + v));
            WasiContext ctx = new WasiContext(args, environ,
                    new WasiContext.Stdio(stdin, stdinTerminal),
                    new WasiContext.Stdio(stdout, stdoutTerminal),
                    new WasiContext.Stdio(stderr, stderrTerminal),
                    resolved, random);
            ctx.trace(trace);
            return new Wasi(ctx);
        }

        /** Whether the JVM's stdin and stdout are a terminal. */
        private static boolean isTerminal() {
            Console c = System.console();
            if (c == null) return false;
            try {
                // Java 22+: a Console may exist without a terminal
                Method m = Console.class.getMethod("isTerminal");
                return (Boolean) m.invoke(c);
            } catch (NoSuchMethodException e) {
                return true; // Java 17-21: a Console exists only for a terminal
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
    }
}
