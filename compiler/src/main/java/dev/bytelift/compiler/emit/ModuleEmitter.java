package dev.bytelift.compiler.emit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.translate.Instrumentation;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.trampolines.Jvm;

/**
 * Emits the classes holding a module's code: one static method per defined function (in the
 * function classes of the layout plan, {@link ModuleLayout}), a stub per imported function
 * (calling through the import's {@code MethodHandle}) and a dispatcher per function type that
 * {@code call_indirect} uses (in the main class and the classes it overflows into).
 *
 * <p>Function classes are independent of each other ({@link FunctionClassEmitter}), so a large
 * module's are translated on several threads ({@link CompileTasks}), each class's bytes finished by
 * the thread that wrote it: at most one class (with its overflow classes) per thread is in the
 * making at any time. The main class follows on the calling thread. The class files are the same
 * whatever the number of threads, and so is the error of a module that does not compile.
 */
public final class ModuleEmitter implements Opcodes {
    private static final String FUNC = org.objectweb.asm.Type.getInternalName(dev.bytelift.runtime.Func.class);
    private static final String CTX = Abi.CONTEXT_INTERNAL_NAME;
    private static final String IMPORT_CALL_SITES = org.objectweb.asm.Type.getInternalName(dev.bytelift.runtime.internal.ImportCallSites.class);
    private static final Handle IMPORT_BOOTSTRAP = new Handle(H_INVOKESTATIC, IMPORT_CALL_SITES,
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
            + "Ljava/lang/invoke/CallSite;", false);
    /** Dispatchers switch over at most this many functions; the rest go through the handle. */
    static final int MAX_DISPATCH_CASES = 1000;
    /**
     * Modules with less WebAssembly code than this are translated on the calling thread, whatever
     * the configured thread count: helper threads would not pay for themselves (docs/performance.md,
     * "Parallel compilation"), and the spec suite compiles thousands of tiny modules.
     */
    public static final int DEFAULT_PARALLEL_MIN_CODE_BYTES = 256 * 1024;

    private final ModuleLayout mc;
    private final List<Instrumentation.Factory> instrumentation;
    private final int threads;
    private final int parallelMinCodeBytes;
    /** The main class, then the import and dispatch classes it overflows into. */
    private final java.util.Map<String, ClassWriter> writers = new java.util.LinkedHashMap<>();
    private String source;
    private int threadsUsed = 1;

    /** An emitter that translates on the calling thread only. */
    public ModuleEmitter(ModuleLayout mc, List<Instrumentation.Factory> instrumentation) {
        this(mc, instrumentation, 1, DEFAULT_PARALLEL_MIN_CODE_BYTES);
    }

    /**
     * @param threads how many threads may translate function classes at once (the calling one included)
     * @param parallelMinCodeBytes modules with less code than this are translated as if {@code threads} were 1
     */
    public ModuleEmitter(ModuleLayout mc, List<Instrumentation.Factory> instrumentation, int threads, int parallelMinCodeBytes) {
        this.mc = mc;
        this.instrumentation = instrumentation;
        this.threads = threads;
        this.parallelMinCodeBytes = parallelMinCodeBytes;
    }

    private ClassWriter writer(String name) {
        return writers.computeIfAbsent(name, n -> newClass(n, source));
    }

    /**
     * Whether the module's function classes are translated in the way that allows several threads:
     * decided by the module alone (its size and number of classes), never by the thread count, so
     * that the generated code is the same for any thread count (see ModuleLayout).
     */
    private boolean parallelPlan() {
        int classes = mc.functionClasses.size();
        if (classes < 2) return false;
        long code = 0;
        for (int k = 0; k < classes; k++) code += mc.codeBytes(k);
        return code >= parallelMinCodeBytes;
    }

