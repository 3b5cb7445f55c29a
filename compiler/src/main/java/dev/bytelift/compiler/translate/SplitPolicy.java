package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.EngineConfig;

/**
 * Whether a function is split over several JVM methods (docs/splitting.md), and how many JVM
 * instructions each piece gets: a body over the engine's size threshold is split, and so is one
 * that would run C2 out of its inlining budget, into pieces that fit it.
 *
 * @param split whether the function is split
 * @param regionBudget the JVM instructions a piece may grow to before the next one starts
 */
record SplitPolicy(boolean split, int regionBudget) {
    /*
     * C2 inlines into one compilation only until it has created NodeCountInliningCutoff (18,000)
     * IR nodes; past that, every further call site stays a real call. Generated code calls small
     * runtime helpers for memory accesses and many operators, so a big function with many
     * accesses runs out: memcpy's 1,139-instruction function (97 accesses) left its later copy
     * loops calling MemoryAccess out of line, 3x slower than split (docs/performance.md §2). The
     * weights below are rough node costs fitted to C2's compilation logs of the kernels (memcpy ran
     * out half-way, nbody just reached the cutoff, interp's 68 wide accesses did not): a multi-byte
     * access through a byte-array VarHandle ~100 nodes, a byte access ~30, anything else ~25.
     */
    private static final int WIDE_ACCESS_WEIGHT = 100, BYTE_ACCESS_WEIGHT = 30, INSTRUCTION_WEIGHT = 25;
    /** Split a function whose estimated weight exceeds this (nbody's run, 17,500, is not split). */
    private static final int INLINING_BUDGET = 20_000;
    /** The weight each piece of a split function should stay under, half the cutoff. */
    private static final int PIECE_WEIGHT = 9_000;
    /** About how many JVM instructions one Wasm instruction becomes (regions are sized in JVM instructions). */
    private static final int JVM_PER_WASM_INSTRUCTION = 2;
    /** The least a piece sized by the inlining estimate gets (below the configured budget). */
    private static final int MIN_REGION_INSTRUCTIONS = 200;

    static SplitPolicy of(ModuleInfo.FunctionBody body, EngineConfig config) {
        boolean split = body.end() - body.start() > config.splitFunctionsOver();
        int regionBudget = config.regionInstructions();
        // a method C2 would run out of inlining budget for is split too, into pieces that fit
        long weight = inliningWeight(body);
        if (weight > INLINING_BUDGET) split = true;
        if (split && body.instructions() > 0) {
            long perPiece = (long) PIECE_WEIGHT * JVM_PER_WASM_INSTRUCTION * body.instructions() / Math.max(1, weight);
            // the configured budget is a ceiling (the tests set a tiny one to split every function finely)
            regionBudget = (int) Math.min(regionBudget, Math.max(MIN_REGION_INSTRUCTIONS, perPiece));
        }
        return new SplitPolicy(split, regionBudget);
    }

    /** Estimated C2 nodes of inlining the whole body's helpers in one compilation. */
    static long inliningWeight(ModuleInfo.FunctionBody body) {
        int others = body.instructions() - body.byteAccesses() - body.wideAccesses();
        return (long) WIDE_ACCESS_WEIGHT * body.wideAccesses() + (long) BYTE_ACCESS_WEIGHT * body.byteAccesses()
                + (long) INSTRUCTION_WEIGHT * others;
    }
}
