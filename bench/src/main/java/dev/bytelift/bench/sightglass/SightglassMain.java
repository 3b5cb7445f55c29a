package dev.bytelift.bench.sightglass;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.wasi.Wasi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs one Sightglass benchmark program once, in a fresh JVM, the way a user runs a WASI program:
 * read, compile, instantiate, {@code _start}. Prints one line,
 *
 * <pre>sightglass engine=bytelift bench=DIR/NAME compile_s=.. instantiate_s=.. measured_s=.. run_s=.. exit=N stdout=ok|ok-numbers|mismatch|unchecked stderr=..</pre>
 *
 * (with {@code -Dsightglass.marks=true} first a line {@code sightglass-marks start_epoch_ms=.. end_epoch_ms=..},
 * the wall-clock instants of {@code bench.start} and {@code bench.end}), where measured_s is Sightglass's measured part ({@code bench.start} to {@code bench.end}) and
 * run_s the whole {@code _start} call. The whole-process time (JVM start and exit included) can
 * only be seen from outside: {@code bench/scripts/sightglass.sh} times this process.
 *
 * <p>Uses only the public embedding API, so the driver can compile this class against an older
 * Bytelift jar for before/after comparisons. Exit status: 0 if the program exited 0 and its
 * outputs matched, 1 otherwise, 2 on bad usage.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.bytelift.bench.sightglass.SightglassMain path/to/NAME.wasm</pre>
 */
public final class SightglassMain {
    private SightglassMain() {}

