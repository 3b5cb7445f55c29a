package dev.bytelift.compiler.emit;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.CodeRegistry;

/**
 * The module's layout plan: what the translation of one function needs to know about the whole
 * module (where every function's method lives and what it is called, canonical type ids, and the
 * per-type {@code call_indirect} dispatchers in use). It plans; the emitters generate the code.
 */
public final class ModuleLayout {
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /** At most this many functions share a class... */
    public static final int FUNCTIONS_PER_CLASS = 1000;
    /** ...and at most this many bytes of WebAssembly code (a bigger function gets a class of its own). */
    public static final int CODE_BYTES_PER_CLASS = 32 * 1024;
    /**
     * With lazy compilation, at most this many functions share a class: a class is generated
     * whole when first used, and functions that run are scattered over the module, so of 1, 2, 4,
     * 8 and 32 per class one translates the least (docs/performance.md, "Lazy compilation").
     */
    public static final int LAZY_FUNCTIONS_PER_CLASS = 1;

    public final ModuleInfo info;
    /** Functions translated split into regions, and their region methods (the compile statistics). */
    public final java.util.concurrent.atomic.AtomicInteger splitFunctions = new java.util.concurrent.atomic.AtomicInteger(),
            regionMethods = new java.util.concurrent.atomic.AtomicInteger();
    public final Engine engine;
    /** Internal name of the main class: import stubs and call_indirect dispatchers. */
    public final String className;
    /** The class of each defined function (by defined index), so that no class outgrows its limits. */
    private final String[] functionClass;
    /** Every function class, in order. */
    public final java.util.List<String> functionClasses = new java.util.ArrayList<>();
    /** The first function (module index) of each function class, and the module's function count at the end. */
    private final int[] classStarts;
    /** Bytes of WebAssembly code of each function class's functions. */
    private final long[] classCodeBytes;
    /** Canonical type id → dispatcher method name, for the types {@code call_indirect} uses. */
    public final Map<Integer, Integer> dispatchers = new LinkedHashMap<>();

    /*
     * The main class holds import stubs and call_indirect dispatchers. A class holds at most
     * 65,535 constants; a stub needs about 4 (its name, its index, the invokedynamic), a
     * dispatcher about 4 per function it switches over. So the first IMPORTS_PER_CLASS stubs stay
     * in the main class and the rest go to ...$Imports<k> classes of as many (22,000 imports
     * overflowed the main class), and dispatchers fill the main class up to
     * DISPATCH_CONSTANTS_PER_CLASS, then ...$Dispatch<k> classes. Modules below these numbers
     * keep the layout they always had.
     */
    static final int IMPORTS_PER_CLASS = 5_000;
    private static final int CONSTANTS_PER_STUB = 4, CONSTANTS_PER_CASE = 4, CONSTANTS_PER_DISPATCHER = 30;
    static final int DISPATCH_CONSTANTS_PER_CLASS = 45_000;
    /** Canonical type id → the class holding its dispatcher. */
    private final Map<Integer, String> dispatcherOwners = new java.util.HashMap<>();
    /** Defined functions by canonical type id, counted when the first dispatcher is placed. */
    private Map<Integer, Integer> functionsOfType;
    private String dispatchClass;
    private int dispatchClasses;
    private long dispatchClassConstants;

    /** Names the main class {@code ModuleN} with a process-wide counter: loaded classes need unique names. */
    public ModuleLayout(ModuleInfo info, Engine engine) {
        this(info, engine, newClassName());
    }

    /** A new main class name, {@code ModuleN} with a process-wide counter: loaded classes need unique names. */
    public static String newClassName() {
        return (CodeRegistry.GENERATED_PACKAGE + "Module" + COUNTER.incrementAndGet()).replace('.', '/');
    }

    /**
     * Names the main class {@code className} (an internal name), so that tools comparing generated
     * code get the same bytes for the same module on every run. Such classes must not be loaded:
     * {@link CodeRegistry} tells modules apart by class name.
     */
    public ModuleLayout(ModuleInfo info, Engine engine, String className) {
        this(info, engine, className, CODE_BYTES_PER_CLASS);
    }

    /**
     * As {@link #ModuleLayout(ModuleInfo, Engine, String)}, with at most {@code codeBytesPerClass}
     * bytes of WebAssembly code per function class: the tests of parallel compilation make small
     * modules into many classes with it.
     */
    public ModuleLayout(ModuleInfo info, Engine engine, String className, int codeBytesPerClass) {
        this(info, engine, className, codeBytesPerClass, FUNCTIONS_PER_CLASS);
    }

