package dev.bytelift.bench.host;

import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.InstancePre;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * WebAssembly calling a typed host function that one {@link Linker} defines for every store, from
 * the instance of the first store (the import call site's first guard, on the instance) or of
 * another store (its second guard, on the invoker the stores share), as
 * {@link ByteliftHostCalls#wasmToHost} measures with a store-bound linker.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SharedLinkerHostCalls {
    /** Which store's instance the measured loop runs in: the first one linked, or the fourth. */
    @Param({"first", "other"})
    public String store;

    private IntUnaryOperator callHost;

    @Setup
    public void setup(Blackhole bh) {
        Engine engine = new Engine();
        Module module = engine.compile(HostBenchModule.bytes());
        Linker linker = new Linker(engine);
        linker.defineFunction("host", "inc", IntUnaryOperator.class, v -> {
            bh.consume(v);
            return v + 1;
        });
        linker.defineFunction("host", "opaque", IntUnaryOperator.class, HostBenchModule::opaque);
        linker.defineFunction("host", "reenter", IntUnaryOperator.class, v -> v + 1);
        InstancePre pre = linker.instantiatePre(module);
        IntUnaryOperator[] calls = new IntUnaryOperator[4];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = pre.instantiate(new Store(engine)).getFunc("call_host").typed(IntUnaryOperator.class);
            // each store's instance calls once: the first links the call site
            if (calls[i].applyAsInt(HostBenchModule.CALLS) != HostBenchModule.CALLS) throw new AssertionError("call_host");
        }
        callHost = store.equals("first") ? calls[0] : calls[3];
    }

    /** WebAssembly → host: one host call per operation. */
    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public int wasmToHost() {
        return callHost.applyAsInt(HostBenchModule.CALLS);
    }
}
