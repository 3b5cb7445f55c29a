package dev.bytelift.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory-heavy kernels, to measure what the explicit bounds and divisor checks of the runtime's
 * memory and division helpers cost (they replace the JVM's implicit exceptions so that traps
 * always have a backtrace). Run it twice: as built, and with the check-free variants of
 * {@code MemoryAccess} and {@code NumericOps} first on the class path (see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemoryCheckCost {
    @Param({"sieve", "crc32", "memcpy", "sort"})
    public String kernel;

    private IntToLongFunction run;
    private long checksum;

    @Setup
    public void setup() throws IOException {
        String dir = "/dev/bytelift/testmodules/kernels/";
        Properties props = new Properties();
        try (InputStream in = MemoryCheckCost.class.getResourceAsStream(dir + "kernels.properties")) {
            props.load(in);
        }
        checksum = Long.parseLong(props.getProperty(kernel + ".checksum"));
        byte[] wasm;
        try (InputStream in = MemoryCheckCost.class.getResourceAsStream(dir + kernel + ".wasm")) {
            wasm = in.readAllBytes();
        }
        Engine engine = new Engine();
        Store store = new Store(engine);
        run = new Linker().instantiate(store, engine.compile(wasm)).getFunc("run").typed(IntToLongFunction.class);
        if (run.applyAsLong(1) != checksum) throw new AssertionError(kernel + ": wrong checksum");
    }

    @Benchmark
    public long run() {
        return run.applyAsLong(1);
    }
}
