package dev.bytelift.runtime;

/**
 * How an {@link Engine} compiles and runs modules. Immutable; build with {@link #builder()}.
 *
 * @param maxWasmStack the JVM stack, in bytes, WebAssembly frames may take (the stack limit, see
 *     {@link Builder#maxWasmStack})
 * @param consumeFuel whether compiled code counts fuel (see {@link Store#setFuel})
 * @param operatorCost the fuel cost of each operator when fuel is on
 * @param epochInterruption whether compiled code checks the epoch deadline (see
 *     {@link Engine#incrementEpoch})
 * @param dumpClassesDir a folder to write generated classes to, or {@code null}
 * @param splitFunctionsOver functions with more bytes of WebAssembly code than this (or very many
 *     locals) are compiled split over several JVM methods, each small enough for HotSpot to JIT
 * @param regionInstructions roughly how many JVM instructions each piece of a split function gets
 * @param features the WebAssembly proposals modules may use (an unmodifiable set)
 * @param compileThreads how many threads compile a large module's functions, or {@code 0} for one
 *     per available processor (see {@link Builder#compileThreads})
 * @param interruptible whether {@link Thread#interrupt()} stops running code (see
 *     {@link Builder#interruptible})
 * @param lazyCompilation whether function code is generated on first use rather than when the
 *     module is compiled (see {@link Builder#lazyCompilation})
 */
