package dev.bytelift.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Start-up costs, Bytelift against Chicory's compiler, in a JVM whose compilers are warm (JMH
 * warm-up): the steady-state cost of loading one more module.
 *
 * <ul>
 *   <li>{@code compile}: bytes to a compiled module (decode, validate, translate, define the
 *       classes). Divide the code size ({@link Kernels#codeBytes}) by it for throughput.
 *   <li>{@code instantiate}: a new instance of an already compiled module (memory, data
 *       segments, tables, globals, function handles); Bytelift also creates a new {@code Store}.
 * </ul>
 * (Time from bytes to the first call is {@link FirstCallBench}.)
 *
 * {@code modules=all} does every kernel per operation, {@code modules=branchy} only the biggest
 * one (36 KB of code, one 36 KB function).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 1000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class StartupBench {
    @Param({Runtimes.BYTELIFT, Runtimes.CHICORY_COMPILER})
    public String runtime;

    @Param({"branchy", "all"})
    public String modules;

    private Runtimes.Runtime rt;
    private byte[][] wasm;
    private Object[] compiled;

    @Setup(Level.Trial)
    public void setUp() {
        rt = Runtimes.create(runtime);
        List<String> names = modules.equals("all") ? Kernels.names() : List.of(modules.split(","));
        wasm = new byte[names.size()][];
        compiled = new Object[names.size()];
        for (int i = 0; i < wasm.length; i++) {
            wasm[i] = Kernels.wasm(names.get(i));
            compiled[i] = rt.compile(wasm[i]);
            // what is compiled here is what runs: check it once per trial
            Kernels.check(names.get(i), runtime, rt.instantiate(compiled[i]).run(1));
        }
    }

    @Benchmark
    public void compile(Blackhole bh) {
        for (byte[] w : wasm) bh.consume(rt.compile(w));
    }

    @Benchmark
    public void instantiate(Blackhole bh) {
        for (Object c : compiled) bh.consume(rt.instantiate(c));
    }
}
