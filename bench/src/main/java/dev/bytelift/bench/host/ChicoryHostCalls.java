package dev.bytelift.bench.host;

import java.util.List;
import java.util.concurrent.TimeUnit;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
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
 * The same host-call costs as {@link ByteliftHostCalls}, on Chicory 1.7.5 (its host functions
 * take and return {@code long[]}), with its interpreter and its compiler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChicoryHostCalls {
    @Param({"interpreter", "compiler"})
    public String engine;

    private ExportFunction callHost;
    private ExportFunction callOpaque;
    private ExportFunction roundTrip;
    private ExportFunction add;
    private int x;

    /** The host functions hand their argument to JMH's blackhole, so C2 cannot fold the calling loop away. */
    @Setup
    public void setup(Blackhole bh) {
        WasmModule module = Parser.parse(HostBenchModule.bytes());
        FunctionType ii = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
        ExportFunction[] addRef = new ExportFunction[1];
        ImportValues imports = ImportValues.builder()
                .addFunction(new HostFunction("host", "inc", ii, (instance, args) -> {
                    bh.consume(args[0]);
                    return new long[] {args[0] + 1};
                }))
                .addFunction(new HostFunction("host", "opaque", ii,
                        (instance, args) -> new long[] {HostBenchModule.opaque((int) args[0])}))
                .addFunction(new HostFunction("host", "reenter", ii, (instance, args) -> {
                    bh.consume(args[0]);
                    return addRef[0].apply(args[0], 1);
                }))
                .build();
        Instance.Builder builder = Instance.builder(module).withImportValues(imports);
        if (engine.equals("compiler")) builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        Instance instance = builder.build();
        callHost = instance.export("call_host");
        callOpaque = instance.export("call_opaque");
        roundTrip = instance.export("round_trip");
        add = instance.export("add");
        addRef[0] = add;
        if (callHost.apply(HostBenchModule.CALLS)[0] != HostBenchModule.CALLS) throw new AssertionError("call_host");
        if (roundTrip.apply(HostBenchModule.CALLS)[0] != HostBenchModule.CALLS) throw new AssertionError("round_trip");
    }

    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public long wasmToHost() {
        return callHost.apply(HostBenchModule.CALLS)[0];
    }

    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public long wasmToHostOpaque() {
        return callOpaque.apply(HostBenchModule.CALLS)[0];
    }

    @Benchmark
    @OperationsPerInvocation(HostBenchModule.CALLS)
    public long wasmHostWasm() {
        return roundTrip.apply(HostBenchModule.CALLS)[0];
    }

    @Benchmark
    public long hostToWasm() {
        return add.apply(x++, 1)[0];
    }
}
