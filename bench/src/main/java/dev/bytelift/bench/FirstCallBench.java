package dev.bytelift.bench;

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

/**
 * Time from bytes to the first call returned, Bytelift against Chicory's compiler, in a warm JVM:
 * compile + instantiate + {@code run(0)}, the last in freshly loaded, not yet JIT-compiled code.
 * {@code run(0)} does no scaled work: for {@code fib} it returns at once (so the time is the fixed
 * cost of a small module); for {@code branchy} it fills a 64 KiB input buffer and enters the big
 * state machine for zero steps. (Not every kernel has a cheap {@code run(0)}: {@code interp}'s
 * loop counter wraps and runs 2^32 times.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 1000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class FirstCallBench {
    @Param({Runtimes.BYTELIFT, Runtimes.CHICORY_COMPILER})
    public String runtime;

    @Param({"branchy", "fib"})
    public String kernel;

    private Runtimes.Runtime rt;
    private byte[] wasm;

    @Setup(Level.Trial)
    public void setUp() {
        rt = Runtimes.create(runtime);
        wasm = Kernels.wasm(kernel);
        Kernels.check(kernel, runtime, rt.instantiate(rt.compile(wasm)).run(1));
    }

    @Benchmark
    public long firstCall() {
        return rt.instantiate(rt.compile(wasm)).run(0);
    }
}
