package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.GLOBAL;
import static dev.bytelift.compiler.translate.RuntimeNames.GLOBALS;
import static dev.bytelift.compiler.translate.RuntimeNames.SCRATCH;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.I64;
import static dev.bytelift.runtime.ValType.V128;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;

/**
 * Locals (JVM locals, or a split function's frame arrays: {@link LocalStorage}) and globals (through
 * the context's {@code Global} objects).
 */
final class VariableLowering extends Lowering {
    VariableLowering(FunctionTranslator t) {
        super(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case LOCAL_GET -> localGet(r.index());
            case LOCAL_SET -> localSet(r.index(), false);
            case LOCAL_TEE -> localSet(r.index(), true);
            case GLOBAL_GET -> globalGet(r.index());
            case GLOBAL_SET -> globalSet(r.index());
            default -> throw new IllegalStateException("not a variable operator: " + op);
        }
    }

    private void localGet(int i) {
        ops.localGet(i);
        fn.locals.load(fn.local(i));
    }

    private void localSet(int i, boolean tee) {
        ValType t = ops.localSet(i, tee);
        if (!e().live) return;
        if (tee) {
            switch (t.kind()) {
                case I64, F64 -> e().insn(DUP2);
                case V128 -> {
                    fn.locals.store(fn.local(i));
                    fn.locals.load(fn.local(i));
                    return;
                }
                default -> e().insn(DUP);
            }
        }
        fn.locals.store(fn.local(i));
    }

    private void loadGlobal(int g) {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "globals", Descriptors.GLOBAL_ARRAY_TYPE);
        e().iconst(g);
        e().insn(AALOAD);
    }

    private void globalGet(int g) {
        ValType t = ops.globalGet(g);
        loadGlobal(g);
        if (t == V128) {
            pushScratch();
            e().invokeStatic(GLOBALS, "getV128", "(L" + GLOBAL + ";L" + SCRATCH + ";)J");
            pushV128Hi();
        } else {
            e().invokeStatic(GLOBALS, Descriptors.globalGet(t), Descriptors.globalGetDesc(t));
        }
    }

    private void globalSet(int g) {
        ValType t = ops.globalSet(g);
        loadGlobal(g);
        e().invokeStatic(GLOBALS, Descriptors.globalSet(t), Descriptors.globalSetDesc(t));
    }
}
