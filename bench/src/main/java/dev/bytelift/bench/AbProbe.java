package dev.bytelift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares runtimes on one kernel in one JVM, interleaved: after a warm-up, rounds of about 200 ms
 * per runtime alternate, so that the load of a shared machine hits every runtime alike. Prints the
 * median CPU time per call of each runtime and the median over rounds of its ratio to the first.
 * For investigations (docs/performance.md), not for the published tables:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.bytelift.bench.AbProbe KERNEL RUNTIME1,RUNTIME2,... [ROUNDS]
 * </pre>
 */
public final class AbProbe {
    private AbProbe() {}

    public static void main(String[] args) {
        String kernel = args[0];
        String[] names = args[1].split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] wasm = Kernels.wasm(kernel);
        Runtimes.Kernel[] kernels = new Runtimes.Kernel[names.length];
        for (int i = 0; i < names.length; i++) {
            Runtimes.Runtime rt = Runtimes.create(names[i]);
            kernels[i] = rt.instantiate(rt.compile(wasm));
            Kernels.check(kernel, names[i], kernels[i].run(1));
        }
        for (int i = 0; i < names.length; i++) runFor(kernels[i], kernel, names[i], 3_000_000_000L, mx);
        double[][] perCall = new double[names.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < names.length; i++) perCall[i][r] = runFor(kernels[i], kernel, names[i], 200_000_000L, mx);
        }
        for (int i = 0; i < names.length; i++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) ratios[r] = perCall[i][r] / perCall[0][r];
            System.out.printf(Locale.ROOT, "%-13s %-18s cpu ms/call median %8.3f   ratio to %s: median %.3f (%s)%n",
                    kernel, names[i], median(perCall[i]), names[0], median(ratios), range(ratios));
        }
    }

    /** Calls run(1) for about {@code nanos} of CPU time; returns ms of CPU per call. */
    private static double runFor(Runtimes.Kernel k, String kernel, String runtime, long nanos, ThreadMXBean mx) {
        long start = mx.getCurrentThreadCpuTime();
        long now = start;
        int calls = 0;
        while (now - start < nanos || calls == 0) {
            Kernels.check(kernel, runtime, k.run(1));
            calls++;
            now = mx.getCurrentThreadCpuTime();
        }
        return (now - start) / 1e6 / calls;
    }

    private static double median(double[] xs) {
        double[] a = xs.clone();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String range(double[] xs) {
        double[] a = xs.clone();
        Arrays.sort(a);
        List<String> q = new ArrayList<>();
        for (double p : new double[] {0.25, 0.75}) q.add(String.format(Locale.ROOT, "%.3f", a[(int) (p * (a.length - 1))]));
        return "Q1-Q3 " + String.join("-", q);
    }
}
