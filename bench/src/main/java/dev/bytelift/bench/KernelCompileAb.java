package dev.bytelift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warm compile time per module of two (or more) Bytelift jars in one JVM, interleaved, for A/B
 * comparisons of the compiler on a shared machine:
 *
 * <pre>
 * java -XX:+UseSerialGC -cp bench/target/classes dev.bytelift.bench.KernelCompileAb \
 *     [--rounds 40] [--reps 10] [--warmup-s 8] [--lazy] LABEL=JAR... -- FILE.wasm|DIR...
 * </pre>
 *
 * Each jar (a {@code bytelift-cli.jar}, which holds runtime and compiler) gets its own class
 * loader and one {@code Engine} compiling on the calling thread ({@code compileThreads(1)} where
 * the build has it); nothing of Bytelift is on this class's own class path, so the jars do not
 * see each other. After a warm-up of {@code warmup-s} seconds per jar, every round compiles each
 * module {@code reps} times with each jar, the jars taking turns and the first turn rotating,
 * so that load from others falls on all alike. The figure of a round is the calling thread's CPU
 * time per compile ({@code ThreadMXBean}: not the JIT's or GC threads', and it moves little with
 * the load, unlike wall time, which is printed too, as are the kilobytes allocated per compile,
 * whose collection that CPU time leaves out). Prints the median over rounds per module and jar, and
 * each jar's CPU ratio to the first.
 */
public final class KernelCompileAb {
    private KernelCompileAb() {}

    /** One jar under test: an engine in its own class loader, and its compile method. */
    private record Subject(String label, Object engine, Method compile, ClassLoader loader) {
        static Subject load(String label, Path jar, boolean lazy) throws Exception {
            URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> configClass = Class.forName("dev.bytelift.runtime.EngineConfig", true, cl);
            Object builder = configClass.getMethod("builder").invoke(null);
            try {
                builder.getClass().getMethod("compileThreads", int.class).invoke(builder, 1);
            } catch (NoSuchMethodException older) {
                // a build from before parallel compilation compiles on the caller's thread anyway
            }
            if (lazy) builder.getClass().getMethod("lazyCompilation", boolean.class).invoke(builder, true);
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> engineClass = Class.forName("dev.bytelift.runtime.Engine", true, cl);
            Object engine = engineClass.getConstructor(configClass).newInstance(config);
            return new Subject(label, engine, engineClass.getMethod("compile", byte[].class), cl);
        }

        Object compile(byte[] wasm) throws Exception {
            return compile.invoke(engine, (Object) wasm);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = 40, reps = 10;
        double warmupSeconds = 8;
        List<Subject> subjects = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        boolean inFiles = false, lazy = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (inFiles) {
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> f.toString().endsWith(".wasm")).sorted().forEach(files::add);
                    }
                } else {
                    files.add(p);
                }
            } else if (a.equals("--")) {
                inFiles = true;
            } else if (a.equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (a.equals("--reps")) {
                reps = Integer.parseInt(args[++i]);
            } else if (a.equals("--lazy")) {
                lazy = true; // lazy compilation: decoding, validation and the main classes (give it before the jars)
            } else if (a.equals("--warmup-s")) {
                warmupSeconds = Double.parseDouble(args[++i]);
            } else {
                int eq = a.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("expected LABEL=JAR, got " + a);
                subjects.add(Subject.load(a.substring(0, eq), Path.of(a.substring(eq + 1)), lazy));
            }
        }
        if (subjects.isEmpty() || files.isEmpty()) {
            System.err.println("usage: KernelCompileAb [--rounds N] [--reps N] [--warmup-s S] [--lazy] LABEL=JAR... -- FILE.wasm|DIR...");
            System.exit(2);
        }
        byte[][] wasm = new byte[files.size()][];
        for (int k = 0; k < wasm.length; k++) wasm[k] = Files.readAllBytes(files.get(k));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;

        // warm-up: every jar compiles every module until its time is up
        for (Subject s : subjects) {
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < until) {
                for (byte[] w : wasm) s.compile(w);
            }
        }

        int n = subjects.size();
        // [subject][module][round] CPU and wall nanoseconds per compile; module index wasm.length = all together
        double[][][] cpu = new double[n][wasm.length + 1][rounds];
        double[][][] wall = new double[n][wasm.length + 1][rounds];
        double[][][] bytes = new double[n][wasm.length + 1][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int si = (r + j) % n;
                Subject s = subjects.get(si);
                for (int k = 0; k < wasm.length; k++) {
                    long a0 = alloc.getCurrentThreadAllocatedBytes();
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) s.compile(wasm[k]);
                    long t1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime();
                    long a1 = alloc.getCurrentThreadAllocatedBytes();
                    bytes[si][k][r] = (a1 - a0) / (double) reps;
                    bytes[si][wasm.length][r] += bytes[si][k][r];
                    cpu[si][k][r] = (c1 - c0) / (double) reps;
                    wall[si][k][r] = (t1 - t0) / (double) reps;
                    cpu[si][wasm.length][r] += cpu[si][k][r];
                    wall[si][wasm.length][r] += wall[si][k][r];
                }
            }
        }

        StringBuilder head = new StringBuilder(String.format("%-22s", "module (ms per compile)"));
        for (Subject s : subjects) head.append(String.format(" %10s", s.label + " cpu"));
        for (int j = 1; j < n; j++) head.append(String.format(" %12s", subjects.get(j).label + "/" + subjects.get(0).label));
        for (Subject s : subjects) head.append(String.format(" %10s", s.label + " wall"));
        for (Subject s : subjects) head.append(String.format(" %10s", s.label + " KB"));
        System.out.println(head);
        for (int k = 0; k <= wasm.length; k++) {
            String name = k < wasm.length ? files.get(k).getFileName().toString() : "all (sum)";
            StringBuilder line = new StringBuilder(String.format("%-22s", name));
            double base = median(cpu[0][k]);
            for (int j = 0; j < n; j++) line.append(String.format(" %10.3f", median(cpu[j][k]) / 1e6));
            for (int j = 1; j < n; j++) line.append(String.format(" %12.3f", median(cpu[j][k]) / base));
            for (int j = 0; j < n; j++) line.append(String.format(" %10.3f", median(wall[j][k]) / 1e6));
            for (int j = 0; j < n; j++) line.append(String.format(" %10.0f", median(bytes[j][k]) / 1024));
            System.out.println(line);
        }
        System.out.printf("rounds=%d reps=%d warmup=%.0fs per jar; medians over rounds of the calling thread's CPU time%n",
                rounds, reps, warmupSeconds);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
