package dev.bytelift.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import java.util.function.Function;

/**
 * The runtimes under test, behind one small interface: compile bytes, instantiate the compiled
 * form, call the {@code run(i32) -> i64} export.
 */
public final class Runtimes {
    private Runtimes() {}

    public static final String BYTELIFT = "bytelift";
    public static final String CHICORY_COMPILER = "chicory-compiler";
    public static final String CHICORY_INTERPRETER = "chicory-interpreter";
    /** Bytelift with fuel metering on (and fuel enough for any run). */
    public static final String BYTELIFT_FUEL = "bytelift-fuel";
    /** Bytelift with epoch interruption on (a deadline never reached). */
    public static final String BYTELIFT_EPOCH = "bytelift-epoch";
    /** Bytelift's API on an interruptible engine ({@code Thread.interrupt()} stops a guest), as the Chicory machine's default. */
    public static final String BYTELIFT_INTERRUPTIBLE = "bytelift-interruptible";
    /** Bytelift as Chicory's machine, through Chicory's API ({@code bytelift-chicory}, its default interruptible engine). */
    public static final String BYTELIFT_CHICORY = "bytelift-chicory";
    /** Bytelift as Chicory's machine with a plain engine (not interruptible: no epoch checks), like {@link #BYTELIFT}'s. */
    public static final String BYTELIFT_CHICORY_PLAIN = "bytelift-chicory-plain";

    /** A kernel's {@code run} export in one instance. */
    public interface Kernel {
        long run(int scale);
    }

    /** One runtime: compile, then instantiate any number of times. */
    public interface Runtime {
        /** Everything that happens before instantiation: decode, validate, translate, define classes. */
        Object compile(byte[] wasm);

        /** A new instance of {@code compiled} (new memory, data segments applied) and its {@code run} export. */
        Kernel instantiate(Object compiled);
    }

    public static Runtime create(String name) {
        switch (name) {
            case BYTELIFT: return new Bytelift(false, false);
            case BYTELIFT_FUEL: return new Bytelift(true, false);
            case BYTELIFT_EPOCH: return new Bytelift(false, true);
            case BYTELIFT_INTERRUPTIBLE: return new Bytelift(EngineConfig.builder().interruptible(true), false, false);
            case CHICORY_COMPILER: return new ChicoryCompiler();
            case CHICORY_INTERPRETER: return new ChicoryInterpreter();
            case BYTELIFT_CHICORY: return new ByteliftChicoryMachine(dev.bytelift.chicory.ByteliftChicory.defaults());
            case BYTELIFT_CHICORY_PLAIN: return new ByteliftChicoryMachine(
                    dev.bytelift.chicory.ByteliftChicory.withEngine(new dev.bytelift.runtime.Engine()));
            default: throw new IllegalArgumentException("unknown runtime " + name);
        }
    }

    /**
     * Bytelift. {@code Func.call} is the generic boxed entry point (boxes the argument and the
     * result, calls through a MethodHandle's invokeWithArguments): a fixed cost of well under a
     * microsecond per call, negligible next to kernels that run for milliseconds. With fuel or
     * epochs on, the store gets so much fuel, or so distant a deadline, that the run never stops:
     * what is measured is the cost of the instrumentation alone.
     */
    static final class Bytelift implements Runtime {
        /** The stack limit of the benchmarks' engines, 8 MiB: half the forks' -Xss16m. */
        static final int STACK_LIMIT = 8 << 20;
        private final Engine engine;
        private final boolean fuel;
        private final boolean epochs;

        Bytelift(boolean fuel, boolean epochs) {
            this(EngineConfig.builder().consumeFuel(fuel).epochInterruption(epochs), fuel, epochs);
        }

        Bytelift(EngineConfig.Builder config, boolean fuel, boolean epochs) {
            this.fuel = fuel;
            this.epochs = epochs;
            // the kernels run on threads of 16 MiB (-Xss16m): ackermann with fuel and epochs takes
            // more than the default stack limit's 768 KiB as the limit counts frames (interpreted size)
            this.engine = new Engine(config.maxWasmStack(STACK_LIMIT).build());
        }

        @Override
        public Object compile(byte[] wasm) {
            return engine.compile(wasm);
        }

        @Override
        public Kernel instantiate(Object compiled) {
            Store store = new Store(engine);
            if (fuel) store.setFuel(Long.MAX_VALUE / 2);
            if (epochs) store.setEpochDeadline(Long.MAX_VALUE / 2);
            Func run = new Linker().instantiate(store, (Module) compiled).getFunc("run");
            return scale -> (Long) run.call(scale)[0];
        }
    }

    /** Chicory's runtime compiler: {@code Parser.parse} + {@code MachineFactoryCompiler.compile} (eager, defines the classes). */
    static final class ChicoryCompiler implements Runtime {
        private record Compiled(WasmModule module, Function<com.dylibso.chicory.runtime.Instance, Machine> factory) {}

        @Override
        public Object compile(byte[] wasm) {
            WasmModule module = Parser.parse(wasm);
            return new Compiled(module, MachineFactoryCompiler.compile(module));
        }

        @Override
        public Kernel instantiate(Object compiled) {
            Compiled c = (Compiled) compiled;
            ExportFunction run = com.dylibso.chicory.runtime.Instance.builder(c.module())
                    .withMachineFactory(c.factory()).build().export("run");
            return scale -> run.apply(scale)[0];
        }
    }

    /** Chicory's interpreter (the default machine). */
    static final class ChicoryInterpreter implements Runtime {
        @Override
        public Object compile(byte[] wasm) {
            return Parser.parse(wasm);
        }

        @Override
        public Kernel instantiate(Object compiled) {
            ExportFunction run = com.dylibso.chicory.runtime.Instance.builder((WasmModule) compiled).build().export("run");
            return scale -> run.apply(scale)[0];
        }
    }

    /**
     * Bytelift as Chicory's machine: {@code ByteliftChicory.parse} (Chicory's parser, the binary
     * kept), then the first instance compiles the module; calls go through Chicory's
     * {@code ExportFunction} and the machine's {@code long[]} conversion to {@code Func.call}.
     */
    static final class ByteliftChicoryMachine implements Runtime {
        private final dev.bytelift.chicory.ByteliftChicory runtime;

        ByteliftChicoryMachine(dev.bytelift.chicory.ByteliftChicory runtime) {
            this.runtime = runtime;
        }

        @Override
        public Object compile(byte[] wasm) {
            WasmModule module = dev.bytelift.chicory.ByteliftChicory.parse(wasm);
            runtime.install(com.dylibso.chicory.runtime.Instance.builder(module)).build(); // compiles (once per module)
            return module;
        }

        @Override
        public Kernel instantiate(Object compiled) {
            ExportFunction run = runtime.install(com.dylibso.chicory.runtime.Instance.builder((WasmModule) compiled))
                    .build().export("run");
            return scale -> run.apply(scale)[0];
        }
    }
}
