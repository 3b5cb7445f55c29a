package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Epoch interruption: at every function entry and loop header, compares the engine's epoch (a
 * volatile read, so the JIT cannot hoist it out of a loop) with the store's deadline, cached in a
 * local at entry and reloaded only on the slow path (as Wasmtime does: a callee's callback may have
 * moved the deadline on, which the slow path sees before acting; calls cost no reload).
 *
 * <p>Two shapes, by measurement (docs/performance.md §7.5): at function entries and the headers of
 * innermost loops, a call of {@code Epochs.check}, which C2 inlines (the comparison and its branch
 * profile are in the shared helper, the slow path a call in it); at the header of a loop with
 * another loop in its body, the comparison in the generated code with a call of
 * {@code Epochs.reached} as the slow path. With the helper there, C2 compiled matmul's loop nest
 * 1.7x slower than without checks; with the comparison in line at every check instead, innermost
 * loops lost as much (sort 1.4x), though no check's slow path was ever taken in either.
 *
 * <p>A function whose every run is bounded by its size (no loops, no calls, at most 1 KiB:
 * {@link FunctionTranslator#bounded}), such as an interpreter's handlers, has no check at all: its
 * caller checks at its own loop headers and entry, and the host's calls into WebAssembly check on
 * entry (the runtime's {@code EntryCalls}), so a deadline reached between calls still interrupts
 * the next one, as in Wasmtime. A countdown budget at loop headers instead of a check per
 * iteration was tried and measured worse (docs/performance.md §7.2): its slow path is a branch
 * that merges back into the loop, where the check's is an uncommon trap, and C2 optimises such
 * loops less (matmul +27 % -> +72 %, spectralnorm +8 % -> +57 %).
 * A loop of a small fixed number of iterations of straight code ({@link BoundedLoops}) has no
 * check at its header either: the check around it comes at least once per run of it. Nor has a
 * loop whose body starts with straight code up to a call of a function that checks on entry
 * (not bounded): that check comes once per iteration anyway (fib: one check per call, not two).
 * Where the function's methods cache nothing ({@link FunctionTranslator#addCacheLocal}: a function
 * split over many methods, each of which would load it on entry), each check reads the deadline
 * from the limits object instead.
 */
public final class EpochCheck implements Instrumentation, Opcodes {
    private static final String COUNTER = RuntimeNames.name(dev.bytelift.runtime.internal.EpochCounter.class);
    private static final String LIMITS = RuntimeNames.LIMITS;
    private static final String CTX = RuntimeNames.CTX;
    private static final String EPOCHS = RuntimeNames.name(dev.bytelift.runtime.internal.Epochs.class);
    private int counterSlot;
    private int deadlineSlot;

    @Override
    public boolean hooksOperators() {
        return false; // nothing per operator
    }

    /** Whether this function has no checks (bounded). */
    private boolean none;

    @Override
    public void declareLocals(FunctionTranslator t) {
        none = t.bounded();
        if (none) return;
        counterSlot = t.addLocal(COUNTER, 1);
        deadlineSlot = t.addCacheLocal(LONG, 2);
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        if (none) return;
        loadCounter(e, t);
        loadDeadline(e, t);
        check(e, t);
    }

    @Override
    public void methodEntry(CodeEmitter e, FunctionTranslator t) {
        if (none) return;
        loadCounter(e, t);
        loadDeadline(e, t);
    }

    @Override
    public void loopHeader(CodeEmitter e, FunctionTranslator t) {
        // a few iterations: the check around the loop suffices; or each iteration calls a checking function first
        if (none || t.loopBounded() || t.loopCallsCheckingFunction()) return;
        if (t.loopHasInnerLoop()) inlineCheck(e, t);
        else check(e, t);
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

    /** {@code deadline = Epochs.check(epoch, deadline, ctx)}. */
    private void check(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, counterSlot);
        e.field(GETFIELD, COUNTER, "value", "J");
        if (deadlineSlot < 0) pushStoreDeadline(e, t);
        else e.varInsn(LLOAD, deadlineSlot);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic(EPOCHS, "check", "(JJL" + CTX + ";)J");
        if (deadlineSlot < 0) e.insn(POP2);
        else e.varInsn(LSTORE, deadlineSlot);
    }

    /** {@code if (epoch >= deadline) deadline = Epochs.reached(ctx)}: a branch profile of its own. */
    private void inlineCheck(CodeEmitter e, FunctionTranslator t) {
        Label before = new Label();
        e.varInsn(ALOAD, counterSlot);
        e.field(GETFIELD, COUNTER, "value", "J");
        if (deadlineSlot < 0) pushStoreDeadline(e, t);
        else e.varInsn(LLOAD, deadlineSlot);
        e.insn(LCMP);
        e.jump(IFLT, before);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic(EPOCHS, "reached", "(L" + CTX + ";)J");
        if (deadlineSlot < 0) e.insn(POP2);
        else e.varInsn(LSTORE, deadlineSlot);
        t.placeTarget(before);
    }
}