    /**
     * As {@link #ModuleLayout(ModuleInfo, Engine, String, int)}, with at most
     * {@code functionsPerClass} functions per function class (lazy compilation's small classes).
     */
    public ModuleLayout(ModuleInfo info, Engine engine, String className, int codeBytesPerClass, int functionsPerClass) {
        this.info = info;
        this.engine = engine;
        this.className = className;
        this.functionClass = new String[info.definedFuncCount()];
        this.methodNames = new String[info.funcCount()];
        this.descriptors = new String[info.funcCount()];
        int inClass = 0;
        long bytesInClass = 0;
        String current = null;
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        java.util.List<Long> bytes = new java.util.ArrayList<>();
        for (int i = 0; i < functionClass.length; i++) {
            ModuleInfo.FunctionBody b = info.bodies.get(i);
            int size = b.end() - b.start();
            if (current == null || inClass >= functionsPerClass || (inClass > 0 && bytesInClass + size > codeBytesPerClass)) {
                if (current != null) bytes.add(bytesInClass);
                current = className + "$Code" + functionClasses.size();
                functionClasses.add(current);
                starts.add(info.importedFuncs + i);
                inClass = 0;
                bytesInClass = 0;
            }
            functionClass[i] = current;
            inClass++;
            bytesInClass += size;
        }
        if (current != null) bytes.add(bytesInClass);
        starts.add(info.funcCount());
        // loops, not streams: no pipeline or lambda to link in a cold JVM
        this.classStarts = new int[starts.size()];
        for (int i = 0; i < classStarts.length; i++) classStarts[i] = starts.get(i);
        this.classCodeBytes = new long[bytes.size()];
        for (int i = 0; i < classCodeBytes.length; i++) classCodeBytes[i] = bytes.get(i);
    }

    /**
     * The function class that class {@code binaryName} (dotted) belongs to: its index, for the class
     * itself or one of its overflow classes ({@code $More<j>}); -1 for any other class.
     */
    public int functionClassOf(String binaryName) {
        String prefix = className.replace('/', '.') + "$Code";
        if (!binaryName.startsWith(prefix)) return -1;
        int i = prefix.length(), k = 0, digits = 0;
        while (i < binaryName.length() && Character.isDigit(binaryName.charAt(i)) && digits < 9) {
            k = k * 10 + (binaryName.charAt(i++) - '0');
            digits++;
        }
        if (digits == 0 || k >= functionClasses.size()) return -1;
        if (i < binaryName.length() && !binaryName.startsWith("$More", i)) return -1;
        return k;
    }

    /** The first function (module index) of function class {@code k}. */
    public int firstFunction(int k) {
        return classStarts[k];
    }

    /** The function after the last one of function class {@code k}. */
    public int endFunction(int k) {
        return classStarts[k + 1];
    }

    /** Bytes of WebAssembly code in function class {@code k}. */
    public long codeBytes(int k) {
        return classCodeBytes[k];
    }

    /*
     * Parallel translation. Function classes are translated on several threads (ModuleEmitter),
     * and everything they ask of this object must then be safe to ask concurrently and give
     * answers that do not depend on which thread asked first. Type ids are engine-wide and given out
     * on first request, and dispatchers are placed (and later emitted) in the order call_indirect
     * first asks for them: both orders would follow the threads' timing. So before a parallel
     * translation, every type of the module gets its id (in type-section order) and every distinct
     * type its dispatcher class (the same placement rule, over all types instead of the used ones);
     * translation then only marks dispatchers used, and the used ones are emitted in type-section
     * order. A module translated on one thread keeps the lazy orders it always had, so that small
     * modules (and the kernels' dumps) compile exactly as before.
     */
    /** Each module type's id, fixed before a parallel translation; null otherwise. */
    private int[] fixedTypeIds;
    /** Module types whose dispatcher a parallel translation asked for (1 = used). */
    private java.util.concurrent.atomic.AtomicIntegerArray dispatcherUsed;

    /** Fixes type ids and dispatcher classes, so that translations on several threads may use this object. */
    public void prepareParallelTranslation() {
        int n = info.types.size();
        int[] ids = new int[n];
        for (int t = 0; t < n; t++) ids[t] = engine.typeId(info.types.get(t));
        for (int t = 0; t < n; t++) {
            if (!dispatcherOwners.containsKey(ids[t])) dispatcherOwners.put(ids[t], placeDispatcher(ids[t]));
        }
        // made now rather than on first use by whichever thread
        for (int f = 0; f < info.funcCount(); f++) {
            methodName(f);
            descriptor(f);
        }
        dispatcherUsed = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        fixedTypeIds = ids;
    }

