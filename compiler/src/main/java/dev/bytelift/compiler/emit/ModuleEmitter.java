package dev.bytelift.compiler.emit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.translate.FunctionTranslator;
import dev.bytelift.compiler.translate.Instrumentation;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.trampolines.Jvm;

/**
 * Emits the class holding a module's code: one static method per defined function, a stub per
 * imported function (calling through the import's {@code MethodHandle}) and a dispatcher per
 * function type that {@code call_indirect} uses.
 */
public final class ModuleEmitter implements Opcodes, MethodSink {
    private static final String FUNC = "dev/bytelift/runtime/Func";
    private static final String CTX = Abi.CONTEXT_INTERNAL_NAME;
    private static final Handle IMPORT_BOOTSTRAP = new Handle(H_INVOKESTATIC, "dev/bytelift/runtime/internal/ImportCallSites",
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
            + "Ljava/lang/invoke/CallSite;", false);
    /** Dispatchers switch over at most this many functions; the rest go through the handle. */
    static final int MAX_DISPATCH_CASES = 1000;

    private final ModuleCodegen mc;
    private final List<Instrumentation.Factory> instrumentation;

    public ModuleEmitter(ModuleCodegen mc, List<Instrumentation.Factory> instrumentation) {
        this.mc = mc;
        this.instrumentation = instrumentation;
    }

    /** A class is given no more methods once its constants may number this many (the limit is 65,535). */
    private static final int CONSTANTS_PER_CLASS = 50_000;

    private final java.util.Map<String, ClassWriter> writers = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Integer> constantEstimate = new java.util.HashMap<>();
    private String source;

    private ClassWriter writer(String name) {
        return writers.computeIfAbsent(name, n -> newClass(n, source));
    }

    /**
     * What a region method may add to its class's constant pool before it is finished (regions
     * nest, so several are open at once): reserved when it opens, corrected when it closes.
     */
    private int regionReservation() {
        return mc.engine.config().regionInstructions() * 4 + 4000;
    }

    @Override
    public Opened open(String functionOwner, String name, String descriptor) {
        // the first of the function's classes with room (all before the cursor have none: only a
        // region closing frees room, and it moves the cursor back to its class)
        int k = firstWithRoom.getOrDefault(functionOwner, 0);
        String owner = overflowClass(functionOwner, k);
        while (constantEstimate.getOrDefault(owner, 0) + regionReservation() > CONSTANTS_PER_CLASS) {
            owner = overflowClass(functionOwner, ++k);
        }
        firstWithRoom.put(functionOwner, k);
        constantEstimate.merge(owner, regionReservation(), Integer::sum);
        MethodVisitor mv = writer(owner).visitMethod(ACC_PUBLIC | ACC_STATIC, name, descriptor, null, null);
        return new Opened(owner, mv);
    }

    /** The names of each function class's overflow classes, made once (a split function opens thousands of regions). */
    private final java.util.Map<String, java.util.List<String>> overflowClasses = new java.util.HashMap<>();

    /** {@code functionOwner$More<k>}, or {@code functionOwner} itself for k = 0. */
    private String overflowClass(String functionOwner, int k) {
        if (k == 0) return functionOwner;
        java.util.List<String> names = overflowClasses.computeIfAbsent(functionOwner, o -> new java.util.ArrayList<>());
        while (names.size() < k) {
            String name = functionOwner + "$More" + (names.size() + 1);
            names.add(name);
            overflowOf.put(name, new Overflow(functionOwner, names.size()));
        }
        return names.get(k - 1);
    }

    /** An overflow class: the function class it extends and its number. */
    private record Overflow(String functionOwner, int k) {}

    private final java.util.Map<String, Overflow> overflowOf = new java.util.HashMap<>();
    /** Per function class: the first of it ({@code 0}) and its overflow classes that may have room for a region. */
    private final java.util.Map<String, Integer> firstWithRoom = new java.util.HashMap<>();

    @Override
    public void closed(String owner, int constants) {
        // the method's own name and descriptor, its call sites and its constants
        constantEstimate.merge(owner, constants + 16 - regionReservation(), Integer::sum);
        // the region's unused reservation is free again
        Overflow o = overflowOf.get(owner);
        String functionOwner = o == null ? owner : o.functionOwner();
        int k = o == null ? 0 : o.k();
        firstWithRoom.merge(functionOwner, k, Math::min);
    }

    private void closedFunction(String owner, int constants) {
        constantEstimate.merge(owner, constants + 16, Integer::sum);
    }

