package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.internal.EpochCounter;
import dev.bytelift.runtime.internal.Epochs;

/**
 * Epoch interruption, coarse-grained where that costs nothing observable (issue 19): a running
 * guest notices a passed deadline within a bounded amount of its own work, not at every point
 * Wasmtime would check.
 * <ul>
 * <li>At function entry, the engine's epoch (a volatile read) is compared with the store's
 * deadline, as Wasmtime does, and an {@code int} local, the <em>budget</em>, is set to
 * {@link Epochs#BUDGET}; except in a function whose every run is bounded by its size (no loops,
 * no calls, a short body: {@link FunctionTranslator#bounded}), such as an interpreter's
 * handlers, where the check would cost more than the function. Its caller checks soon enough,
 * and the host's calls into WebAssembly check on entry (the runtime's {@code EntryCalls}), so a
 * deadline reached between calls still interrupts the next one, as in Wasmtime.</li>
 * <li>At a loop header, the budget goes down by the loop's weight, an upper bound of the bytes of
 * code one iteration runs outside inner loops and calls (the bytes from the header to the end of
 * the body, at most {@link #MAX_WEIGHT}); only when it is used up does the header compare the
 * epoch and set the budget again. A tight loop reads the epoch once per thousands of iterations:
 * no volatile read, so no memory barrier, on its hot path.</li>
 * <li>Another method of a split function starts with a budget of 0: its first loop header
 * compares (a region called from a loop must not restart a countdown it never finishes).</li>
 * </ul>
 * So between two reads of the epoch a function runs at most {@link Epochs#BUDGET} bytes of its
 * loops' code and of the bounded functions they call ({@link #afterOperator}); other calls check at
 * their own entry, host functions when they return.
 *
 * <p>The comparison is in the generated code, the deadline path ({@link Epochs#reached}) a call
 * that never runs in the common case, so C2 compiles it to an uncommon trap. Measured
 * (docs/performance.md §7): a helper doing the comparison, inlined at the entry, is too cold to
 * be inlined in a loop's slow path, and a call in the loop costs matmul 40-80 %.
 */
public final class EpochCheck implements Instrumentation, Opcodes {
    /** The most a loop header takes from the budget: {@code iinc}'s range (so at least 8 iterations between reads). */
    static final int MAX_WEIGHT = Short.MAX_VALUE;
    private static final String EPOCHS = RuntimeNames.name(Epochs.class);
    private static final String COUNTER = RuntimeNames.name(EpochCounter.class);
    private static final String CTX = RuntimeNames.CTX;
    private static final String LIMITS = RuntimeNames.LIMITS;
    private int budgetSlot;

    @Override
    public boolean hooksOperators() {
        return true; // calls and bulk operators take from the budget (afterOperator)
    }

    /**
     * What an operator's own work may add to the budget's count beyond its bytes: a direct call to
     * a bounded function (which does not check on entry) takes its body's size, an indirect one the
     * most a bounded function may have; a bulk or grow operator (a fill, a copy, a memory copied as
     * it grows) may run for as long as memory is large, so it is followed by a check. A call of
     * another function checks at its entry; time in a host function is checked when it returns
     * ({@link Epochs#afterHostCall}). In a split function the calls' charges count only where the
     * loop's header is in the same method (a region starts from 0 and has no header to pay them).
     */
    @Override
    public void afterOperator(CodeEmitter e, FunctionTranslator t, Op op) {
        if (budgetSlot < 0) return;
        if (op == Op.CALL) {
            int callee = t.r.index() - t.m.importedFuncs;
            if (callee >= 0 && t.m.bodies.get(callee).bounded()) {
                e.iinc(budgetSlot, -(t.m.bodies.get(callee).end() - t.m.bodies.get(callee).start()));
            }
        } else if (op == Op.CALL_INDIRECT || op == Op.CALL_REF) {
            e.iinc(budgetSlot, -ModuleInfo.FunctionBody.BOUNDED_MAX_BYTES);
        } else if (op.has(Op.F.BULK) || op == Op.MEMORY_GROW || op == Op.TABLE_GROW) {
            check(e, t); // at once: the loop's header may be in another method of a split function
        }
    }

    @Override
    public void declareLocals(FunctionTranslator t) {
        budgetSlot = t.bounded() ? -1 : t.addLocal(INTEGER, 1); // 0 in the prologue; none without loops or calls
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        if (!t.bounded()) check(e, t);
    }

    @Override
    public void loopHeader(CodeEmitter e, FunctionTranslator t) {
        Label left = new Label();
        e.iinc(budgetSlot, -weight(t));
        e.varInsn(ILOAD, budgetSlot);
        e.jump(IFGT, left);
        check(e, t);
        t.placeTarget(left);
    }

    /** The loop's weight: the bytes to the body's end bound one iteration's own code. */
    static int weight(FunctionTranslator t) {
        return Math.max(1, Math.min(MAX_WEIGHT, t.bytesToBodyEnd()));
    }

    /** {@code if (ctx.limits.epochDeadline <= ctx.epoch.value) Epochs.reached(ctx); budget = BUDGET}. */
    private void check(CodeEmitter e, FunctionTranslator t) {
        Label before = new Label();
        // the deadline first: loads after the volatile read of the epoch could not be moved before it
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        e.field(GETFIELD, LIMITS, "epochDeadline", "J");
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "epoch", "L" + COUNTER + ";");
        e.field(GETFIELD, COUNTER, "value", "J");
        e.insn(LCMP);
        e.jump(IFGT, before);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic(EPOCHS, "reached", "(L" + CTX + ";)V");
        t.placeTarget(before);
        e.ldc(Epochs.BUDGET);
        e.varInsn(ISTORE, budgetSlot);
    }
}