    /** One run's figures (seconds) and verdicts; measured is NaN if bench.start/end were not both called. */
    record Result(String bench, double compile, double instantiate, double measured, double run, int exit,
                  String stdout, String stderr, byte[] out, byte[] err) {
        boolean ok() {
            return exit == 0 && !stdout.equals("mismatch") && !stderr.equals("mismatch") && !Double.isNaN(measured);
        }

        String line() {
            return String.format(Locale.ROOT,
                    "sightglass engine=bytelift bench=%s compile_s=%.6f instantiate_s=%.6f measured_s=%.6f run_s=%.6f exit=%d stdout=%s stderr=%s",
                    bench, compile, instantiate, measured, run, exit, stdout, stderr);
        }
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length != 1) {
            System.err.println("usage: SightglassMain path/to/benchmark.wasm");
            System.exit(2);
        }
        Result r = run(Path.of(argv[0]));
        System.out.println(r.line());
        if (!r.ok()) {
            System.err.println("--- stdout ---\n" + new String(r.out(), StandardCharsets.UTF_8));
            System.err.println("--- stderr ---\n" + new String(r.err(), StandardCharsets.UTF_8));
        }
        System.exit(r.ok() ? 0 : 1);
    }

    /**
     * The engine {@code ./bytelift run} makes: compile threads as the CLI chooses them (one per
     * processor but one, at least one); with {@code -Dsightglass.lazy=true|false}, lazy compilation
     * set so; with {@code -Dsightglass.fuel=true} or {@code -Dsightglass.epochs=true}, fuel metering
     * or epoch interruption on (never running out). Options go through reflection: the runner must still compile against and run with
     * jars from before them (an option a jar lacks is left at that jar's default, except an
     * explicit {@code sightglass.lazy}, which fails).
     */
    static Engine newEngine() {
        String lazy = System.getProperty("sightglass.lazy");
        dev.bytelift.runtime.EngineConfig.Builder b = dev.bytelift.runtime.EngineConfig.builder();
        try {
            b.getClass().getMethod("compileThreads", int.class)
                    .invoke(b, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        } catch (ReflectiveOperationException e) {
            // an old jar: its engine's default
        }
        if (lazy != null) {
            try {
                b.getClass().getMethod("lazyCompilation", boolean.class).invoke(b, Boolean.parseBoolean(lazy));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("-Dsightglass.lazy: this Bytelift jar has no lazy compilation", e);
            }
        }
        // issue 19's whole-process overheads: fuel metering or epoch interruption on, never running out
        if (Boolean.getBoolean("sightglass.fuel")) b.consumeFuel(true);
        if (Boolean.getBoolean("sightglass.epochs")) b.epochInterruption(true);
        return new Engine(b.build());
    }

    /**
     * {@code engine.compile(bytes)}; with {@code -Dsightglass.cache=DIR} through a module cache in
     * DIR (by reflection: the runner must still compile against jars from before the cache).
     */
    static dev.bytelift.runtime.Module compile(Engine engine, byte[] bytes) {
        String dir = System.getProperty("sightglass.cache");
        if (dir == null) return engine.compile(bytes);
        try {
            Class<?> cache = Class.forName("dev.bytelift.runtime.ModuleCache");
            Object c = cache.getConstructor(Path.class).newInstance(Path.of(dir));
            return (dev.bytelift.runtime.Module) cache.getMethod("compile", Engine.class, byte[].class, String.class)
                    .invoke(c, engine, bytes, null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-Dsightglass.cache: this Bytelift jar has no module cache", e);
        }
    }

    /** Compiles, instantiates and runs {@code wasm} in its own folder; traps and link errors propagate. */
    static Result run(Path wasm) throws IOException {
        wasm = wasm.toAbsolutePath();
        Path dir = wasm.getParent();
        String bench = dir.getFileName() + "/" + wasm.getFileName().toString().replaceFirst("\\.wasm$", "");

        byte[] bytes = Files.readAllBytes(wasm);
        long t0 = System.nanoTime();
        Engine engine = newEngine();
        dev.bytelift.runtime.Module module = compile(engine, bytes);
        long t1 = System.nanoTime();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Store store = new Store(engine);
        if (Boolean.getBoolean("sightglass.fuel")) store.setFuel(Long.MAX_VALUE / 2);
        if (Boolean.getBoolean("sightglass.epochs")) store.setEpochDeadline(Long.MAX_VALUE / 2);
        Linker linker = new Linker();
        FuncType unit = FuncType.of(List.of(), List.of());
        long[] marks = {-1, -1};
        // upstream's protocol: each is called exactly once, around the part worth measuring
        linker.defineFunction(store, "bench", "start", unit, (caller, args) -> {
            marks[0] = System.nanoTime();
            return null;
        });
        linker.defineFunction(store, "bench", "end", unit, (caller, args) -> {
            marks[1] = System.nanoTime();
            return null;
        });
        int exit;
        long t2;
        long t3;
        // argv[0] only, the program's folder preopened as "." (inputs are read by relative path)
        try (Wasi wasi = Wasi.builder().args(wasm.getFileName().toString()).stdout(out).stderr(err)
                .preopenDir(dir, ".").build()) {
            wasi.addToLinker(linker, store);
            Instance instance = linker.instantiate(store, module);
            t2 = System.nanoTime();
            exit = wasi.start(instance);
            t3 = System.nanoTime();
        }
        if (Boolean.getBoolean("sightglass.marks") && marks[1] >= 0) {
            // wall-clock instants of bench.start/end, to place JFR events (bench/scripts/warmup_profile.py)
            long nowNanos = System.nanoTime();
            double nowMs = System.currentTimeMillis();
            System.out.printf(Locale.ROOT, "sightglass-marks start_epoch_ms=%.3f end_epoch_ms=%.3f%n",
                    nowMs - (nowNanos - marks[0]) / 1e6, nowMs - (nowNanos - marks[1]) / 1e6);
        }
        double measured = marks[0] >= 0 && marks[1] >= marks[0] ? seconds(marks[1] - marks[0]) : Double.NaN;
        return new Result(bench, seconds(t1 - t0), seconds(t2 - t1), measured, seconds(t3 - t2), exit,
                ExpectedOutput.verdict(wasm, "stdout", out.toByteArray()),
                ExpectedOutput.verdict(wasm, "stderr", err.toByteArray()),
                out.toByteArray(), err.toByteArray());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
