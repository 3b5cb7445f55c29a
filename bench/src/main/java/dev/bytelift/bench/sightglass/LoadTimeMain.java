package dev.bytelift.bench.sightglass;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * In-process load time (bench/README.md, "Load time: serialised modules and the cache"): for each
 * module, rounds of compiling it ({@code Engine.compile}) and of deserialising it
 * ({@code Engine.deserializeModule} of its {@code Module.serialize()}), alternated, each in a new
 * engine; prints the first round's times (a cold JVM) and the medians of the others.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.bytelift.bench.sightglass.LoadTimeMain ROUNDS a.wasm b.wasm ...</pre>
 */
public final class LoadTimeMain {
    private LoadTimeMain() {}

    public static void main(String[] argv) throws Exception {
        int rounds = Integer.parseInt(argv[0]);
        System.out.println("module                      wasm_KB  ser_KB  compile_first_ms  deser_first_ms  compile_med_ms  deser_med_ms  ratio");
        for (int a = 1; a < argv.length; a++) {
            Path p = Path.of(argv[a]);
            byte[] wasm = Files.readAllBytes(p);
            double[] compile = new double[rounds];
            double[] deser = new double[rounds];
            byte[] serialized = null;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Module m = new Engine().compile(wasm);
                compile[r] = (System.nanoTime() - t0) / 1e6;
                if (serialized == null) serialized = m.serialize();
                long t1 = System.nanoTime();
                new Engine().deserializeModule(serialized);
                deser[r] = (System.nanoTime() - t1) / 1e6;
            }
            double cm = median(Arrays.copyOfRange(compile, 1, rounds));
            double dm = median(Arrays.copyOfRange(deser, 1, rounds));
            String name = p.getParent() == null ? p.toString() : p.getParent().getFileName() + "/" + p.getFileName();
            System.out.println(String.format(Locale.ROOT, "%-27s %7d %7d %17.1f %15.1f %15.1f %13.1f %6.1fx", name,
                    wasm.length / 1024, serialized.length / 1024, compile[0], deser[0], cm, dm, cm / dm));
        }
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
