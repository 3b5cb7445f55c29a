package dev.bytelift.runtime;

/**
 * What compiling a module took and made ({@link Module#statistics()}): for logging, metrics and
 * deciding on options such as {@link EngineConfig.Builder#lazyCompilation} or
 * {@link EngineConfig.Builder#compileThreads}. The same figures as the opt-in compile log
 * ({@code -Dbytelift.compileLog=true}).
 *
 * @param functions the functions the module defines (imported ones not counted)
 * @param importedFunctions the functions it imports
 * @param codeBytes the size of its function bodies in the binary format
 * @param classes the JVM classes generated at compile time (with lazy compilation, function
 *     classes are generated at first call and not counted)
 * @param classBytes their size in bytes
 * @param lazy whether function classes are generated at first call ({@link EngineConfig#lazyCompilation()})
 * @param threads how many threads translated and loaded the functions
 * @param nanos the wall-clock time of compiling, decoding and validating included
 * @param splitFunctions the functions compiled split over several JVM methods (docs/splitting.md:
 *     large bodies, very many locals, deep operand stacks); like {@code classes}, only those
 *     translated at compile time count (none with lazy compilation, nor for an ahead-of-time jar)
 * @param regions the extra JVM methods (regions) those functions were split into
 */
public record CompileStatistics(int functions, int importedFunctions, long codeBytes, int classes, long classBytes,
        boolean lazy, int threads, long nanos, int splitFunctions, int regions) {
    /** Statistics of a module none of whose functions was split (the form before splits were counted). */
    public CompileStatistics(int functions, int importedFunctions, long codeBytes, int classes, long classBytes,
            boolean lazy, int threads, long nanos) {
        this(functions, importedFunctions, codeBytes, classes, classBytes, lazy, threads, nanos, 0, 0);
    }

    /** The compile log's line: functions, code size, split functions, classes and their bytes, threads. */
    @Override
    public String toString() {
        return functions + " functions (" + codeBytes + " bytes of code, " + importedFunctions + " imported"
                + (splitFunctions > 0 ? ", " + splitFunctions + " split into " + regions + " regions" : "") + "), "
                + classes + " classes of " + classBytes + " bytes" + (lazy ? " (function classes when first used)" : "")
                + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
