package dev.bytelift.compiler.translate;

import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Epoch interruption: at every function entry and loop header, compares the engine's epoch (a
 * volatile read, so the JIT cannot hoist it out of a loop) with the store's deadline, cached in a
 * local at entry and reloaded only on the slow path (as Wasmtime does: a callee's callback may have
 * moved the deadline on, which the slow path sees before acting; calls cost no reload).
 * {@code Epochs.check} is tiny and inlined: the slow path is a call.
 * Where the function's methods cache nothing ({@link FunctionTranslator#addCacheLocal}: a function
 * split over many methods, each of which would load it on entry), each check reads the deadline
 * from the limits object instead.
 */
public final class EpochCheck implements Instrumentation, Opcodes {
    private static final String COUNTER = RuntimeNames.name(dev.bytelift.runtime.internal.EpochCounter.class);
    private static final String LIMITS = RuntimeNames.LIMITS;
    private static final String CTX = RuntimeNames.CTX;
    private int counterSlot;
    private int deadlineSlot;

    @Override
    public boolean hooksOperators() {
        return false; // nothing per operator
    }

    @Override
    public void declareLocals(FunctionTranslator t) {
        counterSlot = t.addLocal(COUNTER, 1);
        deadlineSlot = t.addCacheLocal(LONG, 2);
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        loadCounter(e, t);
        loadDeadline(e, t);
        check(e, t);
    }

    @Override
    public void methodEntry(CodeEmitter e, FunctionTranslator t) {
        loadCounter(e, t);
        loadDeadline(e, t);
    }

    @Override
    public void loopHeader(CodeEmitter e, FunctionTranslator t) {
        check(e, t);
    }

    private void loadCounter(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "epoch", "L" + COUNTER + ";");
        e.varInsn(ASTORE, counterSlot);
    }

    private void loadDeadline(CodeEmitter e, FunctionTranslator t) {
        if (deadlineSlot < 0) return;
        pushStoreDeadline(e, t);
        e.varInsn(LSTORE, deadlineSlot);
    }

    private static void pushStoreDeadline(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        e.field(GETFIELD, LIMITS, "epochDeadline", "J");
    }

    private void check(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, counterSlot);
        e.field(GETFIELD, COUNTER, "value", "J");
        if (deadlineSlot < 0) pushStoreDeadline(e, t);
        else e.varInsn(LLOAD, deadlineSlot);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic(RuntimeNames.name(dev.bytelift.runtime.internal.Epochs.class), "check", "(JJL" + CTX + ";)J");
        if (deadlineSlot < 0) e.insn(POP2);
        else e.varInsn(LSTORE, deadlineSlot);
    }
}
