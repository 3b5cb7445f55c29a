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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels through Chicory's API on its three machines side by side (issue 17): Chicory's
 * interpreter, Chicory's compiler and Bytelift's machine ({@code bytelift-chicory}), with
 * Bytelift's own API as the reference. One {@code run(1)} call, as {@link ExecutionBench}; the
 * trial's set-up compiles and instantiates outside the measurement and checks the checksum.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 1000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ChicoryMachinesBench {
    @Param({Runtimes.BYTELIFT_CHICORY, Runtimes.CHICORY_COMPILER, Runtimes.BYTELIFT, Runtimes.CHICORY_INTERPRETER})
    public String runtime;

    @Param({"ackermann", "branchy", "crc32", "fib", "hash", "interp", "mandelbrot", "matmul", "memcpy",
            "nbody", "sha256", "sieve", "sort", "spectralnorm"})
    public String kernel;

    private Runtimes.Kernel run;
    private long last;

    @Setup(Level.Trial)
    public void setUp() {
        Runtimes.Runtime rt = Runtimes.create(runtime);
        run = rt.instantiate(rt.compile(Kernels.wasm(kernel)));
        last = run.run(1);
        Kernels.check(kernel, runtime, last);
    }

    @Benchmark
    public long run() {
        return last = run.run(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Kernels.check(kernel, runtime, last);
    }
}