    /** The class files, by internal name: the main class first, then the function classes. */
    public java.util.Map<String, byte[]> emit() {
        ModuleInfo m = mc.info;
        source = sourceName(m.moduleName);
        writer(mc.className);
        for (int f = m.importedFuncs; f < m.funcCount(); f++) {
            // a caller giving up on a long compilation (the CLI's --timeout) interrupts its thread
            if (Thread.currentThread().isInterrupted()) throw new WasmException("compilation interrupted");
            String owner = mc.owner(f);
            MethodVisitor mv = writer(owner).visitMethod(ACC_PUBLIC | ACC_STATIC, mc.methodName(f), mc.descriptor(f), null, null);
            mv.visitCode();
            FunctionTranslator t = new FunctionTranslator(mc, f, mv, instrumentation, this);
            t.translate();
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            closedFunction(owner, t.constantsOfEntryMethod());
        }
        for (int f = 0; f < m.importedFuncs; f++) emitImportStub(writer(mc.owner(f)), f);
        for (var d : new ArrayList<>(mc.dispatchers.entrySet())) emitDispatcher(writer(mc.dispatcherOwner(d.getValue())), d.getKey(), d.getValue());
        java.util.Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        writers.forEach((name, cw) -> classes.put(name, finish(cw)));
        return classes;
    }

    /** Names from a custom section are bounded in class files: a class file's strings hold 65,535 bytes. */
    static final int MAX_SOURCE_NAME = 200;

    /** The classes' SourceFile: the module's name (at most {@link #MAX_SOURCE_NAME} chars of it) + ".wasm". */
    static String sourceName(String moduleName) {
        if (moduleName == null) return "module.wasm";
        return (moduleName.length() > MAX_SOURCE_NAME ? moduleName.substring(0, MAX_SOURCE_NAME) : moduleName) + ".wasm";
    }