    /** The class files, by internal name: the main class first, then the function classes. */
    public java.util.Map<String, byte[]> emit() {
        ModuleInfo m = mc.info;
        source = sourceName(m.moduleName);
        writer(mc.className);
        int classes = mc.functionClasses.size();
        boolean parallel = parallelPlan();
        if (parallel) {
            mc.prepareParallelTranslation();
            threadsUsed = Math.max(1, Math.min(threads, classes));
        }
        FunctionClassEmitter.Finished[] finished = new FunctionClassEmitter.Finished[classes];
        CompileTasks.run(threadsUsed, startOrder(threadsUsed > 1), (tasks, k) -> {
            FunctionClassEmitter e = new FunctionClassEmitter(mc, k, source, instrumentation);
            e.translate(() -> tasks.checkpoint(k));
            finished[k] = e.finish();
        });
        if (parallel) mc.collectUsedDispatchers();
        emitImportCaches();
        for (int f = 0; f < m.importedFuncs; f++) emitImportStub(writer(mc.owner(f)), f);
        for (var d : new ArrayList<>(mc.dispatchers.entrySet())) emitDispatcher(writer(mc.dispatcherOwner(d.getValue())), d.getKey(), d.getValue());
        if (TailCallEmitter.enabled(mc)) TailCallEmitter.emitLoops(writer(mc.className), mc);
        // in the order of the class map, as when all classes were finished together: the main
        // class, the function classes (with their overflow classes), the import and dispatch classes
        java.util.Map<String, byte[]> result = new java.util.LinkedHashMap<>();
        var rest = writers.entrySet().iterator();
        var main = rest.next();
        result.put(main.getKey(), finish(main.getValue()));
        for (FunctionClassEmitter.Finished c : finished) {
            if (c.error() != null) throw c.error();
            result.putAll(c.classes());
        }
        while (rest.hasNext()) {
            var w = rest.next();
            result.put(w.getKey(), finish(w.getValue()));
        }
        return result;
    }

    /**
     * Lazy compilation, when the module is compiled (its bodies validated as they were decoded,
     * validate/SkimValidation): writes no function code, and returns the main class with its
     * import and dispatch classes. {@link #functionClass} writes the function classes later, when
     * they are first used. The plan is fixed first, as for a parallel translation, so that they
     * can be written on any thread in any order; a dispatcher is emitted for every type some
     * {@code call_indirect} or {@code call_ref} names, reachable or not ({@code indirectTypes}).
     */
    public java.util.Map<String, byte[]> emitMainClasses(java.util.BitSet indirectTypes) {
        source = sourceName(mc.info.moduleName);
        writer(mc.className);
        mc.prepareParallelTranslation();
        for (int t = indirectTypes.nextSetBit(0); t >= 0; t = indirectTypes.nextSetBit(t + 1)) mc.dispatcher(t);
        mc.collectUsedDispatchers();
        emitImportCaches();
        for (int f = 0; f < mc.info.importedFuncs; f++) emitImportStub(writer(mc.owner(f)), f);
        for (var d : new ArrayList<>(mc.dispatchers.entrySet())) emitDispatcher(writer(mc.dispatcherOwner(d.getValue())), d.getKey(), d.getValue());
        if (TailCallEmitter.enabled(mc)) TailCallEmitter.emitLoops(writer(mc.className), mc);
        java.util.Map<String, byte[]> result = new java.util.LinkedHashMap<>();
        for (var w : writers.entrySet()) result.put(w.getKey(), finish(w.getValue()));
        writers.clear();
        return result;
    }

    /**
     * Lazy compilation, after {@link #emitMainClasses}: the class files of function class
     * {@code k} (it and its overflow classes), the same bytes as {@link #emit} writes with the same
     * layout. Safe to call from several threads at once, for different or the same classes.
     */
    public java.util.Map<String, byte[]> functionClass(int k) {
        FunctionClassEmitter e = new FunctionClassEmitter(mc, k, source, instrumentation);
        e.translate(() -> {});
        FunctionClassEmitter.Finished f = e.finish();
        if (f.error() != null) throw f.error();
        return f.classes();
    }

    /** After {@link #emit}: how many threads translated the function classes (the same number may load them). */
    public int threadsUsed() {
        return threadsUsed;
    }

