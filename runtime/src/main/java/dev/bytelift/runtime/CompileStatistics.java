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
 */
public record CompileStatistics(int functions, int importedFunctions, long codeBytes, int classes, long classBytes,
        boolean lazy, int threads, long nanos) {
    /** The compile log's line: functions, code size, classes and their bytes, threads. */
    @Override
    public String toString() {
        return functions + " functions (" + codeBytes + " bytes of code, " + importedFunctions + " imported), "
                + classes + " classes of " + classBytes + " bytes" + (lazy ? " (function classes when first used)" : "")
                + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