    private static ClassWriter newClass(String name, String source) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitSource(source, null);
        return cw;
    }

    private static byte[] finish(ClassWriter cw) {
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static int paramSlots(FuncType t) {
        int n = 0;
        for (int i = 0; i < t.paramCount(); i++) n += t.param(i).slots();
        return n;
    }

    /**
     * {@code import<f>(params, depth, ctx, pc)}: calls the import's invoker ({@code ctx.funcs[f].invoker()}),
     * passing the calling instance and the module offset of the {@code call} (a host function's
     * exit trampoline records it in {@code VMRuntimeLimits.lastWasmExitPc}), through an
     * {@code invokedynamic} whose call site caches the first instance's import
     * ({@code ImportCallSites}: C2 then inlines the call).
     */
    private void emitImportStub(ClassWriter cw, int f) {
        FuncType t = mc.funcType(f);
        String desc = Abi.invokerDescriptor(t);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, mc.methodName(f), desc, null, null);
        mv.visitCode();
        int slots = paramSlots(t);
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, slots);
        mv.visitVarInsn(ALOAD, slots + 1);
        mv.visitVarInsn(ILOAD, slots + 2);
        mv.visitInvokeDynamicInsn("call", desc, IMPORT_BOOTSTRAP, f);
        Jvm.returnFirstResult(mv, t);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The JVM code bytes a dispatcher may spend on its cases: HotSpot compiles no method over
     * 8,000 bytes (DontCompileHugeMethods), and an interpreted dispatcher makes every
     * {@code call_indirect} slow (SQLite's had 8,096 bytes).
     */
    static final int DISPATCH_CASE_BYTES = 6_000;

    /**
     * {@code callIndirect<typeId>(params, Func f, depth, ctx, pc)}: a function of this instance is
     * called directly (C2 can inline it); any other through its handle, with the call's offset.
     * When the cases would not fit {@link #DISPATCH_CASE_BYTES}, they go to sub-dispatchers
     * ({@code <name>$<k>}, same descriptor) over consecutive ranges of function indices, which the
     * dispatcher picks with a chain of comparisons.
     */
    private void emitDispatcher(ClassWriter cw, int typeId, int typeIndex) {
        ModuleInfo m = mc.info;
        FuncType t = m.types.get(typeIndex);
        List<Integer> cases = new ArrayList<>();
        for (int f = m.importedFuncs; f < m.funcCount() && cases.size() < MAX_DISPATCH_CASES; f++) {
            if (mc.engine.typeId(m.funcType(f)) == typeId) cases.add(f);
        }
        // a case loads the parameters (up to 4 bytes each), depth and context, calls and returns,
        // and takes 8 bytes of the lookupswitch
        int perChunk = Math.max(1, DISPATCH_CASE_BYTES / (20 + 4 * t.paramCount()));
        String name = mc.dispatcher(typeIndex);
        if (cases.size() <= perChunk) {
            emitDispatch(cw, t, name, cases, null);
            return;
        }
        List<List<Integer>> chunks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += perChunk) chunks.add(cases.subList(i, Math.min(cases.size(), i + perChunk)));
        String[] subNames = new String[chunks.size()];
        for (int k = 0; k < chunks.size(); k++) {
            subNames[k] = name + "$" + k;
            emitDispatch(cw, t, subNames[k], chunks.get(k), null);
        }
        emitDispatch(cw, t, name, cases, new Chunks(mc.dispatcherOwner(typeIndex), chunks, subNames));
    }

    /** Sub-dispatchers of a dispatcher: their class, their cases (consecutive ranges) and method names. */
    private record Chunks(String owner, List<List<Integer>> cases, String[] names) {}

    /** One dispatcher method: switches over {@code cases}, or picks one of {@code chunks}' methods. */
    private void emitDispatch(ClassWriter cw, FuncType t, String name, List<Integer> cases, Chunks chunks) {
        String desc = Abi.descriptor(t);
        String dispatchDesc = desc.replace("IL" + CTX + ";)", "L" + FUNC + ";IL" + CTX + ";I)");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, dispatchDesc, null, null);
        mv.visitCode();
        int slots = paramSlots(t);
        int fSlot = slots, depthSlot = slots + 1, ctxSlot = slots + 2, pcSlot = slots + 3;
        List<Object> locals = new ArrayList<>();
        Object[] buf = new Object[2];
        for (int i = 0; i < t.paramCount(); i++) {
            int n = CodeEmitter.addFrameType(buf, 0, t.param(i));
            for (int k = 0; k < n; k++) locals.add(buf[k]);
        }
        locals.add(FUNC);
        locals.add(INTEGER);
        locals.add(CTX);
        locals.add(INTEGER);
        Object[] frame = locals.toArray();

        Label foreign = new Label();
        if (!cases.isEmpty()) {
            mv.visitVarInsn(ALOAD, fSlot);
            mv.visitFieldInsn(GETFIELD, FUNC, "owner", "Ljava/lang/Object;");
            mv.visitVarInsn(ALOAD, ctxSlot);
            mv.visitJumpInsn(IF_ACMPNE, foreign);
            if (chunks != null) {
                for (int k = 0; k < chunks.names().length; k++) {
                    Label next = new Label();
                    boolean last = k == chunks.names().length - 1;
                    if (!last) {
                        List<Integer> chunk = chunks.cases().get(k);
                        mv.visitVarInsn(ALOAD, fSlot);
                        mv.visitFieldInsn(GETFIELD, FUNC, "index", "I");
                        mv.visitLdcInsn(chunk.get(chunk.size() - 1));
                        mv.visitJumpInsn(IF_ICMPGT, next);
                    }
                    Jvm.loadParams(mv, t, 0);
                    mv.visitVarInsn(ALOAD, fSlot);
                    mv.visitVarInsn(ILOAD, depthSlot);
                    mv.visitVarInsn(ALOAD, ctxSlot);
                    mv.visitVarInsn(ILOAD, pcSlot);
                    mv.visitMethodInsn(INVOKESTATIC, chunks.owner(), chunks.names()[k], dispatchDesc, false);
                    Jvm.returnFirstResult(mv, t);
                    if (!last) {
                        mv.visitLabel(next);
                        mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
                    }
                }
            } else {
                mv.visitVarInsn(ALOAD, fSlot);
                mv.visitFieldInsn(GETFIELD, FUNC, "index", "I");
                int[] keys = new int[cases.size()];
                Label[] labels = new Label[cases.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = cases.get(i);
                    labels[i] = new Label();
                }
                mv.visitLookupSwitchInsn(foreign, keys, labels);
                for (int i = 0; i < keys.length; i++) {
                    mv.visitLabel(labels[i]);
                    mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
                    Jvm.loadParams(mv, t, 0);
                    mv.visitVarInsn(ILOAD, depthSlot);
                    mv.visitVarInsn(ALOAD, ctxSlot);
                    mv.visitMethodInsn(INVOKESTATIC, mc.owner(keys[i]), mc.methodName(keys[i]), desc, false);
                    Jvm.returnFirstResult(mv, t);
                }
            }
            mv.visitLabel(foreign);
            mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
        }
        mv.visitVarInsn(ALOAD, fSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, FUNC, "invoker", "()Ljava/lang/invoke/MethodHandle;", false);
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, depthSlot);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitVarInsn(ILOAD, pcSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", Abi.invokerDescriptor(t), false);
        Jvm.returnFirstResult(mv, t);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