    /** The function classes in the order to start them: by size, largest first, when several threads share them. */
    int[] startOrder(boolean bySize) {
        int n = mc.functionClasses.size();
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) order[k] = k;
        if (bySize) java.util.Arrays.sort(order, (a, b) -> Long.compare(mc.codeBytes(b), mc.codeBytes(a)));
        int[] result = new int[n];
        for (int k = 0; k < n; k++) result[k] = order[k];
        return result;
    }

    /** Names from a custom section are bounded in class files: a class file's strings hold 65,535 bytes. */
    static final int MAX_SOURCE_NAME = 200;

    /**
     * The classes' SourceFile: the module's name (at most {@link #MAX_SOURCE_NAME} chars of it) + ".wasm",
     * unless it already ends so (a module named by its file).
     */
    static String sourceName(String moduleName) {
        if (moduleName == null) return "module.wasm";
        String n = moduleName.length() > MAX_SOURCE_NAME ? moduleName.substring(0, MAX_SOURCE_NAME) : moduleName;
        return n.endsWith(".wasm") ? n : n + ".wasm";
    }

    static ClassWriter newClass(String name, String source) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitSource(source, null);
        return cw;
    }

    static byte[] finish(ClassWriter cw) {
        cw.visitEnd();
        return FrameSizes.declare(cw.toByteArray());
    }

    /** A stack map frame's locals: the JVM types of {@code t}'s parameters, then {@code rest}. */
    private static Object[] frameLocals(FuncType t, Object... rest) {
        List<Object> locals = new ArrayList<>();
        Object[] buf = new Object[2];
        for (int i = 0; i < t.paramCount(); i++) {
            int n = CodeEmitter.addFrameType(buf, 0, t.param(i));
            for (int k = 0; k < n; k++) locals.add(buf[k]);
        }
        locals.addAll(java.util.Arrays.asList(rest));
        return locals.toArray();
    }

    private static int paramSlots(FuncType t) {
        int n = 0;
        for (int i = 0; i < t.paramCount(); i++) n += t.param(i).slots();
        return n;
    }

    /** Static fields of the main class caching, per import, the instance and invoker its call site is linked to. */
    static final String IMPORT_CONTEXTS = "importContexts";
    static final String IMPORT_INVOKERS = "importInvokers";
    private static final String CONTEXTS_DESC = "[L" + CTX + ";";
    private static final String INVOKERS_DESC = "[Ljava/lang/invoke/MethodHandle;";
    private static final String MH = "java/lang/invoke/MethodHandle";

    /**
     * The main class's import caches ({@link #emitImportStub}), created by its static initialiser:
     * one entry per imported function.
     */
    private void emitImportCaches() {
        int n = mc.info.importedFuncs;
        if (n == 0) return;
        ClassWriter cw = writer(mc.className);
        cw.visitField(ACC_PUBLIC | ACC_STATIC, IMPORT_CONTEXTS, CONTEXTS_DESC, null, null).visitEnd();
        cw.visitField(ACC_PUBLIC | ACC_STATIC, IMPORT_INVOKERS, INVOKERS_DESC, null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        Jvm.iconst(mv, n);
        mv.visitTypeInsn(ANEWARRAY, CTX);
        mv.visitFieldInsn(PUTSTATIC, mc.className, IMPORT_CONTEXTS, CONTEXTS_DESC);
        Jvm.iconst(mv, n);
        mv.visitTypeInsn(ANEWARRAY, MH);
        mv.visitFieldInsn(PUTSTATIC, mc.className, IMPORT_INVOKERS, INVOKERS_DESC);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code import<f>(params, depth, ctx, pc)}: calls the import's invoker ({@code ctx.funcs[f].invoker()}),
     * passing the calling instance and the module offset of the {@code call} (a host function's
     * exit trampoline records it in {@code VMRuntimeLimits.lastWasmExitPc}). A monomorphic inline
     * cache written in bytecode: the site is linked once to the first caller's invoker (an
     * {@code invokedynamic} with a constant target, which C2 inlines); a call from an instance known
     * to have that invoker takes it, another instance with the same invoker (a host function of a
     * shared {@code Linker}) is recognised by comparing invokers, anything else calls its own
     * invoker with {@code invokeExact}. (Method-handle combinators did this before, and spun about
     * 150 LambdaForm classes in every WASI program's first calls: ~25 ms of start-up.)
     *
     * <pre>
     * if (importContexts[f] == ctx) fast: return indy call(args)          // ImportCallSites.bootstrap
     * h = ctx.funcs[f].invoker()
     * if (importInvokers[f] != h) {
     *     if (!ImportCallSites.claim(ThisClass, f, h)) return h.invokeExact(args)
     *     importInvokers[f] = h
     * }
     * importContexts[f] = ctx; goto fast
     * </pre>
     */
    private void emitImportStub(ClassWriter cw, int f) {
        FuncType t = mc.funcType(f);
        String desc = Abi.invokerDescriptor(t);
        String owner = mc.owner(f);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, mc.methodName(f), desc, null, null);
        mv.visitCode();
        int slots = paramSlots(t);
        int depthSlot = slots, ctxSlot = slots + 1, pcSlot = slots + 2, hSlot = slots + 3;
        Object[] frame = frameLocals(t, INTEGER, CTX, INTEGER);
        Object[] frameWithHandle = frameLocals(t, INTEGER, CTX, INTEGER, MH);

        Label fast = new Label(), slow = new Label(), remember = new Label(), generic = new Label();
        mv.visitFieldInsn(GETSTATIC, mc.className, IMPORT_CONTEXTS, CONTEXTS_DESC);
        Jvm.iconst(mv, f);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitJumpInsn(IF_ACMPNE, slow);
        mv.visitLabel(fast);
        mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, depthSlot);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitVarInsn(ILOAD, pcSlot);
        mv.visitInvokeDynamicInsn("call", desc, IMPORT_BOOTSTRAP, f);
        Jvm.returnFirstResult(mv, t);

        mv.visitLabel(slow);
        mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "funcs", "[L" + FUNC + ";");
        Jvm.iconst(mv, f);
        mv.visitInsn(AALOAD);
        mv.visitMethodInsn(INVOKEVIRTUAL, FUNC, "invoker", "()L" + MH + ";", false);
        mv.visitVarInsn(ASTORE, hSlot);
        mv.visitFieldInsn(GETSTATIC, mc.className, IMPORT_INVOKERS, INVOKERS_DESC);
        Jvm.iconst(mv, f);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ALOAD, hSlot);
        mv.visitJumpInsn(IF_ACMPEQ, remember);
        mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType(owner));
        Jvm.iconst(mv, f);
        mv.visitVarInsn(ALOAD, hSlot);
        mv.visitMethodInsn(INVOKESTATIC, IMPORT_CALL_SITES, "claim", "(Ljava/lang/Class;IL" + MH + ";)Z", false);
        mv.visitJumpInsn(IFEQ, generic);
        mv.visitFieldInsn(GETSTATIC, mc.className, IMPORT_INVOKERS, INVOKERS_DESC);
        Jvm.iconst(mv, f);
        mv.visitVarInsn(ALOAD, hSlot);
        mv.visitInsn(AASTORE);
        mv.visitLabel(remember);
        mv.visitFrame(F_NEW, frameWithHandle.length, frameWithHandle, 0, new Object[0]);
        mv.visitFieldInsn(GETSTATIC, mc.className, IMPORT_CONTEXTS, CONTEXTS_DESC);
        Jvm.iconst(mv, f);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitInsn(AASTORE);
        mv.visitJumpInsn(GOTO, fast);

        mv.visitLabel(generic);
        mv.visitFrame(F_NEW, frameWithHandle.length, frameWithHandle, 0, new Object[0]);
        mv.visitVarInsn(ALOAD, hSlot);
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, depthSlot);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitVarInsn(ILOAD, pcSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, MH, "invokeExact", desc, false);
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
            emitDispatch(cw, mc.dispatcherOwner(typeIndex), t, name, cases, null);
            return;
        }
        List<List<Integer>> chunks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += perChunk) chunks.add(cases.subList(i, Math.min(cases.size(), i + perChunk)));
        String[] subNames = new String[chunks.size()];
        for (int k = 0; k < chunks.size(); k++) {
            subNames[k] = name + "$" + k;
            emitDispatch(cw, mc.dispatcherOwner(typeIndex), t, subNames[k], chunks.get(k), null);
        }
        emitDispatch(cw, mc.dispatcherOwner(typeIndex), t, name, cases, new Chunks(mc.dispatcherOwner(typeIndex), chunks, subNames));
    }

    /** Sub-dispatchers of a dispatcher: their class, their cases (consecutive ranges) and method names. */
    private record Chunks(String owner, List<List<Integer>> cases, String[] names) {}

    /** One dispatcher method: switches over {@code cases}, or picks one of {@code chunks}' methods. */
    private void emitDispatch(ClassWriter cw, String owner, FuncType t, String name, List<Integer> cases, Chunks chunks) {
        String desc = Abi.descriptor(t);
        String dispatchDesc = desc.replace("IL" + CTX + ";)", "L" + FUNC + ";IL" + CTX + ";I)");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, dispatchDesc, null, null);
        mv.visitCode();
        int slots = paramSlots(t);
        int fSlot = slots, depthSlot = slots + 1, ctxSlot = slots + 2, pcSlot = slots + 3;
        Object[] frame = frameLocals(t, FUNC, INTEGER, CTX, INTEGER);

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
                    FrameSizes.add(mv, owner, name);
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
                IndexSwitch.emit(mv, cases, foreign, frame, f -> {
                    Jvm.loadParams(mv, t, 0);
                    mv.visitVarInsn(ILOAD, depthSlot);
                    FrameSizes.add(mv, owner, name);
                    mv.visitVarInsn(ALOAD, ctxSlot);
                    mv.visitMethodInsn(INVOKESTATIC, mc.owner(f), mc.methodName(f), desc, false);
                    Jvm.returnFirstResult(mv, t);
                });
            }
            mv.visitLabel(foreign);
            mv.visitFrame(F_NEW, frame.length, frame, 0, new Object[0]);
        }
        mv.visitVarInsn(ALOAD, fSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, FUNC, "invoker", "()Ljava/lang/invoke/MethodHandle;", false);
        Jvm.loadParams(mv, t, 0);
        mv.visitVarInsn(ILOAD, depthSlot);
        FrameSizes.add(mv, owner, name);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitVarInsn(ILOAD, pcSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", Abi.invokerDescriptor(t), false);
        Jvm.returnFirstResult(mv, t);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
