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
 *   EntryCalls.claim(limits, host);  // no owner: this thread owns the store now; another: fail;
 *                                    // then, entering WebAssembly with epochs on, the deadline
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
     * The class of a generic entry for {@code type}, implementing {@code GenericEntry}. Unlike a
     * typed entry it is defined once per type (and engine), not per function: its constructor
     * {@link #GENERIC_CONSTRUCTOR} takes what it is bound to (invoker, limits, type, scratch, and
     * the host context for a host function, else null) into final fields. Its call boxes anyway, and
     * {@link dev.bytelift.runtime.Func#call} on a new instance's function should not cost a class
     * definition (tens of microseconds: running a program in a new store calls {@code _start} so).
     */
    static byte[] emitGeneric(FuncType type, boolean host) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, Jvm.OBJECT, new String[] {GENERIC});
        fieldsConstructor(cw);
        generic(cw, type, host);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The generic entry's constructor: (invoker, limits, type, scratch, host context or null). */
    static final java.lang.invoke.MethodType GENERIC_CONSTRUCTOR = java.lang.invoke.MethodType.methodType(void.class,
            java.lang.invoke.MethodHandle.class, dev.bytelift.runtime.internal.VMRuntimeLimits.class, FuncType.class,
            dev.bytelift.runtime.internal.Scratch.class, dev.bytelift.runtime.internal.VMContext.class);

    private static final String[][] GENERIC_FIELDS = {
        {"target", "L" + MH + ";"}, {"limits", "L" + LIMITS + ";"}, {"type", "Ldev/bytelift/runtime/FuncType;"},
        {"scratch", "Ldev/bytelift/runtime/internal/Scratch;"}, {"context", Abi.CONTEXT_DESCRIPTOR},
    };

    private static void fieldsConstructor(ClassWriter cw) {
        StringBuilder desc = new StringBuilder("(");
        for (String[] f : GENERIC_FIELDS) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, f[0], f[1], null, null).visitEnd();
            desc.append(f[1]);
        }
        MethodVisitor mv = cw.visitMethod(0, "<init>", desc.append(")V").toString(), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, Jvm.OBJECT, "<init>", "()V", false);
        for (int i = 0; i < GENERIC_FIELDS.length; i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, i + 1);
            mv.visitFieldInsn(PUTFIELD, NAME, GENERIC_FIELDS[i][0], GENERIC_FIELDS[i][1]);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
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
     * The bound values: of a typed entry from the class data, {@code List.of(invoker, limits[,
     * hostContext])}; of a generic entry from its final fields (see {@link #emitGeneric}). The host
     * flag is baked in. {@code contextAt}: the class data index of the host context.
     */
    private record Source(boolean host, int contextAt, boolean fields) {
        private void load(MethodVisitor mv, int index, String field, String descriptor) {
            if (fields) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, NAME, field, descriptor);
            } else {
                ClassData.load(mv, index, descriptor);
            }
        }

        void target(MethodVisitor mv) {
            load(mv, 0, "target", "L" + MH + ";");
        }

        void limits(MethodVisitor mv) {
            load(mv, 1, "limits", "L" + LIMITS + ";");
        }

        void type(MethodVisitor mv) {
            load(mv, 2, "type", "Ldev/bytelift/runtime/FuncType;");
        }

        void scratch(MethodVisitor mv) {
            load(mv, 3, "scratch", "Ldev/bytelift/runtime/internal/Scratch;");
        }

        void host(MethodVisitor mv) {
            mv.visitInsn(host ? ICONST_1 : ICONST_0);
        }

        /** The caller context passed to the target: a WebAssembly function ignores it. */
        void context(MethodVisitor mv) {
            if (host) load(mv, contextAt, "context", Abi.CONTEXT_DESCRIPTOR);
            else mv.visitInsn(ACONST_NULL);
        }
    }

    /** The interface method: parameters straight from its locals. */
    private static void typed(ClassWriter cw, FuncType type, Shape shape, boolean host) {
        Source src = new Source(host, 2, false);
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
        Source src = new Source(host, 4, true);
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
        src.host(mv); // a host function entered from the host checks no epoch
        mv.visitMethodInsn(INVOKESTATIC, ENTRY_CALLS, exclusive ? "claimExclusive" : "claim", "(L" + LIMITS + ";Z)V", false);
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
