package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The one seam through which the translator adds runtime checks (stack limit, fuel, epochs) to
 * generated code, like Wasmtime's {@code FuncEnvironment} hooks. Each concern is one
 * implementation, created per function; the translator never knows how they work. Hooks that emit
 * code are only called in reachable code.
 */
public interface Instrumentation {
    /** Before the locals are laid out: reserve permanent locals with {@link FunctionTranslator#addLocal}. */
    default void declareLocals(FunctionTranslator t) {}

    /** After the prologue (locals initialised), before the first operator. */
    default void functionEntry(CodeEmitter e, FunctionTranslator t) {}

    /** At a loop header, after its label. */
    default void loopHeader(CodeEmitter e, FunctionTranslator t) {}

    /** Before an operator is translated (in reachable code); its immediates have been read. */
    default void beforeOperator(CodeEmitter e, FunctionTranslator t, Op op) {}

    /** Right before the invocation of a call to a WebAssembly function (arguments on the stack). */
    default void beforeCall(CodeEmitter e, FunctionTranslator t) {}

    /** Right after such a call returns (results on the stack). */
    default void afterCall(CodeEmitter e, FunctionTranslator t) {}

    /**
     * Before a call to another piece of a function split over several methods (see
     * {@link FunctionTranslator}); like a call, without the call instruction's own cost.
     */
    default void beforeRegionCall(CodeEmitter e, FunctionTranslator t) {
        beforeCall(e, t);
    }

    /** After such a call returns (its exit code on the stack). */
    default void afterRegionCall(CodeEmitter e, FunctionTranslator t) {
        afterCall(e, t);
    }

    /**
     * Whether this instrumentation passes a {@code long} of its own to every piece of a split
     * function it calls (an argument after the context; cheaper at the call site than the frame array).
     */
    default boolean passesLongToRegions() {
        return false;
    }

    /** Pushes that {@code long}, as the last argument of a call of another piece. */
    default void pushRegionArgument(CodeEmitter e, FunctionTranslator t) {}

    /**
     * At the start of a piece of a split function (not a function entry: nothing is charged or
     * checked); {@code argumentSlot} holds the {@code long} passed to it, if this instrumentation
     * {@link #passesLongToRegions passes one}, else it is -1.
     */
    default void regionEntry(CodeEmitter e, FunctionTranslator t, int argumentSlot) {}

    /** Before the function (or a piece of a split function) returns. */
    default void beforeReturn(CodeEmitter e, FunctionTranslator t) {}

    /** After the whole body: emit out-of-line code (handlers), which must end in a jump or throw. */
    default void functionExit(CodeEmitter e, FunctionTranslator t) {}

    /** Creates the instrumentation of one function. */
    @FunctionalInterface
    interface Factory {
        Instrumentation create();
    }
}
