package dev.bytelift.compiler.emit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.TailCalls;
import dev.bytelift.trampolines.Jvm;

/**
 * The code tail calls need besides the functions' own (docs/tail-calls.md), only in modules that
 * make tail calls (others compile exactly as before):
 * <ul>
 * <li>for each function that makes tail calls, its <em>entry</em> under the function's usual
 * method name (what callers, dispatchers and exports call): it calls the function's body
 * ({@code <name>$body}) and, when the body returned a pending call, the trampoline loop;
 * <li>for every defined function, its <em>tail entry</em> {@code t<index>(depth, ctx)}: takes
 * the arguments from the scratch and calls the body (no trampoline of its own);
 * <li>in the main class, one trampoline loop per JVM result type, {@code tailLoop<K>(depth, ctx)}:
 * calls pending callees until none is left, those of this instance through a {@code lookupswitch}
 * over their tail entries, any other through {@link TailCalls}' boxed path.
 * </ul>
 * Entries and tail entries have no line numbers, which backtraces skip: a replaced frame is gone
 * (the function's body, which has them, shows while it runs).
 */
public final class TailCallEmitter implements Opcodes {
    private static final String CTX = Abi.CONTEXT_INTERNAL_NAME;
    private static final String FUNC = Type.getInternalName(dev.bytelift.runtime.Func.class);
    private static final String SCRATCH = Type.getInternalName(dev.bytelift.runtime.internal.Scratch.class);
    private static final String TAILS = Type.getInternalName(TailCalls.class);
    /**
     * A loop switches over at most this many functions (about 24 bytes each: HotSpot compiles no
     * method over 8,000 bytes); a pending call of any other goes the boxed way, its tail calls
     * then in a trampoline of its own (correct, but a frame deeper).
     */
    static final int MAX_LOOP_CASES = 250;

    private TailCallEmitter() {}

    /** Whether the module makes tail calls at all. */
    public static boolean enabled(ModuleLayout mc) {
        return !mc.info.tailCallers.isEmpty();
    }

    /** Whether defined function {@code f} makes tail calls (and so has a body and an entry). */
    public static boolean isTailCaller(ModuleLayout mc, int f) {
        return f >= mc.info.importedFuncs && mc.info.tailCallers.get(f - mc.info.importedFuncs);
    }

    /** The method holding function {@code f}'s code. */
    public static String bodyName(ModuleLayout mc, int f) {
        return isTailCaller(mc, f) ? mc.methodName(f) + "$body" : mc.methodName(f);
    }

    static String tailEntryName(int f) {
        return "t" + f;
    }

    /** The trampoline loop for functions returning like {@code type}. */
    static String loopName(FuncType type) {
        String d = Abi.returnDescriptor(type);
        return "tailLoop" + (d.charAt(0) == 'L' ? 'A' : d.charAt(0));
    }