public record EngineConfig(int maxWasmStack, boolean consumeFuel, OperatorCost operatorCost,
        boolean epochInterruption, String dumpClassesDir, int splitFunctionsOver, int regionInstructions,
        java.util.Set<Feature> features, int compileThreads, boolean interruptible, boolean lazyCompilation) {

    /** Copies {@code features} into an unmodifiable set. */
    public EngineConfig {
        java.util.EnumSet<Feature> copy = java.util.EnumSet.noneOf(Feature.class);
        copy.addAll(features);
        features = java.util.Collections.unmodifiableSet(copy);
    }

    /** Whether compiled code checks an epoch ({@link #epochInterruption} or {@link #interruptible}). */
    public boolean checksEpochs() {
        return epochInterruption || interruptible;
    }

    /** Whether modules may use {@code feature}. */
    public boolean enabled(Feature feature) {
        return features.contains(feature);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxWasmStack = maxWasmStack;
        b.consumeFuel = consumeFuel;
        b.operatorCost = operatorCost;
        b.epochInterruption = epochInterruption;
        b.dumpClassesDir = dumpClassesDir;
        b.splitFunctionsOver = splitFunctionsOver;
        b.regionInstructions = regionInstructions;
        b.features = java.util.EnumSet.noneOf(Feature.class);
        b.features.addAll(features);
        b.compileThreads = compileThreads;
        b.interruptible = interruptible;
        b.lazyCompilation = lazyCompilation;
        return b;
    }

    /** Default for {@link Builder#splitFunctionsOver}: larger bodies rarely fit HotSpot's 8000-byte JIT limit. */
    public static final int DEFAULT_SPLIT_FUNCTIONS_OVER = 4096;
    /** Default for {@link Builder#regionInstructions}: pieces of about 6 KB of bytecode. */
    public static final int DEFAULT_REGION_INSTRUCTIONS = 2000;

    /**
     * The default stack limit, 768 KiB: it fits the JVM's default thread stack (1 MiB on x64,
     * 2 MiB on Linux aarch64) with room for the host's frames below the call. (Frames count at
     * their interpreted size, larger than Cranelift's: Wasmtime's 512 KiB hold about 16,000 calls
     * of a small function, this about 3,900; docs/guide.md, "Limits".)
     */
    public static final int DEFAULT_MAX_WASM_STACK = 768 * 1024;

    /** The largest stack limit, 1 GiB. */
    public static final int MAX_MAX_WASM_STACK = 1 << 30;

    /** The defaults: WebAssembly 2.0, no fuel, no epochs, the default stack limit and splitting. */
    public static EngineConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EngineConfig}. */
    public static final class Builder {
        private int maxWasmStack = DEFAULT_MAX_WASM_STACK;
        private boolean consumeFuel;
        private OperatorCost operatorCost = OperatorCost.WASMTIME;
        private boolean epochInterruption;
        private String dumpClassesDir;
        private int splitFunctionsOver = DEFAULT_SPLIT_FUNCTIONS_OVER;
        private int regionInstructions = DEFAULT_REGION_INSTRUCTIONS;
        private java.util.EnumSet<Feature> features = java.util.EnumSet.copyOf(Feature.defaults());
        private int compileThreads;
        private boolean interruptible;
        private boolean lazyCompilation;

        private Builder() {}

        /**
         * The WebAssembly proposals modules may use (default: every supported one,
         * {@link Feature#defaults()}; {@link Feature#webAssembly2()} is WebAssembly 2.0's); a module
         * using another fails with
         * {@link DisabledFeatureException}.
         */
        public Builder features(java.util.Set<Feature> enabled) {
            for (Feature f : enabled) requireSupported(f);
            this.features = java.util.EnumSet.noneOf(Feature.class);
            this.features.addAll(enabled);
            return this;
        }

        /** Enables or disables one feature (only a {@link Feature#supported() supported} one can be enabled). */
        public Builder feature(Feature feature, boolean on) {
            if (on) {
                requireSupported(feature);
                features.add(feature);
            } else {
                features.remove(feature);
            }
            return this;
        }

        private static void requireSupported(Feature f) {
            if (!f.supported()) throw new IllegalArgumentException(f.description() + " is not supported yet");
        }

        /**
         * Functions with more than {@code bytes} bytes of WebAssembly code are split over several
         * JVM methods (a JVM method holds at most 64 KiB of bytecode, and HotSpot does not JIT
         * methods over 8000 bytes). Mostly a tuning and testing knob.
         */
        public Builder splitFunctionsOver(int bytes) {
            if (bytes < 0) throw new IllegalArgumentException("splitFunctionsOver must not be negative");
            this.splitFunctionsOver = bytes;
            return this;
        }

        /** Roughly how many JVM instructions each piece of a split function gets (at least 1). */
        public Builder regionInstructions(int instructions) {
            if (instructions < 1) throw new IllegalArgumentException("regionInstructions must be positive");
            this.regionInstructions = instructions;
            return this;
        }

        /**
         * How much JVM stack, in bytes, WebAssembly frames may take before a call traps with
         * {@link TrapCode#STACK_OVERFLOW} ({@code call stack exhausted}), as Wasmtime's
         * {@code max_wasm_stack} (default {@link #DEFAULT_MAX_WASM_STACK}, 768 KiB; at most
         * {@link #MAX_MAX_WASM_STACK}). Each function checks on entry the frames below it plus
         * its own against this limit; a frame counts as the JVM interpreter lays it out (8 bytes
         * per JVM local and operand stack slot plus 128), the most it can take (code the JIT
         * compiled takes less), a call through another instance's import or table 1 KiB more
         * (the stub and method handle frames between), and host functions between two WebAssembly
         * activations 4 KiB. So the limit, not the JVM, stops a runaway recursion as long as the thread
         * running the call has this much stack free besides its own frames below the call: the
         * default fits threads of the JVM's default size ({@code new Thread(task)}, the main
         * thread; 1 MiB on x64). The thread needs the limit, its own frames below the call
         * and about 100 KiB the JVM keeps for itself: on a thread with a smaller stack (a
         * {@code stackSize} given to the {@link Thread} constructor, {@code -Xss}), configure at
         * most half of it; for deep recursion, run calls on a thread made with a larger
         * {@code stackSize} and raise the limit to about three quarters of that (docs/guide.md,
         * "Limits"). Should the JVM's stack still run out first (a host
         * function recursing on its own), that too is the {@code STACK_OVERFLOW} trap and the
         * store stays usable. The limit is built into compiled code (serialised modules and
         * ahead-of-time jars record it).
         */
        public Builder maxWasmStack(int bytes) {
            if (bytes < 1 || bytes > MAX_MAX_WASM_STACK) {
                throw new IllegalArgumentException("maxWasmStack must be between 1 and " + MAX_MAX_WASM_STACK + " bytes");
            }
            this.maxWasmStack = bytes;
            return this;
        }

        /**
         * Makes compiled code consume fuel: each operator costs {@link #operatorCost} and running
         * out traps with {@link TrapCode#OUT_OF_FUEL}. Off by default; when off, compiled code
         * contains no trace of it.
         */
        public Builder consumeFuel(boolean on) {
            this.consumeFuel = on;
            return this;
        }

        /** The fuel cost of each operator (default: Wasmtime's). */
        public Builder operatorCost(OperatorCost cost) {
            this.operatorCost = java.util.Objects.requireNonNull(cost);
            return this;
        }

        /**
         * Makes compiled code check the store's epoch deadline at every function entry and loop
         * header. Off by default; when off, compiled code contains no trace of it.
         */
        public Builder epochInterruption(boolean on) {
            this.epochInterruption = on;
            return this;
        }

        /**
         * Makes {@link Thread#interrupt()} stop WebAssembly code running on the interrupted thread:
         * it traps with {@link TrapCode#INTERRUPT} within about a millisecond (so
         * {@code Future.cancel(true)} and executor shutdowns stop guests too, as with Chicory). The
         * thread's interrupt status stays set. Off by default.
         *
         * <p>Compiled code then checks an epoch at every function entry and loop header, as with
         * {@link #epochInterruption} (and at the same cost), and a daemon thread shared by all
         * interruptible engines looks at the interrupt status of the threads running in their
         * stores every millisecond; only when it finds one interrupted does running code leave
         * the checks' fast path. When nothing runs, the thread backs off to a look every 64 ms,
         * and the next call into a store wakes it. The epochs of {@link Engine#incrementEpoch} and the deadlines of
         * {@link Store#setEpochDeadline} are not affected: enable {@link #epochInterruption} as
         * well to use both.
         */
        public Builder interruptible(boolean on) {
            this.interruptible = on;
            return this;
        }

        /** Write every generated class file under {@code dir} (for reading with {@code javap}). */
        public Builder dumpClassesDir(String dir) {
            this.dumpClassesDir = dir;
            return this;
        }

        /**
         * How many threads compile the functions of a large module: {@code 0} (the default) for
         * one per processor the JVM may use ({@link Runtime#availableProcessors()}), {@code 1} to
         * compile on the calling thread only. The generated code is the same for any number.
         * Modules with less than about 256 KiB of code, or with their functions in a single
         * class, always compile on the calling thread: starting threads would cost more than it
         * saves. The extra threads exist only while a compilation runs, and interrupting the
         * calling thread stops them too. A custom {@link #operatorCost} is then called from
         * several threads at once (it should be a pure function of the operator). In a JVM that
         * has just started, the JIT compiler's threads take about one processor while the compiler
         * warms up: the command line leaves it one (docs/performance.md, "Parallel compilation").
         */
        public Builder compileThreads(int threads) {
            if (threads < 0) throw new IllegalArgumentException("compileThreads must not be negative");
            this.compileThreads = threads;
            return this;
        }

        /**
         * Whether to generate the JVM code of a module's functions when they are first called
         * rather than when the module is compiled (default {@code false}). Every function body is
         * still validated when the module is compiled, so an invalid module fails there as the
         * spec requires; what is deferred is the translation to bytecode, class by class (a few
         * functions per class), when the JVM first resolves a call into the class. Most programs
         * run a fraction of their functions, so compiling takes less time. The code generated is
         * the same as when compiling eagerly. Two limits of Bytelift's are only found when a
         * function is translated, so with lazy compilation they surface at the first call of the
         * function, as an {@link ImplementationLimitException} thrown by the call instead of by
         * the compilation: a function too large for one JVM method even when split, and a
         * {@code br_table} in blocks nested tens of thousands deep. {@link #dumpClassesDir} turns
         * lazy compilation off (every class is generated to be written out).
         */
        public Builder lazyCompilation(boolean lazy) {
            this.lazyCompilation = lazy;
            return this;
        }

        /** The configuration. */
        public EngineConfig build() {
            return new EngineConfig(maxWasmStack, consumeFuel, operatorCost, epochInterruption, dumpClassesDir,
                    splitFunctionsOver, regionInstructions, features, compileThreads, interruptible, lazyCompilation);
        }
    }
}
