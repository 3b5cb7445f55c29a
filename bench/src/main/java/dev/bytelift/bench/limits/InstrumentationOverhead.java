package dev.bytelift.bench.limits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.TestModules;

/**
 * What fuel metering and epoch interruption cost: every kernel with no instrumentation, with fuel
 * and with epochs, in the same run (issue 4's targets: epochs at most 3 %, fuel at most 10 % on
 * the geometric mean).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InstrumentationOverhead {
    @Param({"ackermann", "branchy", "crc32", "fib", "hash", "interp", "mandelbrot", "matmul", "memcpy",
            "nbody", "sha256", "sieve", "sort", "spectralnorm"})
    public String kernel;

    @Param({"none", "fuel", "epoch"})
    public String instrumentation;

    private Func run;

    @Setup
    public void setup() throws IOException {
        EngineConfig.Builder config = EngineConfig.builder();
        if (instrumentation.equals("fuel")) config.consumeFuel(true);
        if (instrumentation.equals("epoch")) config.epochInterruption(true);
        Engine engine = new Engine(config.build());
        Store store = new Store(engine);
        if (instrumentation.equals("fuel")) store.setFuel(Long.MAX_VALUE / 2);
        if (instrumentation.equals("epoch")) store.setEpochDeadline(Long.MAX_VALUE / 2);
        byte[] wasm = TestModules.load("kernels/" + kernel + ".wasm");
        run = new Linker().instantiate(store, engine.compile(wasm)).getFunc("run");
        Properties p = new Properties();
        try (InputStream in = TestModules.class.getResourceAsStream("/dev/bytelift/testmodules/kernels/kernels.properties")) {
            p.load(in);
        }
        long expected = Long.parseLong(p.getProperty(kernel + ".checksum"));
        long actual = (Long) run.call(1)[0];
        if (actual != expected) throw new IllegalStateException(kernel + ": checksum " + actual + ", expected " + expected);
    }

    @Benchmark
    public long run() {
        return (Long) run.call(1)[0];
    }
}
