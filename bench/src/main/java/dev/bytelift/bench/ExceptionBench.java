package dev.bytelift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exception handling: one WebAssembly {@code throw} caught by a {@code try_table} 10 frames up
 * ({@code src/main/resources/bench/exceptions.wat}), per throw, plain and with fuel and epochs.
 * {@code bench/scripts/exceptions_wasmtime.py} times the same module on Wasmtime (bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExceptionBench {
    static final int THROWS = 1000;

    @Param({"plain", "fuel+epochs"})
    public String config;

    private IntToLongFunction run;

    static byte[] wat() throws IOException {
        try (InputStream in = ExceptionBench.class.getResourceAsStream("/bench/exceptions.wat")) {
            return in.readAllBytes();
        }
    }

    @Setup
    public void setup() throws IOException {
        EngineConfig.Builder b = EngineConfig.builder();
        if (config.equals("fuel+epochs")) b.consumeFuel(true).epochInterruption(true);
        Engine engine = new Engine(b.build());
        Module module = engine.compile(wat());
        Store store = new Store(engine);
        if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (engine.config().epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 2);
        Instance instance = new Linker().instantiate(store, module);
        run = instance.getFunc("run").typed(IntToLongFunction.class);
        long sum = run.applyAsLong(THROWS);
        if (sum != (long) THROWS * (THROWS - 1) / 2) throw new IllegalStateException("checksum " + sum);
    }

    /** {@value #THROWS} throws, each through 10 frames to its catch. */
    @Benchmark
    @OperationsPerInvocation(THROWS)
    public long throwCatch10Frames() {
        return run.applyAsLong(THROWS);
    }
}
