package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Bounds the WebAssembly call depth: every function checks its {@code depth} parameter against
 * the engine's limit on entry and traps with {@code call stack exhausted} past it.
 */
public final class StackLimitCheck implements Instrumentation {
    private final int maxDepth;

    public StackLimitCheck(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean hooksOperators() {
        return false; // nothing per operator
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(CodeEmitter.ILOAD, t.depthSlot());
        e.iconst(maxDepth);
        e.invokeStatic(RuntimeNames.name(dev.bytelift.runtime.internal.Limits.class), "checkDepth", "(II)V");
    }
}
