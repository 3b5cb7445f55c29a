package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Bounds the JVM stack WebAssembly code takes: every function checks, on entry, its {@code depth}
 * parameter (the 8-byte words of the frames below it) plus its own frame's size against the
 * engine's limit, and traps with {@code call stack exhausted} past it (see {@code emit.FrameSizes}).
 */
public final class StackLimitCheck implements Instrumentation {
    private final int maxWords;

    /** The check for a limit of {@code maxBytes} ({@code EngineConfig.maxWasmStack}). */
    public StackLimitCheck(int maxBytes) {
        this.maxWords = maxBytes / 8;
    }

    @Override
    public boolean hooksOperators() {
        return false; // nothing per operator
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(CodeEmitter.ILOAD, t.depthSlot());
        e.pushFrameSize(t.ms.owner, t.ms.name);
        e.iconst(maxWords);
        e.invokeStatic(RuntimeNames.name(dev.bytelift.runtime.internal.Limits.class), "checkStack", "(III)V");
    }
}
