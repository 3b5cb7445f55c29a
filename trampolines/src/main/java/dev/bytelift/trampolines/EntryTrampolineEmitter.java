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
 * Emits a host-to-WebAssembly (entry) trampoline, generated once per function signature, calling
 * form and kind of target (and engine). Typed: the class implements the embedder's functional
 * interface; generic: {@link dev.bytelift.runtime.spi.GenericEntry}, unboxing the arguments
 * and boxing the results. One hidden class is defined from the bytes per function, bound to it
 * through its class data ({@link ClassData}: the call of the target is then a constant C2
 * inlines). Either way the call is:
 * <pre>
 *   int sp = limits.lastWasmEntrySp, fp = limits.lastWasmExitFp, pc = limits.lastWasmExitPc;
 *   EntryCalls.claim(limits);        // no owner: this thread owns the store now; another: fail
 *   int depth = EntryCalls.depth(fp, host);           // continues the calling Wasm's depth
 *   limits.lastWasmEntrySp = EntryCalls.entrySp(depth, host);   // -1 for a host function
 *   limits.lastWasmExitFp = 0; limits.lastWasmExitPc = 0;
 *   try { r = target.invokeExact(params..., depth, context, 0) }   // context: null, or the store's
 *                                                                   // host context for a host function
 *   catch (Throwable t) { restore sp, fp, pc; EntryCalls.release(limits, sp); throw Traps.translate(t) }  // JVM failures become traps
 *   restore sp, fp, pc; EntryCalls.leave(limits, sp); return r;  // gives the store up, checks no other
 *                                                                  // thread entered meanwhile
 * </pre>
 */
final class EntryTrampolineEmitter implements Opcodes {
    static final String NAME = "dev/bytelift/trampolines/WasmEntry";
    private static final String MH = "java/lang/invoke/MethodHandle";
    private static final String LIMITS = "dev/bytelift/runtime/internal/VMRuntimeLimits";
    private static final String ENTRY_CALLS = "dev/bytelift/runtime/internal/EntryCalls";
    private static final String GENERIC = "dev/bytelift/runtime/spi/GenericEntry";
    private static final String HOST_CALLS = "dev/bytelift/runtime/internal/HostCalls";

    private EntryTrampolineEmitter() {}

