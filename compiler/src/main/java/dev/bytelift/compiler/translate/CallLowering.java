package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FUNC;
import static dev.bytelift.compiler.translate.RuntimeNames.OBJ;
import static dev.bytelift.compiler.translate.RuntimeNames.REFS;
import static dev.bytelift.compiler.translate.RuntimeNames.RESULTS;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLE;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLES;
import static dev.bytelift.runtime.ValType.V128;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Direct and indirect calls: arguments stay on the JVM stack, the callee gets {@code depth} + this method's frame size and the
 * context; results after the first come back through the scratch area; the memory cache is
 * reloaded after every call (the callee may grow memory).
 */
final class CallLowering extends Lowering {
    private final TailCallLowering tail;

    CallLowering(FunctionTranslator t) {
        super(t);
        this.tail = new TailCallLowering(t, this);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case CALL -> call(r.index());
            case CALL_INDIRECT -> callIndirect();
            case CALL_REF -> callRef();
            case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> tail.lower(op);
            default -> throw new IllegalStateException("not a call: " + op);
        }
    }

    private void call(int f) {
        int pc = v.offset;
        FuncType ft = ops.call(f);
        if (!e().live) return;
        pushCalleeDepthAndContext();
        for (Instrumentation ins : ms().instrumentation) ins.beforeCall(e(), fn);
        fn.dropMemoryCache();
        if (f < m.importedFuncs) e().iconst(pc); // import stubs take the call's offset (see Abi)
        e().invokeStatic(fn.mc.owner(f), fn.mc.methodName(f), fn.mc.descriptor(f));
        afterCall(ft);
    }

    private void pushCalleeDepthAndContext() {
        e().varInsn(ILOAD, ms().depthSlot);
        e().addFrameSize(ms().owner, ms().name);
        e().varInsn(ALOAD, ms().ctxSlot);
    }

    /** After a call: fetch the v128 high half and the extra results, mark the memory cache stale. */
    private void afterCall(FuncType ft) {
        fn.memoryMayHaveGrown();
        if (fn.deep != null && fn.deep.afterWideCall(ft)) {
            for (Instrumentation ins : ms().instrumentation) ins.afterCall(e(), fn);
            return;
        }
        int n = ft.resultCount();
        if (n > 0 && ft.result(0) == V128) {
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(RESULTS, "v128Hi", "(L" + CTX + ";)J");
        }
        for (int i = 1; i < n; i++) {
            ValType t = ft.result(i);
            int slot = Abi.resultSlot(ft, i);
            if (t == V128) {
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slot);
                e().invokeStatic(RESULTS, "getV128Lo", "(L" + CTX + ";I)J");
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slot);
                e().invokeStatic(RESULTS, "getV128Hi", "(L" + CTX + ";I)J");
            } else {
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slot);
                e().invokeStatic(RESULTS, Descriptors.resultGet(t), Descriptors.resultGetDesc(t));
            }
        }
        for (Instrumentation ins : ms().instrumentation) ins.afterCall(e(), fn);
    }

    /**
     * {@code call_ref $t} ({@code return_call_ref $t} is {@link TailCallLowering}'s): the reference's
     * type is {@code $t}'s, so the function goes to {@code $t}'s dispatcher after a null check.
     */
    private void callRef() {
        int pc = v.offset;
        int typeIndex = r.index();
        FuncType ft = ops.callRef(typeIndex);
        if (fn.mc.planFixed()) fn.mc.dispatcher(typeIndex);
        if (e().live) {
            e().invokeStatic(REFS, "funcForCallRef", "(" + OBJ + ")L" + FUNC + ";");
            pushCalleeDepthAndContext();
            for (Instrumentation ins : ms().instrumentation) ins.beforeCall(e(), fn);
            fn.dropMemoryCache();
            String d = Abi.descriptor(ft);
            String dispatchDesc = d.replace("IL" + CTX + ";)", "L" + FUNC + ";IL" + CTX + ";I)");
            e().iconst(pc);
            e().invokeStatic(fn.mc.dispatcherOwner(typeIndex), fn.mc.dispatcher(typeIndex), dispatchDesc);
            afterCall(ft);
        }
    }

    private void callIndirect() {
        int pc = v.offset;
        int typeIndex = r.index();
        int table = r.index2();
        FuncType ft = ops.callIndirect(typeIndex, table);
        // with the plan fixed (lazy or parallel compilation) unreachable call_indirects count too:
        // lazy compilation emits the dispatchers before any function, with the same bytes
        if (fn.mc.planFixed()) fn.mc.dispatcher(typeIndex);
        if (!e().live) return;
        tableCallee(typeIndex, table);
        pushCalleeDepthAndContext();
        for (Instrumentation ins : ms().instrumentation) ins.beforeCall(e(), fn);
        fn.dropMemoryCache();
        String d = Abi.descriptor(ft);
        String dispatchDesc = d.replace("IL" + CTX + ";)", "L" + FUNC + ";IL" + CTX + ";I)");
        e().iconst(pc); // dispatchers take the call's offset for foreign functions (see Abi)
        e().invokeStatic(fn.mc.dispatcherOwner(typeIndex), fn.mc.dispatcher(typeIndex), dispatchDesc);
        afterCall(ft);
    }

    /** The {@code Func} at the table index on the stack, checked against the type (traps as the spec says). */
    void tableCallee(int typeIndex, int table) {
        loadTable(table);
        e().iconst(fn.mc.typeId(typeIndex));
        if (m.tables.get(table).is64()) e().invokeStatic(TableLowering.TABLES64, "funcForCall", "(JL" + TABLE + ";I)L" + FUNC + ";");
        else e().invokeStatic(TABLES, "funcForCall", "(IL" + TABLE + ";I)L" + FUNC + ";");
    }
}
