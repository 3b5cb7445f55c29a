package dev.bytelift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongBinaryOperator;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;

/**
 * Tail calls (docs/tail-calls.md): 10^7 tail calls per operation, by mutual recursion
 * ({@code even}/{@code odd}), self recursion ({@code count}) and a four-state machine whose states
 * tail-call each other through a table ({@code machine}, {@code return_call_indirect}). The same
 * module is timed on Wasmtime by {@code bench/scripts/tailcall_wasmtime.py}; bench/README.md
 * records both. Not part of the suite: {@code java -jar bench/target/benchmarks.jar TailCallBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TailCallBench {
    static final long N = 10_000_000L;

    private LongToIntFunction even;
    private LongBinaryOperator count;
    private LongUnaryOperator machine;

    static byte[] module() throws IOException {
        try (InputStream in = TailCallBench.class.getResourceAsStream("tailcall/tailcall.wat")) {
            return in.readAllBytes();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Engine engine = new Engine();
        Store store = new Store(engine);
        Instance i = new Linker().instantiate(store, engine.compile(module()));
        even = i.getFunc("even").typed(LongToIntFunction.class);
        count = i.getFunc("count").typed(LongBinaryOperator.class);
        machine = i.getFunc("machine").typed(LongUnaryOperator.class);
        if (even.applyAsInt(N) != 1 || count.applyAsLong(N, 0) != 3 * N || machine.applyAsLong(N) != 8838115854997976839L) {
            throw new IllegalStateException("wrong results");
        }
    }

    @Benchmark
    public int evenOdd() {
        return even.applyAsInt(N);
    }

    @Benchmark
    public long selfRecursion() {
        return count.applyAsLong(N, 0);
    }

    @Benchmark
    public long stateMachineIndirect() {
        return machine.applyAsLong(N);
    }
}