    /** {@code f<i>(params, depth, ctx)}: the body, then the trampoline loop if a call is pending. */
    static void emitEntry(ClassWriter cw, ModuleLayout mc, int f) {
        FuncType t = mc.funcType(f);
        String desc = Abi.descriptor(t);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, mc.methodName(f), desc, null, null);
        mv.visitCode();
        int slots = Abi.paramSlots(t);
        int depth = slots, ctx = slots + 1;
        // a call a trap left pending (it cannot be this activation's): forget it
        mv.visitVarInsn(ALOAD, ctx);
        mv.visitFieldInsn(GETFIELD, CTX, "scratch", "L" + SCRATCH + ";");
        mv.visitInsn(ACONST_NULL);
        mv.visitFieldInsn(PUTFIELD, SCRATCH, "tailCallee", "L" + FUNC + ";");
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, depth);
        FrameSizes.add(mv, mc.owner(f), mc.methodName(f));
        mv.visitVarInsn(ALOAD, ctx);
        mv.visitMethodInsn(INVOKESTATIC, mc.owner(f), bodyName(mc, f), desc, false);
        Label pending = new Label();
        loadPending(mv, ctx);
        mv.visitJumpInsn(IFNONNULL, pending);
        Jvm.returnFirstResult(mv, t);
        List<Object> locals = new ArrayList<>();
        for (int i = 0; i < t.paramCount(); i++) frameType(locals, t.param(i));
        locals.add(INTEGER);
        locals.add(CTX);
        mv.visitLabel(pending);
        Object[] stack = t.resultCount() == 0 ? new Object[0] : new Object[] {stackType(t)};
        mv.visitFrame(F_NEW, locals.size(), locals.toArray(), stack.length, stack);
        if (stack.length > 0) mv.visitInsn(isWide(t) ? POP2 : POP);
        mv.visitVarInsn(ILOAD, depth);
        FrameSizes.add(mv, mc.owner(f), mc.methodName(f));
        mv.visitVarInsn(ALOAD, ctx);
        mv.visitMethodInsn(INVOKESTATIC, mc.className, loopName(t), loopDescriptor(t), false);
        Jvm.returnFirstResult(mv, t);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code t<f>(depth, ctx)}: function {@code f}'s body with the arguments a tail call left in the scratch. */
    static void emitTailEntry(ClassWriter cw, ModuleLayout mc, int f) {
        FuncType t = mc.funcType(f);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, tailEntryName(f), loopDescriptor(t), null, null);
        mv.visitCode();
        for (int i = 0; i < t.paramCount(); i++) {
            ValType p = t.param(i);
            int slot = TailCalls.argSlot(t, i);
            if (p == ValType.V128) {
                getArg(mv, slot, "getV128Lo", "J");
                getArg(mv, slot, "getV128Hi", "J");
            } else {
                String d = p.descriptor();
                getArg(mv, slot, "get" + Abi.suffix(p), d);
            }
        }
        mv.visitVarInsn(ILOAD, 0);
        FrameSizes.add(mv, mc.owner(f), tailEntryName(f));
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, mc.owner(f), bodyName(mc, f), Abi.descriptor(t), false);
        Jvm.returnFirstResult(mv, t);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void getArg(MethodVisitor mv, int slot, String name, String desc) {
        mv.visitVarInsn(ALOAD, 1);
        if (slot <= 5) mv.visitInsn(ICONST_0 + slot);
        else mv.visitIntInsn(SIPUSH, slot);
        mv.visitMethodInsn(INVOKESTATIC, TAILS, name, "(L" + CTX + ";I)" + desc, false);
    }

    /** The trampoline loops of the main class: one for each result type of a function making tail calls. */
    static void emitLoops(ClassWriter cw, ModuleLayout mc) {
        java.util.Map<String, FuncType> kinds = new java.util.TreeMap<>();
        for (int f = mc.info.importedFuncs; f < mc.info.funcCount(); f++) {
            if (isTailCaller(mc, f)) kinds.putIfAbsent(loopName(mc.funcType(f)), mc.funcType(f));
        }
        for (FuncType t : kinds.values()) emitLoop(cw, mc, t);
    }

    private static void emitLoop(ClassWriter cw, ModuleLayout mc, FuncType kind) {
        String name = loopName(kind);
        String desc = loopDescriptor(kind);
        List<Integer> cases = new ArrayList<>();
        for (int f = mc.info.importedFuncs; f < mc.info.funcCount() && cases.size() < MAX_LOOP_CASES; f++) {
            if (loopName(mc.funcType(f)).equals(name)) cases.add(f);
        }
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        Object[] base = {INTEGER, CTX};
        Object[] withCallee = {INTEGER, CTX, FUNC};
        Object[] result = kind.resultCount() == 0 ? new Object[0] : new Object[] {stackType(kind)};
        Label loop = new Label(), foreign = new Label(), next = new Label();
        mv.visitLabel(loop);
        mv.visitFrame(F_NEW, base.length, base, 0, new Object[0]);
        // g = scratch.tailCallee; scratch.tailCallee = null
        mv.visitVarInsn(ALOAD, 1);
        mv.visitFieldInsn(GETFIELD, CTX, "scratch", "L" + SCRATCH + ";");
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, SCRATCH, "tailCallee", "L" + FUNC + ";");
        mv.visitVarInsn(ASTORE, 2);
        mv.visitInsn(ACONST_NULL);
        mv.visitFieldInsn(PUTFIELD, SCRATCH, "tailCallee", "L" + FUNC + ";");
        if (!cases.isEmpty()) {
            mv.visitVarInsn(ALOAD, 2);
            mv.visitFieldInsn(GETFIELD, FUNC, "owner", "Ljava/lang/Object;");
            mv.visitVarInsn(ALOAD, 1);
            mv.visitJumpInsn(IF_ACMPNE, foreign);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitFieldInsn(GETFIELD, FUNC, "index", "I");
            IndexSwitch.emit(mv, cases, foreign, withCallee, f -> {
                mv.visitVarInsn(ILOAD, 0);
                FrameSizes.add(mv, mc.className, name);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitMethodInsn(INVOKESTATIC, mc.owner(f), tailEntryName(f), desc, false);
                loadPending(mv, 1);
                mv.visitJumpInsn(IFNONNULL, next);
                Jvm.returnFirstResult(mv, kind);
            });
            mv.visitLabel(next);
            mv.visitFrame(F_NEW, withCallee.length, withCallee, result.length, result);
            if (result.length > 0) mv.visitInsn(isWide(kind) ? POP2 : POP);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(foreign);
            mv.visitFrame(F_NEW, withCallee.length, withCallee, 0, new Object[0]);
        }
        // another instance's function or a host function: it runs its own tail calls to the end
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, 0);
        FrameSizes.add(mv, mc.className, name);
        mv.visitVarInsn(ALOAD, 1);
        String foreignDesc = "(L" + FUNC + ";IL" + CTX + ";)" + Abi.returnDescriptor(kind);
        char k = name.charAt(name.length() - 1);
        mv.visitMethodInsn(INVOKESTATIC, TAILS, "foreign" + k, foreignDesc, false);
        Jvm.returnFirstResult(mv, kind);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static String loopDescriptor(FuncType t) {
        return "(IL" + CTX + ";)" + Abi.returnDescriptor(t);
    }

    private static void loadPending(MethodVisitor mv, int ctxSlot) {
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "scratch", "L" + SCRATCH + ";");
        mv.visitFieldInsn(GETFIELD, SCRATCH, "tailCallee", "L" + FUNC + ";");
    }

    private static boolean isWide(FuncType t) {
        String d = Abi.returnDescriptor(t);
        return d.equals("J") || d.equals("D");
    }

    /** The verification type of the first result's JVM value. */
    private static Object stackType(FuncType t) {
        return switch (Abi.returnDescriptor(t)) {
            case "I" -> INTEGER;
            case "J" -> LONG;
            case "F" -> FLOAT;
            case "D" -> DOUBLE;
            default -> "java/lang/Object";
        };
    }

    private static void frameType(List<Object> out, ValType t) {
        Object[] buf = new Object[2];
        int n = CodeEmitter.addFrameType(buf, 0, t);
        for (int k = 0; k < n; k++) out.add(buf[k]);
    }

}