    /**
     * The class of a typed entry for {@code type} implementing {@code shape}; its class data is
     * {@code List.of(invoker, limits)}, and for a host function {@code List.of(invoker, limits,
     * hostContext)}; its constructor takes no arguments. {@code host}: the function is a host
     * function (entered with {@code lastWasmEntrySp} -1, and given its store's host context as the
     * caller: exit trampolines read the store's state from it).
     */
    static byte[] emitTyped(FuncType type, Shape shape, boolean host) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, Jvm.OBJECT, new String[] {shape.internalName()});
        noArgConstructor(cw);
        typed(cw, type, shape, host);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * The class of a generic entry for {@code type}, implementing {@code GenericEntry}; its class
     * data is {@code List.of(invoker, limits, type, scratch)}, and for a host function
     * {@code List.of(invoker, limits, type, scratch, hostContext)}; its constructor takes no arguments.
     */
    static byte[] emitGeneric(FuncType type, boolean host) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, Jvm.OBJECT, new String[] {GENERIC});
        noArgConstructor(cw);
        generic(cw, type, host);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void noArgConstructor(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(0, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, Jvm.OBJECT, "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The bound values, from the class data: {@code List.of(invoker, limits[, type, scratch][, hostContext])};
     * the host flag is baked in. {@code contextAt}: the index of the host context.
     */
    private record Source(boolean host, int contextAt) {
        void target(MethodVisitor mv) {
            ClassData.load(mv, 0, "L" + MH + ";");
        }

        void limits(MethodVisitor mv) {
            ClassData.load(mv, 1, "L" + LIMITS + ";");
        }

        void type(MethodVisitor mv) {
            ClassData.load(mv, 2, "Ldev/bytelift/runtime/FuncType;");
        }

        void scratch(MethodVisitor mv) {
            ClassData.load(mv, 3, "Ldev/bytelift/runtime/internal/Scratch;");
        }

        void host(MethodVisitor mv) {
            mv.visitInsn(host ? ICONST_1 : ICONST_0);
        }

        /** The caller context passed to the target: a WebAssembly function ignores it. */
        void context(MethodVisitor mv) {
            if (host) ClassData.load(mv, contextAt, Abi.CONTEXT_DESCRIPTOR);
            else mv.visitInsn(ACONST_NULL);
        }
    }

    /** The interface method: parameters straight from its locals. */
    private static void typed(ClassWriter cw, FuncType type, Shape shape, boolean host) {
        Source src = new Source(host, 2);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, shape.method().getName(), shape.descriptor(), null, null);
        mv.visitCode();
        List<Object> frame = new ArrayList<>();
        frame.add(NAME);
        int slot = 1;
        for (int i = 0; i < type.paramCount(); i++) {
            Jvm.frameType(frame, type.param(i));
            slot += type.param(i).slots();
        }
        Locals l = new Locals(slot);
        enter(mv, l, frame, src, false);
        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        src.target(mv);
        Jvm.loadParams(mv, type, 1);
        invokeTarget(mv, type, l, src);
        ValType r = type.resultCount() == 0 ? null : type.result(0);
        if (r != null && r.kind() == ValType.Kind.FUNCREF) mv.visitTypeInsn(CHECKCAST, "dev/bytelift/runtime/Func");
        if (r != null) Jvm.store(mv, r, l.result);
        mv.visitLabel(end);
        restore(mv, l);
        leave(mv, l);
        if (r != null) Jvm.load(mv, r, l.result);
        Jvm.returnInsn(mv, r);
        handler(mv, l, frame, handler);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code Object[] call(Object[] args)}: unboxes, calls, boxes all results. */
    private static void generic(ClassWriter cw, FuncType type, boolean host) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "call", "([Ljava/lang/Object;)[Ljava/lang/Object;", null, null);
        mv.visitCode();
        List<Object> frame = new ArrayList<>();
        frame.add(NAME);
        frame.add("[Ljava/lang/Object;");
        Source src = new Source(host, 4);
        Locals l = new Locals(2);
        enter(mv, l, frame, src, true);
        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        src.target(mv);
        for (int i = 0; i < type.paramCount(); i++) {
            ValType p = type.param(i);
            if (p == ValType.V128) {
                for (String half : new String[] {"lo", "hi"}) {
                    argument(mv, i);
                    mv.visitTypeInsn(CHECKCAST, "dev/bytelift/runtime/V128");
                    mv.visitMethodInsn(INVOKEVIRTUAL, "dev/bytelift/runtime/V128", half, "()J", false);
                }
            } else {
                argument(mv, i);
                Jvm.unbox(mv, p);
            }
        }
        invokeTarget(mv, type, l, src);
        if (type.resultCount() == 0) {
            mv.visitInsn(ACONST_NULL);
        } else {
            Jvm.box(mv, Jvm.returned(type.result(0)));
        }
        src.type(mv);
        src.scratch(mv);
        mv.visitMethodInsn(INVOKESTATIC, HOST_CALLS, "collectResults",
                "(Ljava/lang/Object;Ldev/bytelift/runtime/FuncType;Ldev/bytelift/runtime/internal/Scratch;)[Ljava/lang/Object;", false);
        mv.visitVarInsn(ASTORE, l.result);
        mv.visitLabel(end);
        restore(mv, l);
        leave(mv, l);
        mv.visitVarInsn(ALOAD, l.result);
        mv.visitInsn(ARETURN);
        handler(mv, l, frame, handler);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void argument(MethodVisitor mv, int i) {
        mv.visitVarInsn(ALOAD, 1);
        Jvm.iconst(mv, i);
        mv.visitInsn(AALOAD);
    }

    /** Slots of the saved limits fields, the depth and the result, after the parameters. */
    private static final class Locals {
        final int limits, sp, fp, pc, depth, result, thrown;

        Locals(int first) {
            limits = first;
            sp = first + 1;
            fp = first + 2;
            pc = first + 3;
            depth = first + 4;
            result = first + 5;
            thrown = first + 7; // after a result of up to two slots
        }
    }

    /** Saves the entry and exit fields, computes the depth, sets the fields for the call. */
    private static void enter(MethodVisitor mv, Locals l, List<Object> frame, Source src, boolean exclusive) {
        src.limits(mv);
        mv.visitVarInsn(ASTORE, l.limits);
        for (Object[] f : new Object[][] {{"lastWasmEntrySp", l.sp}, {"lastWasmExitFp", l.fp}, {"lastWasmExitPc", l.pc}}) {
            mv.visitVarInsn(ALOAD, l.limits);
            mv.visitFieldInsn(GETFIELD, LIMITS, (String) f[0], "I");
            mv.visitVarInsn(ISTORE, (Integer) f[1]);
        }
        // the store's owning thread: claimed when no activation runs, checked when one does (the
        // generic entry, which boxes anyway, claims with a compare-and-set)
        mv.visitVarInsn(ALOAD, l.limits);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, exclusive ? "claimExclusive" : "claim", "(L" + LIMITS + ";)V", false);
        mv.visitVarInsn(ILOAD, l.fp);
        src.host(mv);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, "depth", "(IZ)I", false);
        mv.visitVarInsn(ISTORE, l.depth);
        mv.visitVarInsn(ALOAD, l.limits);
        mv.visitVarInsn(ILOAD, l.depth);
        src.host(mv);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, "entrySp", "(IZ)I", false);
        mv.visitFieldInsn(PUTFIELD, LIMITS, "lastWasmEntrySp", "I");
        for (String f : new String[] {"lastWasmExitFp", "lastWasmExitPc"}) {
            mv.visitVarInsn(ALOAD, l.limits);
            mv.visitInsn(ICONST_0);
            mv.visitFieldInsn(PUTFIELD, LIMITS, f, "I");
        }
        frame.add(LIMITS);
        frame.add(INTEGER);
        frame.add(INTEGER);
        frame.add(INTEGER);
        frame.add(INTEGER);
    }

    private static void invokeTarget(MethodVisitor mv, FuncType type, Locals l, Source src) {
        mv.visitVarInsn(ILOAD, l.depth);
        src.context(mv);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKEVIRTUAL, MH, "invokeExact", Abi.invokerDescriptor(type), false);
    }

    private static void restore(MethodVisitor mv, Locals l) {
        for (Object[] f : new Object[][] {{"lastWasmEntrySp", l.sp}, {"lastWasmExitFp", l.fp}, {"lastWasmExitPc", l.pc}}) {
            mv.visitVarInsn(ALOAD, l.limits);
            mv.visitVarInsn(ILOAD, (Integer) f[1]);
            mv.visitFieldInsn(PUTFIELD, LIMITS, (String) f[0], "I");
        }
    }

    /** On a normal return: gives the store up if outermost; fails if another thread entered it meanwhile. */
    private static void leave(MethodVisitor mv, Locals l) {
        mv.visitVarInsn(ALOAD, l.limits);
        mv.visitVarInsn(ILOAD, l.sp);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, "leave", "(L" + LIMITS + ";I)V", false);
    }

    private static void handler(MethodVisitor mv, Locals l, List<Object> frame, Label handler) {
        mv.visitLabel(handler);
        Object[] locals = frame.toArray();
        mv.visitFrame(F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitVarInsn(ASTORE, l.thrown);
        restore(mv, l);
        mv.visitVarInsn(ALOAD, l.limits);
        mv.visitVarInsn(ILOAD, l.sp);
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, "release", "(L" + LIMITS + ";I)V", false);
        mv.visitVarInsn(ALOAD, l.thrown);
        mv.visitMethodInsn(INVOKESTATIC, "dev/bytelift/runtime/internal/Traps", "translate",
                "(Ljava/lang/Throwable;)Ljava/lang/Throwable;", false);
        mv.visitInsn(ATHROW);
    }
}
