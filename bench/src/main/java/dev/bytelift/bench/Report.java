package dev.bytelift.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints the table of a JMH JSON result file of {@link ExecutionBench}, {@link StartupBench} and
 * {@link FirstCallBench}.
 * Every time is the median over all measurement iterations of all forks (ms/op); "±" is half the
 * spread between the fastest and the slowest iteration, relative to the median. Ratios are peer
 * time / Bytelift time: above 1 means Bytelift is faster.
 */
public final class Report {
    private Report() {}

    /** One result: median ms/op and relative half-spread. */
    record Score(double median, double spread, int samples) {}

    public static void main(String[] args) throws IOException {
        for (String a : args) print(Path.of(a), System.out);
    }

    public static void print(Path json, PrintStream out) throws IOException {
        JsonArray results;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            results = JsonParser.parseReader(r).getAsJsonArray();
        }
        // exec.get(kernel).get(runtime); startup.get(benchmark + "/" + modules).get(runtime)
        Map<String, Map<String, Score>> exec = new LinkedHashMap<>();
        Map<String, Map<String, Score>> startup = new LinkedHashMap<>();
        for (JsonElement e : results) {
            JsonObject o = e.getAsJsonObject();
            String bench = o.get("benchmark").getAsString();
            JsonObject params = o.has("params") ? o.getAsJsonObject("params") : new JsonObject();
            JsonObject pm = o.getAsJsonObject("primaryMetric");
            if (!pm.get("scoreUnit").getAsString().equals("ms/op")) {
                throw new IllegalStateException(bench + ": expected ms/op, got " + pm.get("scoreUnit"));
            }
            Score s = score(pm.getAsJsonArray("rawData"));
            String runtime = params.get("runtime").getAsString();
            if (bench.endsWith("ExecutionBench.run")) {
                exec.computeIfAbsent(params.get("kernel").getAsString(), k -> new LinkedHashMap<>()).put(runtime, s);
            } else if (bench.contains("StartupBench.")) {
                String method = bench.substring(bench.lastIndexOf('.') + 1);
                startup.computeIfAbsent(method + "/" + params.get("modules").getAsString(), k -> new LinkedHashMap<>())
                        .put(runtime, s);
            } else if (bench.endsWith("FirstCallBench.firstCall")) {
                startup.computeIfAbsent("firstCall/" + params.get("kernel").getAsString(), k -> new LinkedHashMap<>())
                        .put(runtime, s);
            }
        }
        if (!exec.isEmpty()) printExecution(exec, out);
        if (exec.values().stream().anyMatch(m -> m.containsKey(Runtimes.BYTELIFT_FUEL) || m.containsKey(Runtimes.BYTELIFT_EPOCH))) {
            printInstrumentation(exec, out);
        }
        if (!startup.isEmpty()) printStartup(startup, out);
    }

    static Score score(JsonArray rawData) {
        List<Double> all = new ArrayList<>();
        for (JsonElement fork : rawData) {
            for (JsonElement v : fork.getAsJsonArray()) all.add(v.getAsDouble());
        }
        double[] a = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        double median = n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
        return new Score(median, n > 1 ? (a[n - 1] - a[0]) / 2 / median : Double.NaN, n);
    }

    private static void printExecution(Map<String, Map<String, Score>> exec, PrintStream out) {
        String b = Runtimes.BYTELIFT, cc = Runtimes.CHICORY_COMPILER, ci = Runtimes.CHICORY_INTERPRETER;
        out.println("Execution: one run(1) call, ms/op (median of iterations, ± half spread); ratio = peer / Bytelift");
        String fmt = "%-13s %17s %17s %17s %12s %12s%n";
        out.printf(Locale.ROOT, fmt, "kernel", "bytelift", "chicory-compiler", "chicory-interp", "vs compiler", "vs interp");
        List<Double> rc = new ArrayList<>(), ri = new ArrayList<>();
        List<String> kernels = new ArrayList<>(new TreeSet<>(exec.keySet()));
        for (String k : kernels) {
            Map<String, Score> m = exec.get(k);
            Score sb = m.get(b), sc = m.get(cc), si = m.get(ci);
            Double xc = ratio(sc, sb), xi = ratio(si, sb);
            if (xc != null) rc.add(xc);
            if (xi != null) ri.add(xi);
            out.printf(Locale.ROOT, fmt, k, time(sb), time(sc), si == null ? "(skipped)" : time(si), times(xc), times(xi));
        }
        out.printf(Locale.ROOT, fmt, "geomean", "", "", "", times(geomean(rc)) + " (" + rc.size() + ")",
                times(geomean(ri)) + " (" + ri.size() + ")");
        out.println();
    }

    private static void printInstrumentation(Map<String, Map<String, Score>> exec, PrintStream out) {
        String b = Runtimes.BYTELIFT, f = Runtimes.BYTELIFT_FUEL, ep = Runtimes.BYTELIFT_EPOCH;
        out.println("Fuel metering and epoch interruption: Bytelift with each on, ms/op; overhead = instrumented / plain - 1");
        String fmt = "%-13s %17s %17s %17s %10s %10s%n";
        out.printf(Locale.ROOT, fmt, "kernel", "bytelift", "bytelift-fuel", "bytelift-epoch", "fuel", "epoch");
        List<Double> rf = new ArrayList<>(), re = new ArrayList<>();
        for (String k : new TreeSet<>(exec.keySet())) {
            Map<String, Score> m = exec.get(k);
            Score sb = m.get(b), sf = m.get(f), se = m.get(ep);
            Double xf = ratio(sf, sb), xe = ratio(se, sb);
            if (xf != null) rf.add(xf);
            if (xe != null) re.add(xe);
            out.printf(Locale.ROOT, fmt, k, time(sb), time(sf), time(se), overhead(xf), overhead(xe));
        }
        out.printf(Locale.ROOT, fmt, "geomean", "", "", "", overhead(geomean(rf)), overhead(geomean(re)));
        out.println();
    }

    private static String overhead(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    private static void printStartup(Map<String, Map<String, Score>> startup, PrintStream out) {
        String b = Runtimes.BYTELIFT, cc = Runtimes.CHICORY_COMPILER;
        out.println("Start-up in a warm JVM, ms/op; ratio = Chicory compiler / Bytelift; throughput = KiB of function");
        out.println("bodies (code section) compiled per second; first call = compile + instantiate + run(0)");
        String fmt = "%-32s %17s %17s %9s %14s %14s%n";
        out.printf(Locale.ROOT, fmt, "what", "bytelift", "chicory-compiler", "ratio", "bytelift KiB/s", "chicory KiB/s");
        for (String method : List.of("compile", "instantiate", "firstCall")) {
            for (String modules : List.of("branchy", "fib", "all")) {
                Map<String, Score> m = startup.get(method + "/" + modules);
                if (m == null) continue;
                Score sb = m.get(b), sc = m.get(cc);
                String what = describe(method, modules);
                String kb = "", kc = "";
                if (method.equals("compile")) {
                    double kib = codeKiB(modules);
                    kb = sb == null ? "-" : String.format(Locale.ROOT, "%.0f", kib / (sb.median() / 1000));
                    kc = sc == null ? "-" : String.format(Locale.ROOT, "%.0f", kib / (sc.median() / 1000));
                }
                out.printf(Locale.ROOT, fmt, what, time(sb), time(sc), times(ratio(sc, sb)), kb, kc);
            }
        }
        out.println();
    }

    private static String describe(String method, String modules) {
        String set = modules.equals("all")
                ? String.format(Locale.ROOT, "all %d (%.1f KiB)", Kernels.names().size(), codeKiB(modules))
                : String.format(Locale.ROOT, "%s (%.1f KiB)", modules, codeKiB(modules));
        switch (method) {
            case "compile": return "compile " + set;
            case "instantiate": return "instantiate " + (modules.equals("all") ? "all " + Kernels.names().size() : modules);
            default: return "first call " + modules + " (c+i+run(0))";
        }
    }

    private static double codeKiB(String modules) {
        List<String> names = modules.equals("all") ? Kernels.names() : Arrays.asList(modules.split(","));
        long bytes = 0;
        for (String n : names) bytes += Kernels.codeBytes(Kernels.wasm(n));
        return bytes / 1024.0;
    }

    private static Double ratio(Score peer, Score bytelift) {
        if (peer == null || bytelift == null) return null;
        return peer.median() / bytelift.median();
    }

    private static Double geomean(List<Double> xs) {
        if (xs.isEmpty()) return null;
        double s = 0;
        for (double x : xs) s += Math.log(x);
        return Math.exp(s / xs.size());
    }

    private static String time(Score s) {
        if (s == null) return "-";
        String t = s.median() >= 100 ? String.format(Locale.ROOT, "%.0f", s.median())
                : s.median() >= 10 ? String.format(Locale.ROOT, "%.1f", s.median())
                : String.format(Locale.ROOT, "%.2f", s.median());
        if (Double.isNaN(s.spread())) return t + "      ";
        return String.format(Locale.ROOT, "%s ±%3.0f%%", t, s.spread() * 100);
    }

    private static String times(Double x) {
        if (x == null) return "-";
        return x >= 10 ? String.format(Locale.ROOT, "%.0fx", x) : String.format(Locale.ROOT, "%.2fx", x);
    }
}