    /** Whether {@link #prepareParallelTranslation} fixed the plan. */
    public boolean planFixed() {
        return fixedTypeIds != null;
    }

    /** After a parallel translation: {@link #dispatchers} gets the used dispatchers, in type-section order. */
    public void collectUsedDispatchers() {
        for (int t = 0; t < fixedTypeIds.length; t++) {
            if (dispatcherUsed.get(t) != 0) dispatchers.putIfAbsent(fixedTypeIds[t], t);
        }
    }

    public boolean hasMemory() {
        return !info.memories.isEmpty();
    }

    /**
     * The method name of function {@code f}: {@code f<index>}, plus its name when it has one (the
     * runtime's {@code internal/ModuleFrames.functionIndexOf} reads the index back, for backtraces).
     */
    public String methodName(int f) {
        // made once per function: every call site asks (and names can be long mangled symbols)
        String n = methodNames[f];
        if (n == null) {
            String name = f < info.importedFuncs ? null : info.funcNames.get(f);
            n = f < info.importedFuncs ? "import" + f : name == null ? "f" + f : "f" + f + "_" + sanitize(name);
            methodNames[f] = n;
        }
        return n;
    }

    /** The descriptor of function {@code f}'s method; an import stub also takes the call's offset. */
    public String descriptor(int f) {
        String d = descriptors[f];
        if (d == null) {
            FuncType t = info.funcType(f);
            descriptors[f] = d = f < info.importedFuncs ? Abi.invokerDescriptor(t) : Abi.descriptor(t);
        }
        return d;
    }

    private final String[] methodNames;
    private final String[] descriptors;

    /** The class holding function {@code f} (imports: their stubs, the first ones in the main class). */
    public String owner(int f) {
        if (f >= info.importedFuncs) return functionClass[f - info.importedFuncs];
        return f < IMPORTS_PER_CLASS ? className : className + "$Imports" + (f / IMPORTS_PER_CLASS);
    }

    /** The class holding the dispatcher for {@code call_indirect} of module type {@code typeIndex}. */
    public String dispatcherOwner(int typeIndex) {
        dispatcher(typeIndex);
        return dispatcherOwners.get(typeId(typeIndex));
    }

    /** The engine-wide id of module type {@code typeIndex}. */
    public int typeId(int typeIndex) {
        if (fixedTypeIds != null) return fixedTypeIds[typeIndex];
        return engine.typeId(info.types.get(typeIndex));
    }

    /** The dispatcher method for {@code call_indirect} of module type {@code typeIndex}. */
    public String dispatcher(int typeIndex) {
        int id = typeId(typeIndex);
        if (fixedTypeIds != null) {
            dispatcherUsed.set(typeIndex, 1);
            return "callIndirect" + id;
        }
        if (dispatchers.putIfAbsent(id, typeIndex) == null) dispatcherOwners.put(id, placeDispatcher(id));
        return "callIndirect" + id;
    }

    /** The class a new dispatcher of type {@code id} goes to, by an estimate of the constants it needs. */
    private String placeDispatcher(int id) {
        if (functionsOfType == null) {
            functionsOfType = new java.util.HashMap<>();
            for (int f = info.importedFuncs; f < info.funcCount(); f++) functionsOfType.merge(engine.typeId(info.funcType(f)), 1, Integer::sum);
            dispatchClass = className;
            dispatchClassConstants = (long) Math.min(info.importedFuncs, IMPORTS_PER_CLASS) * CONSTANTS_PER_STUB;
        }
        int cases = Math.min(ModuleEmitter.MAX_DISPATCH_CASES, functionsOfType.getOrDefault(id, 0));
        long cost = CONSTANTS_PER_DISPATCHER + (long) CONSTANTS_PER_CASE * cases;
        if (dispatchClassConstants + cost > DISPATCH_CONSTANTS_PER_CLASS) {
            dispatchClass = className + "$Dispatch" + (dispatchClasses++);
            dispatchClassConstants = 0;
        }
        dispatchClassConstants += cost;
        return dispatchClass;
    }

    private static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && sb.length() < 64; i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '_' || c == '$' ? c : '_');
        }
        return sb.toString();
    }

    public FuncType funcType(int f) {
        return info.funcType(f);
    }
}
