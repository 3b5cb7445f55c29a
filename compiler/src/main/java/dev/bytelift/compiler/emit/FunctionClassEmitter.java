package dev.bytelift.compiler.emit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.translate.FunctionTranslator;
import dev.bytelift.compiler.translate.Instrumentation;

/**
 * Writes one function class of the layout plan ({@link ModuleLayout#functionClasses}): its
 * functions' methods, in module order, and the overflow classes ({@code $More<k>}) their region
 * methods spill into. It shares no mutable state with the other function classes' emitters (class
 * writers and constant-pool bookkeeping are its own; {@link ModuleLayout} is only read), so
 * function classes can be written on different threads, and each one's bytes are the same as
 * when every class is written on one thread.
 */
final class FunctionClassEmitter implements Opcodes, MethodSink {
    /** A class is given no more methods once its constants may number this many (the limit is 65,535). */
    private static final int CONSTANTS_PER_CLASS = 50_000;

    private final ModuleLayout mc;
    private final int classIndex;
    private final String source;
    private final List<Instrumentation.Factory> instrumentation;
    /** This function class first, then its overflow classes in the order they were opened. */
    private final Map<String, ClassWriter> writers = new LinkedHashMap<>();
    private final Map<String, Integer> constantEstimate = new java.util.HashMap<>();
    /** The overflow classes' names, made once (a split function opens thousands of regions). */
    private final List<String> overflowClasses = new java.util.ArrayList<>();
    /** Overflow class name → its number k. */
    private final Map<String, Integer> overflowNumber = new java.util.HashMap<>();
    /** The first of this class ({@code 0}) and its overflow classes that may have room for a region. */
    private int firstWithRoom;

    /** The class files written, or what finishing them threw (reported only if no function failed to translate). */
    record Finished(Map<String, byte[]> classes, RuntimeException error) {}

    FunctionClassEmitter(ModuleLayout mc, int classIndex, String source, List<Instrumentation.Factory> instrumentation) {
        this.mc = mc;
        this.classIndex = classIndex;
        this.source = source;
        this.instrumentation = instrumentation;
    }

    /** Translates the class's functions in module order; {@code checkpoint} runs before each one. */
    void translate(Runnable checkpoint) {
        String owner = mc.functionClasses.get(classIndex);
        for (int f = mc.firstFunction(classIndex); f < mc.endFunction(classIndex); f++) {
            checkpoint.run();
            MethodVisitor mv = writer(owner).visitMethod(ACC_PUBLIC | ACC_STATIC, TailCallEmitter.bodyName(mc, f), mc.descriptor(f), null, null);
            mv.visitCode();
            FunctionTranslator t = new FunctionTranslator(mc, f, mv, instrumentation, this);
            t.translate();
            if (t.regionCount() > 0) {
                mc.splitFunctions.incrementAndGet();
                mc.regionMethods.addAndGet(t.regionCount());
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            // the method's own name and descriptor, its call sites and its constants
            addConstants(owner, t.constantsOfEntryMethod() + 16);
            if (TailCallEmitter.enabled(mc)) {
                if (TailCallEmitter.isTailCaller(mc, f)) TailCallEmitter.emitEntry(writer(owner), mc, f);
                TailCallEmitter.emitTailEntry(writer(owner), mc, f);
                addConstants(owner, 32);
            }
        }
    }

    /**
     * The class files, by internal name; the writers are dropped, so that only the bytes stay in
     * memory. ASM reports a method or constant pool over the JVM's limits only here: such an
     * error is returned rather than thrown, because a function of a later class that does not
     * translate (invalid code) is reported first, as when all classes are finished together.
     */
    Finished finish() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try {
            for (var w : writers.entrySet()) classes.put(w.getKey(), ModuleEmitter.finish(w.getValue()));
            return new Finished(classes, null);
        } catch (RuntimeException e) {
            return new Finished(null, e);
        } finally {
            writers.clear();
        }
    }

    /** Adds {@code n} to the constants estimated for class {@code owner} (a method, not a merge lambda). */
    private void addConstants(String owner, int n) {
        constantEstimate.put(owner, constantEstimate.getOrDefault(owner, 0) + n);
    }

    private ClassWriter writer(String name) {
        // (no lambda: each one costs a call-site link the first time, in every short process)
        ClassWriter w = writers.get(name);
        if (w == null) writers.put(name, w = ModuleEmitter.newClass(name, source));
        return w;
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
        int k = firstWithRoom;
        String owner = overflowClass(functionOwner, k);
        while (constantEstimate.getOrDefault(owner, 0) + regionReservation() > CONSTANTS_PER_CLASS) {
            owner = overflowClass(functionOwner, ++k);
        }
        firstWithRoom = k;
        addConstants(owner, regionReservation());
        MethodVisitor mv = writer(owner).visitMethod(ACC_PUBLIC | ACC_STATIC, name, descriptor, null, null);
        return new Opened(owner, mv);
    }

    /** {@code functionOwner$More<k>}, or {@code functionOwner} itself for k = 0. */
    private String overflowClass(String functionOwner, int k) {
        if (k == 0) return functionOwner;
        while (overflowClasses.size() < k) {
            String name = functionOwner + "$More" + (overflowClasses.size() + 1);
            overflowClasses.add(name);
            overflowNumber.put(name, overflowClasses.size());
        }
        return overflowClasses.get(k - 1);
    }

    @Override
    public void closed(String owner, int constants) {
        // the method's own name and descriptor, its call sites and its constants
        addConstants(owner, constants + 16 - regionReservation());
        // the region's unused reservation is free again
        firstWithRoom = Math.min(firstWithRoom, overflowNumber.getOrDefault(owner, 0));
    }
}
