package dev.bytelift.bench;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark kernel gives its checksum with lazy compilation (function classes written on
 * first use), with fuel and epochs compiled in too (their instrumentation is in every function).
 */
class LazyKernelsTest {
    @Test
    void everyKernelGivesItsChecksumWhenCompiledLazily() {
        // the benchmarks' stack limit (tests run on threads of 16 MiB too)
        EngineConfig plain = EngineConfig.builder().lazyCompilation(true).maxWasmStack(Runtimes.Bytelift.STACK_LIMIT).build();
        EngineConfig instrumented = plain.toBuilder().consumeFuel(true).epochInterruption(true).build();
        for (EngineConfig config : new EngineConfig[] {plain, instrumented}) {
            Engine engine = new Engine(config);
            for (String kernel : Kernels.names()) {
                Module module = engine.compile(Kernels.wasm(kernel));
                Store store = new Store(engine);
                if (config.consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
                if (config.epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 2);
                long got = (Long) new Linker().instantiate(store, module).getFunc("run").call(1)[0];
                Kernels.check(kernel, "bytelift-lazy", got);
            }
        }
    }
}
