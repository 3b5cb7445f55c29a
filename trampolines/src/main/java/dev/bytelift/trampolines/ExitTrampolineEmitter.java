package dev.bytelift.trampolines;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Emits a WebAssembly-to-host (exit) trampoline: the bytes are generated once per host function
 * signature (and typed shape) and engine; each host function definition is a hidden class defined
 * from them with its own class data, the function and its type (see {@link ClassData}). It is bound
 * to no store: what belongs to the store (limits, scratch, the {@link dev.bytelift.runtime.Caller})
 * it reads from the calling context, which is never null (a call from the host passes its store's
 * host context), so that one class serves every store a linker instantiates in. Its static
 * {@code invoke} method has the uniform invoker type
 * {@code (params..., int depth, VMContext caller, int pc) -> r0} of {@link Abi} and does:
 * <pre>
 *   limits = caller.limits;
 *   limits.lastWasmExitFp = depth - 1;   // the calling WebAssembly frame
 *   limits.lastWasmExitPc = pc;          // the module offset of its call instruction
 *   try { r = fn.call(caller.caller, params...) }               // typed: no boxing
 *   catch (Throwable t) { clear both; throw HostCalls.leaving(t) } // attaches the backtrace
 *   clear both; return r;
 * </pre>
 * The boxed form ({@link dev.bytelift.runtime.HostFunction}) boxes the parameters into an
 * {@code Object[]} and unboxes the first result, {@code HostCalls.callBoxed} handling the others.
 */
final class ExitTrampolineEmitter implements Opcodes {
    static final String NAME = "dev/bytelift/trampolines/HostExit";
    /** Indices in the class data list, which {@link #classData} builds. */
    private static final int FN_AT = 0, TYPE_AT = 1;
    private static final String LIMITS = "dev/bytelift/runtime/internal/VMRuntimeLimits";
    private static final String CALLER = "dev/bytelift/runtime/Caller";
    private static final String CTX = Abi.CONTEXT_INTERNAL_NAME;
    private static final String HOST_CALLS = "dev/bytelift/runtime/internal/HostCalls";
    private static final String BOXED = "dev/bytelift/runtime/HostFunction";

    private ExitTrampolineEmitter() {}

    /** The class data of one host function's trampoline: nothing of a store. */
    static List<Object> classData(Object fn, FuncType type) {
        return List.of(fn, type);
    }

