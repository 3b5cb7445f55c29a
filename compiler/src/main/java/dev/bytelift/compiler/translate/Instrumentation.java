package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The one seam through which the translator adds runtime checks (stack limit, fuel, epochs) to
 * generated code, like Wasmtime's {@code FuncEnvironment} hooks. Each concern is one
 * implementation; the translator never knows how they work. Hooks that emit code are only called
 * in reachable code.
 *
 * <p>A function's code may be spread over several JVM methods (a split function's regions, see
 * {@link Regions}); an instance is created for each method, and keeps that method's state. An
 * instrumentation need not know how or why: what it keeps in JVM locals ({@link
 * FunctionTranslator#addLocal}) is the method's own, what must live for the whole activation is a
 * {@link FunctionTranslator#persistentLong persistent long}, which the local storage keeps and hands
 * over between methods; exception handlers go to {@link FunctionTranslator#addCatchAll}, which
 * orders them with the function's others. docs/architecture.md says how to add an instrumentation.
 */
public interface Instrumentation {
    /**
     * In each method, before its code: reserve locals ({@link FunctionTranslator#addLocal},
     * {@link FunctionTranslator#addCacheLocal}) and ask for persistent longs
     * ({@link FunctionTranslator#persistentLong}).
     */
    default void declareLocals(FunctionTranslator t) {}

    /** After the prologue of the function's own method (locals initialised), before the first operator. */
    default void functionEntry(CodeEmitter e, FunctionTranslator t) {}

    /**
     * At the start of another method of the function (a region, which continues the code of the
     * method calling it): not a function entry, so nothing is charged or checked. Locals of the
     * method are zero here; persistent longs hold their value.
     */
    default void methodEntry(CodeEmitter e, FunctionTranslator t) {}

    /** At a loop header, after its label. */
    default void loopHeader(CodeEmitter e, FunctionTranslator t) {}

    /**
     * Whether {@link #beforeOperator} or {@link #afterOperator} may do anything: false lets the
     * translator skip both for every operator ({@link OperatorHooks}). An implementation that
     * overrides neither may say so; the default is the safe answer.
     */
    default boolean hooksOperators() {
        return true;
    }

    /** Before an operator is translated (in reachable code); its immediates have been read. */
    default void beforeOperator(CodeEmitter e, FunctionTranslator t, Op op) {}

    /** After operator {@code op} completed (in live code; not after one that leaves). */
    default void afterOperator(CodeEmitter e, FunctionTranslator t, Op op) {}

    /** Right before the invocation of a call to a WebAssembly function (arguments on the stack). */
    default void beforeCall(CodeEmitter e, FunctionTranslator t) {}

    /** Right after such a call returns (results on the stack). */
    default void afterCall(CodeEmitter e, FunctionTranslator t) {}

    /**
     * Before a call of another method of the function (a region; see {@link #methodEntry}), which
     * runs with its own instance of this instrumentation: like a call, without the call
     * instruction's own cost. The local storage hands persistent longs over, with their deferred
     * additions: nothing to write back.
     */
    default void beforeRegionCall(CodeEmitter e, FunctionTranslator t) {
        beforeCall(e, t);
    }

    /**
     * After such a call returns (its exit code on the stack). Persistent longs hold what the callee
     * left in them; this method's locals are as they were.
     */
    default void afterRegionCall(CodeEmitter e, FunctionTranslator t) {
        afterCall(e, t);
    }

    /**
     * At the start of a WebAssembly exception handler ({@code try_table}'s catch clauses, a legacy
     * {@code catch}), the operand stack empty: the exception came from a call, a region or a
     * {@code throw} of this method, so what a call may change must be read again (as after a call).
     */
    default void afterCatch(CodeEmitter e, FunctionTranslator t) {}

    /**
     * Before the function's own method returns to the function's caller (a region returning to the
     * method that called it is not a return of the function: no hook).
     */
    default void beforeFunctionReturn(CodeEmitter e, FunctionTranslator t) {}

    /**
     * At the end of each method (after its last instruction): emit out-of-line code (handlers),
     * which must end in a jump or throw.
     */
    default void functionExit(CodeEmitter e, FunctionTranslator t) {}

    /** Creates the instrumentation of one function. */
    @FunctionalInterface
    interface Factory {
        Instrumentation create();
    }
}
