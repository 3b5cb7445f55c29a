package dev.bytelift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A plain loop around one kernel, without JMH, for profiling with JVM flags such as
 * {@code -XX:+PrintCompilation} or {@code -prof}-less tools:
 *
 * <pre>
 * java [JVM flags] -cp bench/target/benchmarks.jar dev.bytelift.bench.Probe RUNTIME KERNEL[,KERNEL...] [SECONDS]
 * </pre>
 *
 * A KERNEL may be written {@code NAME=FILE.wasm} to run a variant build of kernel NAME from a file
 * (checked against NAME's checksum).
 *
 * Runs {@code run(1)} repeatedly for SECONDS (default 5) per kernel, checks every result and
 * prints the first-call time and the median of the last half of the calls, in wall-clock time and
 * in CPU time of the calling thread (the latter is less disturbed by other processes on a busy
 * machine).
 */
public final class Probe {
    private Probe() {}

    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 2) {
            System.err.println("usage: Probe RUNTIME KERNEL[,KERNEL...]|all [SECONDS]");
            System.exit(2);
        }
        Runtimes.Runtime rt = Runtimes.create(args[0]);
        List<String> kernels = args[1].equals("all") ? Kernels.names() : List.of(args[1].split(","));
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-14s %12s %12s %12s %8s%n", "kernel", "first ms", "median ms", "median cpu", "calls");
        for (String spec : kernels) {
            String k = spec;
            byte[] wasm;
            int eq = k.indexOf('=');
            if (eq > 0) {
                wasm = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(k.substring(eq + 1)));
                k = k.substring(0, eq);
            } else {
                wasm = Kernels.wasm(k);
            }
            long t0 = System.nanoTime();
            Runtimes.Kernel kernel = rt.instantiate(rt.compile(wasm));
            long t1 = System.nanoTime();
            Kernels.check(k, args[0], kernel.run(1));
            long first = System.nanoTime() - t1;
            long[] times = new long[1 << 16];
            long[] cpu = new long[1 << 16];
            int n = 0;
            long end = t0 + (long) (seconds * 1e9);
            while (n < times.length && (n < 3 || System.nanoTime() < end)) {
                long c = mx.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                long r = kernel.run(1);
                times[n] = System.nanoTime() - s;
                cpu[n++] = mx.getCurrentThreadCpuTime() - c;
                Kernels.check(k, args[0], r);
            }
            System.out.printf("%-14s %12.3f %12.3f %12.3f %8d%n", k, first / 1e6, tailMedian(times, n) / 1e6,
                    tailMedian(cpu, n) / 1e6, n);
        }
    }

    private static long tailMedian(long[] a, int n) {
        long[] tail = Arrays.copyOfRange(a, n / 2, n);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }
}
