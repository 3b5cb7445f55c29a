package dev.bytelift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/**
 * Bytes to compiled module ({@code Engine.compile}), repeated, for measuring compile time with
 * and without parallel compilation, without JMH:
 *
 * <pre>
 * java [JVM flags] -cp bytelift-cli.jar:DIR dev.bytelift.bench.CompileTimeProbe THREADS REPEATS FILE.wasm...
 * </pre>
 *
 * THREADS is {@code EngineConfig.Builder.compileThreads} ({@code -} leaves the configuration
 * alone, for builds without that option: it is set by reflection, so this class compiles and
 * runs against any Bytelift jar), or a comma-separated list of them, which then take turns in the
 * same JVM (for the compiler's steady state on a busy machine). Prints one line per compile: wall milliseconds, the process's
 * CPU milliseconds (every thread: compile helpers, JIT, GC) and the calling thread's. Repeat 0 in
 * a fresh JVM is what a command-line user pays; later ones show the compiler JIT-compiled. With
 * {@code -Dprobe.lazy=true} the engine compiles lazily ({@code EngineConfig.Builder.lazyCompilation}:
 * the compile is then mostly validation, bench/README.md "Lazy compilation"). Run by
 * {@code bench/scripts/compile-threads.sh}, which alternates fresh JVMs of each setting.
 */
public final class CompileTimeProbe {
    private CompileTimeProbe() {}

    /**
     * The CPU time of the compiler's helper threads ({@code bytelift-compile-N}), sampled every
     * millisecond while they live (they end with their compilation, taking their counters along;
     * the last millisecond of each is missed). Unlike wall time on a shared machine, this does not
     * depend on how many cores others leave free.
     */
    static final class HelperCpu {
        private final ThreadMXBean mx;
        private final java.util.Map<Long, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, Boolean> isHelper = new java.util.concurrent.ConcurrentHashMap<>();

        HelperCpu(ThreadMXBean mx) {
            this.mx = mx;
            Thread t = new Thread(this::sample, "helper-cpu-sampler");
            t.setDaemon(true);
            t.start();
        }

        private void sample() {
            while (true) {
                for (long id : mx.getAllThreadIds()) {
                    boolean helper = isHelper.computeIfAbsent(id, x -> {
                        var info = mx.getThreadInfo(x);
                        return info != null && info.getThreadName().startsWith("bytelift-compile-");
                    });
                    if (!helper) continue;
                    long cpu = mx.getThreadCpuTime(id);
                    if (cpu > 0) seen.merge(id, cpu, Math::max);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            seen.clear();
        }

        long cpuNanos() {
            long sum = 0;
            for (long v : seen.values()) sum += v;
            return sum;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CompileTimeProbe THREADS|- REPEATS FILE.wasm...");
            System.exit(2);
        }
        int repeats = Integer.parseInt(args[1]);
        String[] settings = args[0].split(",");
        EngineConfig[] configs = new EngineConfig[settings.length];
        for (int k = 0; k < settings.length; k++) {
            EngineConfig.Builder b = EngineConfig.builder();
            if (!settings[k].equals("-")) b.getClass().getMethod("compileThreads", int.class).invoke(b, Integer.parseInt(settings[k]));
            if (Boolean.getBoolean("probe.lazy")) b.getClass().getMethod("lazyCompilation", boolean.class).invoke(b, true);
            configs[k] = b.build();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        HelperCpu helpers = new HelperCpu(mx);
        for (int i = 2; i < args.length; i++) {
            byte[] wasm = Files.readAllBytes(Path.of(args[i]));
            for (int r = 0; r < repeats; r++) {
                for (int j = 0; j < configs.length; j++) {
                    int k = (r + j) % configs.length; // the settings take turns, the first one rotating
                    Engine engine = new Engine(configs[k]);
                    helpers.reset();
                    long cpu0 = os.getProcessCpuTime(), own0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    engine.compile(wasm);
                    long t1 = System.nanoTime(), own1 = mx.getCurrentThreadCpuTime(), cpu1 = os.getProcessCpuTime();
                    System.out.printf("compile file=%s threads=%s rep=%d wall_ms=%.1f cpu_ms=%.1f caller_cpu_ms=%.1f helper_cpu_ms=%.1f%n",
                            Path.of(args[i]).getFileName(), settings[k], r, (t1 - t0) / 1e6, (cpu1 - cpu0) / 1e6, (own1 - own0) / 1e6,
                            helpers.cpuNanos() / 1e6);
                }
            }
        }
    }
}
