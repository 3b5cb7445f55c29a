package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FUNC;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.REFS;
import static dev.bytelift.compiler.translate.RuntimeNames.SCRATCH;
import static dev.bytelift.runtime.ValType.FUNCREF;
import static dev.bytelift.runtime.ValType.I32;

import org.objectweb.asm.Type;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.TailCalls;

/**
 * {@code return_call}, {@code return_call_indirect} and {@code return_call_ref} (docs/tail-calls.md): the callee's
 * arguments go to the scratch, the callee becomes the pending call, and the function returns
 * (a dummy result) to its entry's trampoline loop, which makes the call in its place. Validation:
 * the callee's results must match the caller's; the instruction is stack-polymorphic after.
 */
final class TailCallLowering extends Lowering {
    private static final String TAILS = Type.getInternalName(TailCalls.class);

    /** Resolves {@code return_call_indirect}'s callee as {@code call_indirect} does. */
    private final CallLowering calls;

    TailCallLowering(FunctionTranslator t, CallLowering calls) {
        super(t);
        this.calls = calls;
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case RETURN_CALL -> returnCall(r.index());
            case RETURN_CALL_INDIRECT -> returnCallIndirect();
            case RETURN_CALL_REF -> returnCallRef();
            default -> throw new IllegalStateException("not a tail call: " + op);
        }
    }

    private void returnCall(int f) {
        FuncType ft = ops.returnCall(f);
        if (e().live) {
            e().varInsn(ALOAD, ms().ctxSlot);
            e().field(GETFIELD, CTX, "funcs", "[L" + FUNC + ";");
            e().iconst(f);
            e().insn(AALOAD);
            tailCallResolved(ft);
        }
        finish();
    }

    private void returnCallIndirect() {
        int typeIndex = r.index();
        int table = r.index2();
        FuncType ft = ops.returnCallIndirect(typeIndex, table);
        if (e().live) {
            calls.tableCallee(typeIndex, table);
            tailCallResolved(ft);
        }
        finish();
    }

    /** {@code return_call_ref $t}: a null check of the reference, then the tail call of the {@code Func}. */
    private void returnCallRef() {
        int typeIndex = r.index();
        FuncType ft = ops.returnCallRef(typeIndex);
        if (e().live) {
            e().invokeStatic(REFS, "funcForCallRef", "(" + OBJ + ")L" + FUNC + ";");
            tailCallResolved(ft);
        }
        finish();
    }

    private void finish() {
        v.setUnreachable();
        e().live = false;
    }

    /**
     * A tail call of the {@code Func} on top of the JVM stack (resolved, type-checked, not null),
     * whose arguments of type {@code ft} lie under it; the validator has popped the arguments.
     * {@code return_call_ref} is a null check and this.
     */
    void tailCallResolved(FuncType ft) {
        int callee = e().temp(FUNCREF);
        e().varInsn(ASTORE, callee);
        for (int i = ft.paramCount() - 1; i >= 0; i--) {
            ValType t = ft.param(i);
            e().varInsn(ALOAD, ms().ctxSlot);
            e().iconst(TailCalls.argSlot(ft, i));
            e().invokeStatic(TAILS, "arg" + suffix(t), "(" + (t == ValType.V128 ? "JJ" : desc(t)) + "L" + CTX + ";I)V");
        }
        ValType[] results = fn.results();
        if (ms().rootIndex >= 0) {
            // a region: the function's own method returns, with dummy results, through the exit code
            setPending(callee);
            for (ValType t : results) e().zero(t);
            v.push(results);
            fn.regions.exitWith(1, results);
            return;
        }
        for (Instrumentation ins : ms().instrumentation) ins.beforeFunctionReturn(e(), fn);
        fn.locals.beforeReturn();
        // last, so that nothing can throw with a pending call set
        setPending(callee);
        ValType r0 = results.length == 0 ? null : results[0];
        if (r0 != null) e().zero(r0);
        if (r0 == ValType.V128) e().insn(POP2); // the low half only: the high half is the callee's to set
        e().returnValue(r0);
    }

    private void setPending(int callee) {
        pushScratch();
        e().varInsn(ALOAD, callee);
        e().field(PUTFIELD, SCRATCH, "tailCallee", "L" + FUNC + ";");
    }
}
