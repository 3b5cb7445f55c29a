package dev.bytelift.bench.host;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
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
 * Bytelift's host-call costs, per call: WebAssembly calling a host function (typed and boxed
 * forms), a WebAssembly→host→WebAssembly round trip, and the host calling a WebAssembly export
 * (typed and generic). {@link ChicoryHostCalls} measures the same on Chicory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ByteliftHostCalls {
    /** {@code typed}: host functions are typed lambdas; {@code boxed}: the general {@code HostFunction} form. */
    @Param({"typed", "boxed"})
    public String host;

    private IntUnaryOperator callHost;
    private IntUnaryOperator callOpaque;
    private IntUnaryOperator roundTrip;
    private IntBinaryOperator add;
    private Func addFunc;
    private int x;

    /** The host functions hand their argument to JMH's blackhole, so C2 cannot fold the calling loop away. */
    @Setup
    public void setup(Blackhole bh) {
        Engine engine = new Engine();
        Module module = engine.compile(HostBenchModule.bytes());
        Store store = new Store(engine);
        Linker linker = new Linker();
        Instance[] self = new Instance[1];
        if (host.equals("typed")) {
            linker.defineFunction(store, "host", "inc", IntUnaryOperator.class, v -> {
                bh.consume(v);
                return v + 1;
            });
            linker.defineFunction(store, "host", "opaque", IntUnaryOperator.class, HostBenchModule::opaque);
            IntBinaryOperator[] addRef = new IntBinaryOperator[1];
            linker.defineFunction(store, "host", "reenter", HostFn.I_I.class, (caller, v) -> {
                bh.consume(v);
                return addRef[0].applyAsInt(v, 1);
            });
            self[0] = linker.instantiate(store, module);
            addRef[0] = self[0].getFunc("add").typed(IntBinaryOperator.class);
        } else {
            FuncType ii = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
            linker.defineFunction(store, "host", "opaque", ii,
                    (caller, a) -> new Object[] {HostBenchModule.opaque((Integer) a[0])});
            linker.defineFunction(store, "host", "inc", ii, (caller, a) -> {
                bh.consume(a[0]);
                return new Object[] {(Integer) a[0] + 1};
            });
            linker.defineFunction(store, "host", "reenter", ii,
                    (caller, a) -> {
                        bh.consume(a[0]);
                        return ((Func) caller.getExport("add")).call(a[0], 1);
                    });
            self[0] = linker.instantiate(store, module);
        }
        callHost = self[0].getFunc("call_host").typed(IntUnaryOperator.class);
        callOpaque = self[0].getFunc("call_opaque").typed(IntUnaryOperator.class);
        roundTrip = self[0].getFunc("round_trip").typed(IntUnaryOperator.class);
        add = self[0].getFunc("add").typed(IntBinaryOperator.class);
        addFunc = self[0].getFunc("add");
        if (callHost.applyAsInt(HostBenchModule.CALLS) != HostBenchModule.CALLS) throw new AssertionError("call_host");
        if (roundTrip.applyAsInt(HostBenchModule.CALLS) != HostBenchModule.CALLS) throw new AssertionError("round_trip");
    }

    /** WebAssembly → host: one host call (with its exit trampoline) per operation. */
    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public int wasmToHost() {
        return callHost.applyAsInt(HostBenchModule.CALLS);
    }

    /** WebAssembly → host, where the host function calls a method the JIT does not inline. */
    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public int wasmToHostOpaque() {
        return callOpaque.applyAsInt(HostBenchModule.CALLS);
    }

    /** WebAssembly → host → WebAssembly: the host function calls the {@code add} export back. */
    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public int wasmHostWasm() {
        return roundTrip.applyAsInt(HostBenchModule.CALLS);
    }

    /** Host → WebAssembly, typed ({@code Func.typed}): one entry trampoline, no boxing. */
    @Benchmark
    public int hostToWasmTyped() {
        return add.applyAsInt(x++, 1);
    }

    /** Host → WebAssembly, generic ({@code Func.call(Object...)}): boxed arguments and results. */
    @Benchmark
    public Object hostToWasmGeneric() {
        return addFunc.call(x++, 1)[0];
    }
}