    /**
     * The class of a trampoline for {@code type}: typed if {@code shape} is given, else boxed. Its
     * static {@code invoke} method is the host function's invoker; it reads the host function and
     * the rest from its class data (one class is defined per host function from these bytes).
     */
    static byte[] emit(FuncType type, Shape shape) {
        String fnType = shape != null ? shape.internalName() : BOXED;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, Jvm.OBJECT, null);
        invoke(cw, type, shape, fnType);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void invoke(ClassWriter cw, FuncType type, Shape shape, String fnType) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "invoke", Abi.invokerDescriptor(type), null, null);
        mv.visitCode();
        List<Object> frame = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < type.paramCount(); i++) {
            Jvm.frameType(frame, type.param(i));
            slot += type.param(i).slots();
        }
        int depth = slot, ctx = slot + 1, pc = slot + 2, limits = slot + 3, result = slot + 4;
        frame.add(INTEGER);
        frame.add(CTX);
        frame.add(INTEGER);
        frame.add(LIMITS);
        ValType r = type.resultCount() == 0 ? null : Jvm.returned(type.result(0));
        int thrown = result + (r == null ? 0 : r.slots());

        mv.visitVarInsn(ALOAD, ctx);
        mv.visitFieldInsn(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        mv.visitVarInsn(ASTORE, limits);
        mv.visitVarInsn(ALOAD, limits);
        mv.visitVarInsn(ILOAD, depth);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitFieldInsn(PUTFIELD, LIMITS, "lastWasmExitFp", "I");
        mv.visitVarInsn(ALOAD, limits);
        mv.visitVarInsn(ILOAD, pc);
        mv.visitFieldInsn(PUTFIELD, LIMITS, "lastWasmExitPc", "I");

        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        ClassData.load(mv, FN_AT, "L" + fnType + ";");
        if (shape == null || shape.withCaller()) {
            mv.visitVarInsn(ALOAD, ctx);
            mv.visitFieldInsn(GETFIELD, CTX, "caller", "L" + CALLER + ";");
        }
        if (shape != null) {
            int s = 0;
            for (int i = 0; i < type.paramCount(); i++) {
                s = Jvm.load(mv, type.param(i), s);
                if (type.param(i).kind() == ValType.Kind.FUNCREF) mv.visitTypeInsn(CHECKCAST, "dev/bytelift/runtime/Func");
            }
            mv.visitMethodInsn(INVOKEINTERFACE, fnType, shape.method().getName(), shape.descriptor(), true);
            if (r != null && r.kind() == ValType.Kind.FUNCREF) {
                // a function of another store would reach tables and call_indirect checks of this one
                mv.visitInsn(DUP);
                mv.visitVarInsn(ALOAD, ctx);
                mv.visitFieldInsn(GETFIELD, CTX, "caller", "L" + CALLER + ";");
                mv.visitMethodInsn(INVOKESTATIC, HOST_CALLS, "checkFuncResult", "(Ljava/lang/Object;L" + CALLER + ";)V", false);
            }
        } else {
            Jvm.iconst(mv, type.paramCount());
            mv.visitTypeInsn(ANEWARRAY, Jvm.OBJECT);
            int s = 0;
            for (int i = 0; i < type.paramCount(); i++) {
                ValType p = type.param(i);
                mv.visitInsn(DUP);
                Jvm.iconst(mv, i);
                if (p == ValType.V128) {
                    mv.visitTypeInsn(NEW, "dev/bytelift/runtime/V128");
                    mv.visitInsn(DUP);
                    s = Jvm.load(mv, p, s);
                    mv.visitMethodInsn(INVOKESPECIAL, "dev/bytelift/runtime/V128", "<init>", "(JJ)V", false);
                } else {
                    s = Jvm.load(mv, p, s);
                    Jvm.box(mv, p);
                }
                mv.visitInsn(AASTORE);
            }
            ClassData.load(mv, TYPE_AT, "Ldev/bytelift/runtime/FuncType;");
            mv.visitVarInsn(ALOAD, ctx);
            mv.visitFieldInsn(GETFIELD, CTX, "scratch", "Ldev/bytelift/runtime/internal/Scratch;");
            mv.visitMethodInsn(INVOKESTATIC, HOST_CALLS, "callBoxed", "(L" + BOXED + ";L" + CALLER
                    + ";[Ljava/lang/Object;Ldev/bytelift/runtime/FuncType;Ldev/bytelift/runtime/internal/Scratch;)Ljava/lang/Object;", false);
            if (r == null) mv.visitInsn(POP);
            else Jvm.unbox(mv, r);
        }
        if (r != null) Jvm.store(mv, r, result);
        mv.visitLabel(end);
        clearExit(mv, limits);
        if (r != null) Jvm.load(mv, r, result);
        Jvm.returnInsn(mv, r);

        mv.visitLabel(handler);
        Object[] locals = frame.toArray();
        mv.visitFrame(F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitVarInsn(ASTORE, thrown);
        clearExit(mv, limits);
        mv.visitVarInsn(ALOAD, thrown);
        mv.visitMethodInsn(INVOKESTATIC, HOST_CALLS, "leaving", "(Ljava/lang/Throwable;)Ljava/lang/Throwable;", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void clearExit(MethodVisitor mv, int limits) {
        mv.visitVarInsn(ALOAD, limits);
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, LIMITS, "lastWasmExitFp", "I");
        mv.visitVarInsn(ALOAD, limits);
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, LIMITS, "lastWasmExitPc", "I");
    }
}
