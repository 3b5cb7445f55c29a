package dev.bytelift.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite in one JMH session and prints one table (see {@code bench/README.md}):
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.bytelift.bench.BenchMain [--quick|--full]
 *      [--kernels K1,K2,...] [--skip-interpreter] [--skip-limits] [--skip-startup] [--out DIR]
 *      [-- JMH OPTIONS...]
 * java -cp bench/target/benchmarks.jar dev.bytelift.bench.BenchMain --report results.json
 * </pre>
 *
 * Three groups of benchmarks run one after the other, each with its own iteration counts: the
 * execution of every kernel on Bytelift, on Bytelift with fuel metering and with epoch
 * interruption on, and on Chicory's compiler; the same on Chicory's interpreter, with fewer
 * iterations because it is about 100 times slower (the quick profile also leaves out its four
 * slowest kernels, 6 to 10 s per call); and the start-up benchmarks. Then, outside JMH, the
 * latency from an epoch increment to the {@code Interrupt} trap ({@link EpochLatency}).
 * All results go to one JMH JSON file, from which {@link Report} prints the table. Anything after
 * {@code --} is passed to JMH (for example {@code -- -prof gc}). Any benchmark error, a checksum
 * mismatch included, stops the run with exit status 1.
 */
public final class BenchMain {
    private BenchMain() {}

    /** Chicory-interpreter kernels the quick profile skips: each run(1) takes 6-10 s there. */
    static final List<String> SLOW_ON_INTERPRETER = List.of("branchy", "matmul", "memcpy", "sha256");

    /**
     * Iteration counts and times of a profile. The compiled runtimes and the start-up benchmarks
     * use {@code warmups x warmupMs} then {@code iterations x iterationMs}; the interpreter one
     * fork of {@code interpWarmups} + {@code interpIterations} iterations of one second (a call
     * takes 0.5-10 s there, and an iteration always completes at least one call).
     */
    record Profile(String name, int forks, int warmups, int warmupMs, int iterations, int iterationMs,
                   int interpWarmups, int interpIterations, int startupForks) {}

    static final Profile QUICK = new Profile("quick", 1, 3, 1000, 4, 500, 1, 1, 1);
    static final Profile FULL = new Profile("full", 3, 6, 2000, 6, 1000, 1, 3, 2);

    public static void main(String[] args) throws Exception {
        Profile profile = QUICK;
        List<String> kernels = Kernels.names();
        boolean interpreter = true, startup = true, limits = true;
        Path out = null;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick": profile = QUICK; break;
                case "--full": profile = FULL; break;
                case "--kernels": kernels = List.of(args[++i].split(",")); break;
                case "--skip-interpreter": interpreter = false; break;
                case "--skip-limits": limits = false; break;
                case "--skip-startup": startup = false; break;
                case "--out": out = Path.of(args[++i]); break;
                case "--report":
                    for (int j = i + 1; j < args.length; j++) Report.print(Path.of(args[j]), System.out);
                    return;
                case "--":
                    jmhArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                    break;
                default:
                    System.err.println("unknown option " + args[i] + " (see bench/README.md)");
                    System.exit(2);
            }
        }
        for (String k : kernels) Kernels.checksum(k); // fail early on a typo
        if (out == null) {
            out = Path.of("bench", "target", "results");
        }
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = out.resolve("jmh-" + profile.name() + "-" + stamp + ".json");
        Path table = out.resolve("table-" + profile.name() + "-" + stamp + ".txt");

        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH options after --: " + e.getMessage());
            System.exit(2);
            return;
        }

        long start = System.nanoTime();
        List<RunResult> results = new ArrayList<>();
        EpochLatency.Result latency = null;
        try {
            List<String> compiled = new ArrayList<>(List.of(Runtimes.BYTELIFT, Runtimes.CHICORY_COMPILER));
            if (limits) compiled.addAll(List.of(Runtimes.BYTELIFT_FUEL, Runtimes.BYTELIFT_EPOCH));
            results.addAll(run(cli, ExecutionBench.class, profile.forks(), profile.warmups(), profile.warmupMs(),
                    profile.iterations(), profile.iterationMs(), "runtime", compiled, "kernel", kernels));
            if (interpreter) {
                List<String> ks = new ArrayList<>(kernels);
                if (profile == QUICK) ks.removeAll(SLOW_ON_INTERPRETER);
                if (!ks.isEmpty()) {
                    results.addAll(run(cli, ExecutionBench.class, 1, profile.interpWarmups(), 1000,
                            profile.interpIterations(), 1000,
                            "runtime", List.of(Runtimes.CHICORY_INTERPRETER), "kernel", ks));
                }
            }
            if (startup) {
                for (Class<?> c : List.of(StartupBench.class, FirstCallBench.class)) {
                    results.addAll(run(cli, c, profile.startupForks(), profile.warmups(), profile.warmupMs(),
                            profile.iterations(), profile.iterationMs(), null, null, null, null));
                }
            }
            if (limits) latency = EpochLatency.measure(300);
        } catch (RunnerException e) {
            System.err.println();
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            Throwable c = e.getCause();
            while (c != null) {
                System.err.println("  caused by " + c);
                c = c.getCause();
            }
            System.exit(1);
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        try (PrintStream ps = new PrintStream(Files.newOutputStream(table), true, StandardCharsets.UTF_8)) {
            printHeader(ps, profile, seconds, json);
            Report.print(json, ps);
            if (latency != null) ps.println(latency);
        }
        System.out.println();
        printHeader(System.out, profile, seconds, json);
        Report.print(json, System.out);
        if (latency != null) System.out.println(latency);
        System.out.println("(table saved as " + table + ")");
    }

    private static void printHeader(PrintStream ps, Profile p, long seconds, Path json) {
        ps.printf(Locale.ROOT, "Bytelift benchmarks, %s profile: %d fork(s), warm-up %d x %d ms, measurement %d x %d ms"
                        + " (interpreter: 1 fork, %d + %d iterations of 1 s); the JMH run took %d min %d s%n",
                p.name(), p.forks(), p.warmups(), p.warmupMs(), p.iterations(), p.iterationMs(),
                p.interpWarmups(), p.interpIterations(), seconds / 60, seconds % 60);
        ps.printf(Locale.ROOT, "JVM %s (%s), %d CPUs, %s; results %s%n%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), json);
    }

    private static Collection<RunResult> run(CommandLineOptions cli, Class<?> bench, int forks, int warmups,
            int warmupMs, int iterations, int iterationMs, String p1, List<String> v1, String p2,
            List<String> v2) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli)
                .include("^" + bench.getName().replace(".", "\\.") + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(warmupMs))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(iterationMs))
                .shouldFailOnError(true);
        if (p1 != null) b.param(p1, v1.toArray(new String[0]));
        if (p2 != null) b.param(p2, v2.toArray(new String[0]));
        return new Runner(b.build()).run();
    }
}
