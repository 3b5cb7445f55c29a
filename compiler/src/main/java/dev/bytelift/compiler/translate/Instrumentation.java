package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The one seam through which the translator adds runtime checks (stack limit, fuel, epochs) to
 * generated code, like Wasmtime's {@code FuncEnvironment} hooks. Each concern is one
 * implementation; the translator never knows how they work.
 */
public interface Instrumentation {
    /** After the prologue (locals initialised), before the first operator. */
    default void functionEntry(CodeEmitter e, FunctionTranslator t) {}

    /** At a loop header, after its label. */
    default void loopHeader(CodeEmitter e, FunctionTranslator t) {}

    /** Before an operator is translated (in reachable code). */
    default void beforeOperator(CodeEmitter e, FunctionTranslator t, int opcode) {}

    /** Before a call instruction's invocation (arguments on the stack). */
    default void beforeCall(CodeEmitter e, FunctionTranslator t) {}

    /** After a call returns (results on the stack). */
    default void afterCall(CodeEmitter e, FunctionTranslator t) {}

    /** Before the function returns (results on the stack). */
    default void beforeReturn(CodeEmitter e, FunctionTranslator t) {}
}
