package dev.bytelift.compiler;

import dev.bytelift.runtime.EngineConfig;

/**
 * The engine configurations the golden bytecode tests and the kernel dump compile every module
 * in: each one changes the generated code in its own way, and a refactoring must keep all of them.
 */
enum GoldenConfig {
    /** The defaults: only the stack-limit check is instrumented. */
    PLAIN("plain"),
    /** Fuel metering and epoch checks compiled in. */
    FUEL_EPOCHS("fuel-epochs"),
    /**
     * Every function split into pieces of about {@link #REGION_INSTRUCTIONS} JVM instructions (the
     * spec suite's split run uses 8; larger pieces keep the approved text readable while most
     * functions of the golden modules still get several region methods).
     */
    SPLIT("split"),
    /** Split and instrumented: in split mode fuel and the epoch deadline live elsewhere (docs/splitting.md). */
    SPLIT_FUEL_EPOCHS("split-fuel-epochs");

    static final int REGION_INSTRUCTIONS = 16;

    /** The folder name of this configuration's approved files and dumps. */
    final String dirName;

    GoldenConfig(String dirName) {
        this.dirName = dirName;
    }

    EngineConfig engineConfig() {
        // the limit is a constant of each function's stack check: the approved text keeps 512 KiB,
        // the default before it became 768 KiB (nothing else of the code depends on it)
        EngineConfig.Builder b = EngineConfig.builder().maxWasmStack(512 * 1024);
        if (this == FUEL_EPOCHS || this == SPLIT_FUEL_EPOCHS) b.consumeFuel(true).epochInterruption(true);
        if (this == SPLIT || this == SPLIT_FUEL_EPOCHS) b.splitFunctionsOver(0).regionInstructions(REGION_INSTRUCTIONS);
        return b.build();
    }
}
