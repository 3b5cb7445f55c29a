package dev.bytelift.compiler.translate;

import static dev.bytelift.runtime.ValType.EXTERNREF;
import static dev.bytelift.runtime.ValType.F32;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.FUNCREF;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;
import static dev.bytelift.runtime.ValType.V128;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Imm;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.compiler.emit.MethodSink;
import dev.bytelift.compiler.emit.ModuleCodegen;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.FuncValidator.Frame;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Validates and translates one function body to JVM bytecode in a single pass, operator by
 * operator: {@link #translateOperator} is one flat switch whose arms check types with the
 * {@link FuncValidator} and emit bytecode with the {@link CodeEmitter}. The WebAssembly operand
 * stack is the JVM operand stack; locals are JVM locals; runtime checks come in through the
 * {@link Instrumentation} seam.
 */
public final class FunctionTranslator implements Opcodes {
    static final String NUM = "dev/bytelift/runtime/internal/NumericOps";
    static final String MEM = "dev/bytelift/runtime/internal/MemoryAccess";
    static final String MEMOPS = "dev/bytelift/runtime/internal/MemoryOps";
    static final String TABLES = "dev/bytelift/runtime/internal/TableOps";
    static final String GLOBALS = "dev/bytelift/runtime/internal/GlobalAccess";
    static final String RESULTS = "dev/bytelift/runtime/internal/Results";
    static final String TRAPS = "dev/bytelift/runtime/internal/Traps";
    static final String CTX = Abi.CONTEXT_INTERNAL_NAME;
    static final String SCRATCH = "dev/bytelift/runtime/internal/Scratch";
    static final String MEMORY = "dev/bytelift/runtime/Memory";
    static final String TABLE = "dev/bytelift/runtime/Table";
    static final String GLOBAL = "dev/bytelift/runtime/Global";
    static final String FUNC = "dev/bytelift/runtime/Func";
    static final String OBJ = "Ljava/lang/Object;";
    static final String FRAME_LOCALS = "dev/bytelift/runtime/internal/FrameLocals";

    /** Translator state of one control frame, kept in step with the validator's frames. */
    private static final class Block {
        int index;
        Label end;
        Label loopStart;
        Label elseLabel;
        boolean endUsed;
        boolean startReachable;
        boolean hasElse;
        Frame frame;
    }

    private final ModuleCodegen mc;
    private final ModuleInfo m;
    private final int funcIndex;
    private final FuncType type;
    private final ByteReader in;
    /** Reads each operator with its immediates (from {@link #in}, after the locals). */
    private final OperatorReader r;
    private final FuncValidator v = new FuncValidator();
    private final List<Instrumentation.Factory> factories;
    private final MethodSink sink;
    private final int bodyStart;
    private final boolean usesMemory;
    private ValType[] localTypes;
    /** JVM slot of each local, or (in a split function) its index in the frame arrays. */
    private int[] localSlots;
    private Block[] blocks = new Block[8];

    /**
     * Whether this function is split over several JVM methods: its locals then live in two arrays
     * all the pieces share, and whenever the method being written grows past the budget, the rest
     * of the innermost block continues in a new method (a "region"), which returns an exit code:
     * 0 when it falls through to the block's end (or else), or k + 1 to branch to block k outside
     * it, with the values carried through {@code Scratch}.
     */
    private boolean split;
    private final boolean largeBody;
    private int numLocalSlots;
    private int refLocalSlots;
    private int regionBudget;
    private int regionCount;
    private int entryConstants;

    // ---- state of the method being written: the function's own, or a region
    private CodeEmitter e;
    private List<Instrumentation> instrumentation;
    private int depthSlot;
    private int ctxSlot;
    private int memSlot = -1;
    private int lSlot = -1;
    private int rSlot = -1;
    /** Permanent locals instrumentation asked for: frame type and slot, during the prologue. */
    private List<Object> frameLocals = new ArrayList<>();
    private List<Object[]> extraLocals = new ArrayList<>();
    private int nextSlot;
    /** Blocks with an index up to this one belong to the methods that called this region (-1: none). */
    private int rootIndex = -1;
    private long methodStart;
    private java.util.TreeSet<Integer> exitCodes;
    /** Whether the method being written may change memory 0's array (calls, memory.grow). */
    private boolean mayChangeMemory;
    private Region region;

    /** A region being written, and the state of the method that calls it. */
    private static final class Region {
        Region outer;
        CodeEmitter e;
        List<Instrumentation> instrumentation;
        int depthSlot, ctxSlot, memSlot, lSlot, rSlot, nextSlot, rootIndex, brIndexSlot;
        List<Object> frameLocals;
        List<Object[]> extraLocals;
        long methodStart;
        java.util.TreeSet<Integer> exitCodes;
        boolean mayChangeMemory;
        String owner, name, desc;
        MethodVisitor mv;
        int base;
    }

    public FunctionTranslator(ModuleCodegen mc, int funcIndex, MethodVisitor mv, List<Instrumentation.Factory> factories,
            MethodSink sink) {
        this.mc = mc;
        this.m = mc.info;
        this.funcIndex = funcIndex;
        this.type = m.funcType(funcIndex);
        ModuleInfo.FunctionBody body = m.bodies.get(funcIndex - m.importedFuncs);
        this.in = new ByteReader(m.bytes, body.start(), body.end());
        this.r = new OperatorReader(in);
        this.bodyStart = body.start();
        this.usesMemory = body.usesMemory();
        this.e = new CodeEmitter(mv);
        this.factories = factories;
        this.sink = sink;
        this.instrumentation = newInstrumentation();
        int bodyBytes = body.end() - body.start();
        this.split = bodyBytes > mc.engine.config().splitFunctionsOver();
        this.largeBody = bodyBytes > dev.bytelift.runtime.EngineConfig.DEFAULT_SPLIT_FUNCTIONS_OVER;
        this.regionBudget = mc.engine.config().regionInstructions();
        // a method C2 would run out of inlining budget for is split too, into pieces that fit
        long weight = inliningWeight(body);
        if (weight > INLINING_BUDGET) split = true;
        if (split && body.instructions() > 0) {
            long perPiece = (long) PIECE_WEIGHT * JVM_PER_WASM_INSTRUCTION * body.instructions() / Math.max(1, weight);
            regionBudget = (int) Math.max(MIN_REGION_INSTRUCTIONS, Math.min(regionBudget, perPiece));
        }
    }

    /*
     * C2 inlines into one compilation only until it has created NodeCountInliningCutoff (18,000)
     * IR nodes; past that, every further call site stays a real call. Generated code calls small
     * runtime helpers for memory accesses and many operators, so a big function with many
     * accesses runs out: memcpy's 1,139-instruction function (97 accesses) left its later copy
     * loops calling MemoryAccess out of line, 3x slower than split (docs/performance.md §2). The
     * weights below are rough node costs fitted to C2's compilation logs of the kernels (memcpy ran
     * out half-way, nbody just reached the cutoff, interp's 68 wide accesses did not): a multi-byte
     * access through a byte-array VarHandle ~100 nodes, a byte access ~30, anything else ~25.
     */
    private static final int WIDE_ACCESS_WEIGHT = 100, BYTE_ACCESS_WEIGHT = 30, INSTRUCTION_WEIGHT = 25;
    /** Split a function whose estimated weight exceeds this (nbody's run, 17,500, is not split). */
    private static final int INLINING_BUDGET = 20_000;
    /** The weight each piece of a split function should stay under, half the cutoff. */
    private static final int PIECE_WEIGHT = 9_000;
    /** About how many JVM instructions one Wasm instruction becomes (regions are sized in JVM instructions). */
    private static final int JVM_PER_WASM_INSTRUCTION = 2;
    private static final int MIN_REGION_INSTRUCTIONS = 200;

    /** Estimated C2 nodes of inlining the whole body's helpers in one compilation. */
    static long inliningWeight(ModuleInfo.FunctionBody body) {
        int others = body.instructions() - body.byteAccesses() - body.wideAccesses();
        return (long) WIDE_ACCESS_WEIGHT * body.wideAccesses() + (long) BYTE_ACCESS_WEIGHT * body.byteAccesses()
                + (long) INSTRUCTION_WEIGHT * others;
    }

    private List<Instrumentation> newInstrumentation() {
        List<Instrumentation> list = new ArrayList<>(factories.size());
        for (Instrumentation.Factory f : factories) list.add(f.create());
        return list;
    }

    /** Constant-pool entries the function's own method needs (for the class bookkeeping). */
    public int constantsOfEntryMethod() {
        return entryConstants;
    }

    public int depthSlot() {
        return depthSlot;
    }

    public int ctxSlot() {
        return ctxSlot;
    }

    /**
     * Reserves a permanent local (declared in every stack-map frame, initialised to zero/null in
     * the prologue) of verification type {@code frameType} ({@code Opcodes.LONG}, an internal
     * class name...) taking {@code slots} slots; returns its slot. Only from
     * {@link Instrumentation#declareLocals}.
     */
    public int addLocal(Object frameType, int slots) {
        int slot = nextSlot;
        nextSlot += slots;
        frameLocals.add(frameType);
        extraLocals.add(new Object[] {frameType, slot});
        return slot;
    }

    /**
     * Places {@code target} here as a jump target for instrumentation code (a check's fast path
     * joining its slow path), with the stack-map frame of the current operand stack.
     */
    public void placeTarget(Label target) {
        e.target(target, v);
    }

    /** Whether this function is split over several methods, its locals in frame arrays (see {@link #split}). */
    public boolean isSplit() {
        return split;
    }

    /** Whether the method being written is a piece of a split function other than its entry method. */
    public boolean inPiece() {
        return region != null;
    }

    /**
     * Whether the body has more than {@link dev.bytelift.runtime.EngineConfig#DEFAULT_SPLIT_FUNCTIONS_OVER}
     * bytes: split, its methods may call very many pieces (whatever the engine's own split threshold).
     */
    public boolean hasLargeBody() {
        return largeBody;
    }

    /** The JVM slot of the split frame's {@code long[]} in the method being written. */
    public int frameArraySlot() {
        return lSlot;
    }

    /**
     * In a split function, the index of a permanent entry named {@code key} in the frame's
     * {@code long[]}: the same entry in every piece, so values kept there need no saving around
     * calls of other pieces. Only from {@link Instrumentation#declareLocals}.
     */
    public int frameLong(String key) {
        if (!split) throw new IllegalStateException("not a split function");
        Integer index = frameLongs.get(key);
        if (index == null) {
            if (frameArrayCreated) throw new IllegalStateException("frame entry " + key + " declared too late");
            index = numLocalSlots++;
            frameLongs.put(key, index);
        }
        return index;
    }

    private final java.util.Map<String, Integer> frameLongs = new java.util.HashMap<>();
    private boolean frameArrayCreated;

    // ==== function structure

    /** Translates the whole body into the method visitor (between visitCode and visitMaxs). */
    public void translate() {
        readLocals();
        prologue();
        ValType[] results = resultsOf(type);
        v.pushFrame(FuncValidator.FUNCTION, new ValType[0], results);
        Block fb = block(0);
        fb.startReachable = true;
        fb.end = null;
        while (v.depth() > 0) {
            if (in.atEnd()) throw in.malformed("END opcode expected");
            translateOperator();
        }
        if (!in.atEnd()) throw in.malformed("section size mismatch");
        for (Instrumentation ins : instrumentation) ins.functionExit(e, this);
        entryConstants = e.constants();
    }

    private static ValType[] resultsOf(FuncType t) {
        return t.results().toArray(new ValType[0]);
    }

    private void readLocals() {
        int groups = in.u32Count();
        List<ValType> locals = new ArrayList<>(type.params());
        long total = type.paramCount();
        for (int i = 0; i < groups; i++) {
            int n = in.u32();
            total += Integer.toUnsignedLong(n);
            if (total > 0xFFFFFFFFL) throw in.malformed("too many locals");
            int at = in.pos();
            ValType t = ValType.fromCode(in.u8());
            if (t == null) throw in.malformed("malformed value type", at);
            if (total > MAX_LOCALS) {
                // like Wasmtime (wasmparser), a limit of the implementation, reported as invalid
                throw new dev.bytelift.runtime.InvalidModuleException("too many locals (the limit is " + MAX_LOCALS + ")", at);
            }
            for (int k = 0; k < n; k++) locals.add(t);
        }
        localTypes = locals.toArray(new ValType[0]);
        localSlots = new int[localTypes.length];
        if (localTypes.length > 2000) split = true; // zeroing them would take most of a method, and JVM slots run out
        if (split) {
            for (int i = 0; i < localTypes.length; i++) {
                ValType t = localTypes[i];
                if (t.isReference()) {
                    localSlots[i] = refLocalSlots++;
                } else {
                    localSlots[i] = numLocalSlots;
                    numLocalSlots += t == V128 ? 2 : 1;
                }
            }
        }
    }

    /**
     * Lays out JVM locals (params, depth, ctx, declared locals, memory cache, instrumentation's
     * locals) and initialises them.
     */
    private void prologue() {
        int paramSlotCount = 2; // depth, ctx
        for (int i = 0; i < type.paramCount(); i++) paramSlotCount += type.param(i).slots();
        if (paramSlotCount > 255) {
            // the JVM allows 255 parameter slots per method (a long or double takes two)
            throw new dev.bytelift.runtime.WasmException("function " + funcIndex + " has more parameters than a JVM method can take ("
                    + paramSlotCount + " slots, the limit is 255)");
        }
        List<Object> frame = frameLocals;
        Object[] buf = new Object[4];
        int slot = 0;
        int[] paramSlots = new int[type.paramCount()];
        for (int i = 0; i < type.paramCount(); i++) {
            paramSlots[i] = slot;
            slot += localTypes[i].slots();
            int n = CodeEmitter.addFrameType(buf, 0, localTypes[i]);
            frame.addAll(Arrays.asList(buf).subList(0, n));
        }
        depthSlot = slot++;
        frame.add(INTEGER);
        ctxSlot = slot++;
        frame.add(CTX);
        if (split) {
            lSlot = slot++;
            frame.add("[J");
            rSlot = slot++;
            frame.add("[Ljava/lang/Object;");
        } else {
            System.arraycopy(paramSlots, 0, localSlots, 0, paramSlots.length);
            for (int i = type.paramCount(); i < localTypes.length; i++) {
                localSlots[i] = slot;
                slot += localTypes[i].slots();
                int n = CodeEmitter.addFrameType(buf, 0, localTypes[i]);
                frame.addAll(Arrays.asList(buf).subList(0, n));
            }
        }
        if (mc.hasMemory() && usesMemory) {
            memSlot = slot++;
            frame.add("[B");
        }
        nextSlot = slot;
        for (Instrumentation ins : instrumentation) ins.declareLocals(this);
        slot = nextSlot;
        if (slot > 65000) throw new dev.bytelift.runtime.WasmException("function needs more JVM locals than a method allows");
        e.setFrameLocals(frame.toArray(), slot);
        e.line(1); // the prologue (and its stack check) reports the function body's offset
        if (split) {
            frameArrayCreated = true;
            e.iconst(numLocalSlots);
            e.mv.visitIntInsn(NEWARRAY, T_LONG);
            e.varInsn(ASTORE, lSlot);
            e.iconst(refLocalSlots);
            e.mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            e.varInsn(ASTORE, rSlot);
            for (int i = 0; i < type.paramCount(); i++) {
                e.load(localTypes[i], paramSlots[i]);
                storeLocal(i);
            }
        } else {
            for (int i = type.paramCount(); i < localTypes.length; i++) {
                e.zero(localTypes[i]);
                e.store(localTypes[i], localSlots[i]);
            }
        }
        initExtraLocals();
        reloadMemory();
        for (Instrumentation ins : instrumentation) ins.functionEntry(e, this);
    }

    private void initExtraLocals() {
        for (Object[] x : extraLocals) {
            int s = (Integer) x[1];
            if (x[0] == LONG) {
                e.lconst(0);
                e.varInsn(LSTORE, s);
            } else if (x[0] == INTEGER) {
                e.iconst(0);
                e.varInsn(ISTORE, s);
            } else {
                e.insn(ACONST_NULL);
                e.varInsn(ASTORE, s);
            }
        }
    }

    // ==== split functions: regions

    /** The most locals a function may declare (Wasmtime's limit too). */
    static final int MAX_LOCALS = 50_000;

    /** A method opens at most this many blocks: the labels of deep nests spread over methods. */
    private static final int MAX_OPEN_BLOCKS = 1024;

    /** Whether to continue in a new method before translating operator {@code op}. */
    private boolean shouldStartRegion(Op op) {
        if (!split || !e.live || op == Op.END || op == Op.ELSE) return false;
        // the operand values of the innermost block become the region's parameters: the JVM
        // allows 255 parameter slots, so wait for a point with fewer on the stack
        int sliceSlots = 0;
        for (int i = blocks[v.depth() - 1].frame.height; i < v.height(); i++) sliceSlots += v.typeAt(i).slots();
        if (sliceSlots > 200) return false;
        if (e.instructionCount() - methodStart > regionBudget) return true;
        return op.has(Op.F.BLOCK) && v.depth() - 1 - rootIndex >= MAX_OPEN_BLOCKS;
    }

    /** Continues the rest of the innermost block in a new method (see {@link #split}). */
    private void startRegion() {
        int root = v.depth() - 1;
        int base = blocks[root].frame.height;
        ValType[] slice = new ValType[v.height() - base];
        StringBuilder d = new StringBuilder("(");
        for (int i = 0; i < slice.length; i++) {
            slice[i] = v.typeAt(base + i);
            d.append(slice[i].descriptor());
        }
        d.append("[J[Ljava/lang/Object;IL").append(CTX).append(';');
        for (Instrumentation ins : instrumentation) if (ins.passesLongToRegions()) d.append('J');
        d.append(")I");
        for (Instrumentation ins : instrumentation) ins.beforeRegionCall(e, this);
        String name = mc.methodName(funcIndex) + dev.bytelift.runtime.internal.CodeRegistry.REGION_MARKER + (regionCount++);
        MethodSink.Opened opened = sink.open(mc.owner(funcIndex), name, d.toString());

        Region r = new Region();
        r.outer = region;
        r.e = e;
        r.instrumentation = instrumentation;
        r.depthSlot = depthSlot;
        r.ctxSlot = ctxSlot;
        r.memSlot = memSlot;
        r.lSlot = lSlot;
        r.rSlot = rSlot;
        r.nextSlot = nextSlot;
        r.rootIndex = rootIndex;
        r.brIndexSlot = brIndexSlot;
        r.frameLocals = frameLocals;
        r.extraLocals = extraLocals;
        r.methodStart = methodStart;
        r.exitCodes = exitCodes;
        r.mayChangeMemory = mayChangeMemory;
        r.owner = opened.owner();
        r.name = name;
        r.desc = d.toString();
        r.mv = opened.mv();
        r.base = base;
        region = r;

        e = new CodeEmitter(opened.mv());
        opened.mv().visitCode();
        instrumentation = newInstrumentation();
        frameLocals = new ArrayList<>();
        extraLocals = new ArrayList<>();
        Object[] buf = new Object[4];
        int slot = 0;
        int[] sliceSlots = new int[slice.length];
        for (int i = 0; i < slice.length; i++) {
            sliceSlots[i] = slot;
            slot += slice[i].slots();
            int n = CodeEmitter.addFrameType(buf, 0, slice[i]);
            frameLocals.addAll(Arrays.asList(buf).subList(0, n));
        }
        lSlot = slot++;
        frameLocals.add("[J");
        rSlot = slot++;
        frameLocals.add("[Ljava/lang/Object;");
        depthSlot = slot++;
        frameLocals.add(INTEGER);
        ctxSlot = slot++;
        frameLocals.add(CTX);
        int[] argumentSlots = new int[instrumentation.size()];
        for (int i = 0; i < argumentSlots.length; i++) {
            argumentSlots[i] = -1;
            if (!r.instrumentation.get(i).passesLongToRegions()) continue; // (as the calling piece's)
            argumentSlots[i] = slot;
            slot += 2;
            frameLocals.add(LONG);
        }
        memSlot = -1;
        if (mc.hasMemory() && usesMemory) {
            memSlot = slot++;
            frameLocals.add("[B");
        }
        brIndexSlot = slot++;
        frameLocals.add(INTEGER);
        extraLocals.add(new Object[] {INTEGER, brIndexSlot});
        nextSlot = slot;
        for (Instrumentation ins : instrumentation) ins.declareLocals(this);
        e.setFrameLocals(frameLocals.toArray(), nextSlot);
        e.setStackBase(base);
        rootIndex = root;
        exitCodes = new java.util.TreeSet<>();
        mayChangeMemory = false;
        methodStart = e.instructionCount();
        initExtraLocals();
        reloadMemory();
        for (int i = 0; i < argumentSlots.length; i++) instrumentation.get(i).regionEntry(e, this, argumentSlots[i]);
        for (int i = 0; i < slice.length; i++) e.load(slice[i], sliceSlots[i]);
    }

    /**
     * The region's root block reached its end (or else) with {@code results}: finishes the region
     * and, in the calling method, calls it and acts on its exit code.
     */
    private void finishRegion(ValType[] results, boolean functionRoot) {
        Region r = region;
        if (e.live) exitWith(functionRoot ? 1 : 0, results);
        for (Instrumentation ins : instrumentation) ins.functionExit(e, this);
        r.mv.visitMaxs(0, 0);
        r.mv.visitEnd();
        sink.closed(r.owner, e.constants());
        java.util.TreeSet<Integer> codes = exitCodes;
        boolean regionChangedMemory = mayChangeMemory;

        region = r.outer;
        e = r.e;
        instrumentation = r.instrumentation;
        depthSlot = r.depthSlot;
        ctxSlot = r.ctxSlot;
        memSlot = r.memSlot;
        lSlot = r.lSlot;
        rSlot = r.rSlot;
        nextSlot = r.nextSlot;
        rootIndex = r.rootIndex;
        brIndexSlot = r.brIndexSlot;
        frameLocals = r.frameLocals;
        extraLocals = r.extraLocals;
        methodStart = r.methodStart;
        exitCodes = r.exitCodes;
        mayChangeMemory = r.mayChangeMemory || regionChangedMemory;

        e.varInsn(ALOAD, lSlot);
        e.varInsn(ALOAD, rSlot);
        e.varInsn(ILOAD, depthSlot);
        e.varInsn(ALOAD, ctxSlot);
        for (Instrumentation ins : instrumentation) if (ins.passesLongToRegions()) ins.pushRegionArgument(e, this);
        e.invokeStatic(r.owner, r.name, r.desc);
        if (regionChangedMemory) reloadMemory();
        for (Instrumentation ins : instrumentation) ins.afterRegionCall(e, this);
        if (codes.isEmpty()) {
            // the region never returns normally (it always traps or loops forever)
            e.insn(POP);
            throwTrap("UNREACHABLE");
            e.live = false;
            return;
        }
        // codes of blocks whose labels are in this method (or 0) get a case; any other code is for a
        // method further out: pass it on (its carried values are in the scratch already)
        java.util.List<Integer> own = new ArrayList<>();
        boolean passOn = false;
        for (int code : codes) {
            if (code == 0 || code - 1 > rootIndex) own.add(code);
            else passOn = true;
        }
        int[] keys = new int[own.size()];
        Label[] labels = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = own.get(i);
            labels[i] = new Label();
        }
        if (!passOn && compactDispatch(keys, results)) return;
        Label pass = passOn ? new Label() : null;
        e.insn(DUP);
        e.lookupSwitch(pass != null ? pass : labels[0], keys, labels);
        if (pass != null) {
            e.targetWithInt(pass, v);
            for (Instrumentation ins : instrumentation) ins.beforeReturn(e, this);
            e.insn(IRETURN);
            for (int code : codes) if (code != 0 && code - 1 <= rootIndex) exitCodes.add(code);
        }
        // every exit but the fall-through branches away; the fall-through comes last
        for (int i = keys.length - 1; i >= 0; i--) {
            if (keys[i] == 0) continue;
            e.live = true;
            e.targetWithInt(labels[i], v);
            e.insn(POP);
            Block b = blocks[keys[i] - 1];
            ValType[] carried = b.frame.labelTypes();
            loadCarried(carried);
            branchTo(b, v.height() + carried.length);
        }
        if (keys.length > 0 && keys[0] == 0) {
            e.live = true;
            e.targetWithInt(labels[0], v);
            e.insn(POP);
            loadCarried(results);
        } else {
            e.live = false;
        }
    }

    /**
     * Acts on a region's exit code (on the stack) without a switch when only one or two codes can
     * occur, which keeps the calling method small: returns false if it cannot.
     */
    private boolean compactDispatch(int[] keys, ValType[] results) {
        if (keys.length == 1) {
            e.insn(POP);
            if (keys[0] == 0) {
                loadCarried(results);
            } else {
                Block b = blocks[keys[0] - 1];
                ValType[] carried = b.frame.labelTypes();
                loadCarried(carried);
                branchTo(b, v.height() + carried.length);
                e.live = false;
            }
            return true;
        }
        if (keys.length == 2 && keys[0] == 0) {
            Label zero = new Label();
            e.jump(IFEQ, zero);
            Block b = blocks[keys[1] - 1];
            ValType[] carried = b.frame.labelTypes();
            loadCarried(carried);
            branchTo(b, v.height() + carried.length);
            e.live = true;
            e.target(zero, v);
            loadCarried(results);
            return true;
        }
        return false;
    }

    /** Leaves the region with exit {@code code}, the {@code carried} values from the stack in the scratch. */
    private void exitWith(int code, ValType[] carried) {
        int[] slots = carriedSlots(carried);
        for (int i = carried.length - 1; i >= 0; i--) {
            ValType t = carried[i];
            e.varInsn(ALOAD, ctxSlot);
            e.iconst(slots[i]);
            e.invokeStatic(RESULTS, "put" + suffix(t), "(" + desc(t) + "L" + CTX + ";I)V");
        }
        for (Instrumentation ins : instrumentation) ins.beforeReturn(e, this);
        e.iconst(code);
        e.insn(IRETURN);
        exitCodes.add(code);
    }

    private void loadCarried(ValType[] carried) {
        int[] slots = carriedSlots(carried);
        for (int i = 0; i < carried.length; i++) {
            ValType t = carried[i];
            if (t == V128) {
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slots[i]);
                e.invokeStatic(RESULTS, "getV128Lo", "(L" + CTX + ";I)J");
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slots[i]);
                e.invokeStatic(RESULTS, "getV128Hi", "(L" + CTX + ";I)J");
            } else {
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slots[i]);
                e.invokeStatic(RESULTS, "get" + suffix(t), "(L" + CTX + ";I)" + desc(t));
            }
        }
    }

    private static int[] carriedSlots(ValType[] carried) {
        int[] slots = new int[carried.length];
        int slot = 0;
        for (int i = 0; i < carried.length; i++) {
            slots[i] = slot;
            slot += carried[i] == V128 ? 2 : 1;
        }
        return slots;
    }

    // ==== locals (JVM locals, or the frame arrays of a split function)

    private void loadLocal(int i) {
        ValType t = localTypes[i];
        if (!split) {
            e.load(t, localSlots[i]);
            return;
        }
        int idx = localSlots[i];
        if (t.isReference()) {
            e.varInsn(ALOAD, rSlot);
            e.iconst(idx);
            e.insn(AALOAD);
        } else if (t == V128) {
            e.varInsn(ALOAD, lSlot);
            e.iconst(idx);
            e.insn(LALOAD);
            e.varInsn(ALOAD, lSlot);
            e.iconst(idx + 1);
            e.insn(LALOAD);
        } else {
            e.varInsn(ALOAD, lSlot);
            e.iconst(idx);
            e.invokeStatic(FRAME_LOCALS, "get" + suffix(t), "([JI)" + desc(t));
        }
    }

    /** Stores the value on top of the stack into local {@code i}. */
    private void storeLocal(int i) {
        ValType t = localTypes[i];
        if (!split) {
            e.store(t, localSlots[i]);
            return;
        }
        int idx = localSlots[i];
        if (t.isReference()) {
            e.varInsn(ALOAD, rSlot);
            e.insn(SWAP);
            e.iconst(idx);
            e.insn(SWAP);
            e.insn(AASTORE);
        } else {
            e.varInsn(ALOAD, lSlot);
            e.iconst(idx);
            e.invokeStatic(FRAME_LOCALS, "set" + suffix(t), "(" + desc(t) + "[JI)V");
        }
    }

    private void reloadMemory() {
        if (memSlot < 0) return;
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "memory", "L" + MEMORY + ";");
        e.field(GETFIELD, MEMORY, "bytes", "[B");
        e.varInsn(ASTORE, memSlot);
    }

    private Block block(int index) {
        if (index >= blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
        Block b = blocks[index];
        if (b == null) blocks[index] = b = new Block();
        b.end = null;
        b.loopStart = null;
        b.elseLabel = null;
        b.endUsed = false;
        b.hasElse = false;
        b.frame = v.innermost();
        b.index = index;
        return b;
    }

    /** The translator block for branch depth {@code relativeDepth}. */
    private Block target(int relativeDepth) {
        v.frame(relativeDepth); // "unknown label" if out of range
        return blocks[v.depth() - 1 - relativeDepth];
    }

    // ==== the operator table

    private void translateOperator() {
        Op op = r.next(); // with its immediates
        int at = r.offset();
        v.offset = at;
        if (shouldStartRegion(op)) startRegion();
        if (e.live) {
            e.line(at - bodyStart + 1);
            for (Instrumentation ins : instrumentation) ins.beforeOperator(e, this, op);
        }
        switch (op) {
            // ---- control
            case UNREACHABLE -> unreachable();
            case NOP -> { }
            case BLOCK -> blockStart(FuncValidator.BLOCK);
            case LOOP -> blockStart(FuncValidator.LOOP);
            case IF -> blockStart(FuncValidator.IF);
            case ELSE -> elseArm();
            case END -> end();
            case BR -> br(r.index());
            case BR_IF -> brIf(r.index());
            case BR_TABLE -> brTable();
            case RETURN -> returnOp();
            case CALL -> call(r.index());
            case CALL_INDIRECT -> callIndirect();
            // ---- parametric
            case DROP -> e.pop(requireKnown(v.pop()));
            case SELECT -> select(null);
            case SELECT_TYPED -> selectTyped();
            // ---- variables
            case LOCAL_GET -> localGet(r.index());
            case LOCAL_SET -> localSet(r.index(), false);
            case LOCAL_TEE -> localSet(r.index(), true);
            case GLOBAL_GET -> globalGet(r.index());
            case GLOBAL_SET -> globalSet(r.index());
            case TABLE_GET -> tableGet(r.index());
            case TABLE_SET -> tableSet(r.index());
            // ---- memory: loads (natural alignment log2, result type, helper)
            case I32_LOAD -> load(I32, "i32Load");
            case I64_LOAD -> load(I64, "i64Load");
            case F32_LOAD -> load(F32, "f32Load");
            case F64_LOAD -> load(F64, "f64Load");
            case I32_LOAD8_S -> load(I32, "i32Load8S");
            case I32_LOAD8_U -> load(I32, "i32Load8U");
            case I32_LOAD16_S -> load(I32, "i32Load16S");
            case I32_LOAD16_U -> load(I32, "i32Load16U");
            case I64_LOAD8_S -> load(I64, "i64Load8S");
            case I64_LOAD8_U -> load(I64, "i64Load8U");
            case I64_LOAD16_S -> load(I64, "i64Load16S");
            case I64_LOAD16_U -> load(I64, "i64Load16U");
            case I64_LOAD32_S -> load(I64, "i64Load32S");
            case I64_LOAD32_U -> load(I64, "i64Load32U");
            // ---- memory: stores
            case I32_STORE -> store(I32, "i32Store");
            case I64_STORE -> store(I64, "i64Store");
            case F32_STORE -> store(F32, "f32Store");
            case F64_STORE -> store(F64, "f64Store");
            case I32_STORE8 -> store(I32, "i32Store8");
            case I32_STORE16 -> store(I32, "i32Store16");
            case I64_STORE8 -> store(I64, "i64Store8");
            case I64_STORE16 -> store(I64, "i64Store16");
            case I64_STORE32 -> store(I64, "i64Store32");
            case MEMORY_SIZE -> memorySize();
            case MEMORY_GROW -> memoryGrow();
            // ---- constants
            case I32_CONST -> { v.push(I32); e.iconst((int) r.bits()); }
            case I64_CONST -> { v.push(I64); e.lconst(r.bits()); }
            case F32_CONST -> { v.push(F32); e.fconst((int) r.bits()); }
            case F64_CONST -> { v.push(F64); e.dconst(r.bits()); }
            // ---- i32 comparisons
            case I32_EQZ -> unaryCall(I32, I32, NUM, "i32Eqz");
            case I32_EQ -> binaryCall(I32, I32, NUM, "i32Eq");
            case I32_NE -> binaryCall(I32, I32, NUM, "i32Ne");
            case I32_LT_S -> binaryCall(I32, I32, NUM, "i32LtS");
            case I32_LT_U -> binaryCall(I32, I32, NUM, "i32LtU");
            case I32_GT_S -> binaryCall(I32, I32, NUM, "i32GtS");
            case I32_GT_U -> binaryCall(I32, I32, NUM, "i32GtU");
            case I32_LE_S -> binaryCall(I32, I32, NUM, "i32LeS");
            case I32_LE_U -> binaryCall(I32, I32, NUM, "i32LeU");
            case I32_GE_S -> binaryCall(I32, I32, NUM, "i32GeS");
            case I32_GE_U -> binaryCall(I32, I32, NUM, "i32GeU");
            // ---- i64 comparisons
            case I64_EQZ -> unaryCall(I64, I32, NUM, "i64Eqz");
            case I64_EQ -> binaryCall(I64, I32, NUM, "i64Eq");
            case I64_NE -> binaryCall(I64, I32, NUM, "i64Ne");
            case I64_LT_S -> binaryCall(I64, I32, NUM, "i64LtS");
            case I64_LT_U -> binaryCall(I64, I32, NUM, "i64LtU");
            case I64_GT_S -> binaryCall(I64, I32, NUM, "i64GtS");
            case I64_GT_U -> binaryCall(I64, I32, NUM, "i64GtU");
            case I64_LE_S -> binaryCall(I64, I32, NUM, "i64LeS");
            case I64_LE_U -> binaryCall(I64, I32, NUM, "i64LeU");
            case I64_GE_S -> binaryCall(I64, I32, NUM, "i64GeS");
            case I64_GE_U -> binaryCall(I64, I32, NUM, "i64GeU");
            // ---- f32 / f64 comparisons
            case F32_EQ -> binaryCall(F32, I32, NUM, "f32Eq");
            case F32_NE -> binaryCall(F32, I32, NUM, "f32Ne");
            case F32_LT -> binaryCall(F32, I32, NUM, "f32Lt");
            case F32_GT -> binaryCall(F32, I32, NUM, "f32Gt");
            case F32_LE -> binaryCall(F32, I32, NUM, "f32Le");
            case F32_GE -> binaryCall(F32, I32, NUM, "f32Ge");
            case F64_EQ -> binaryCall(F64, I32, NUM, "f64Eq");
            case F64_NE -> binaryCall(F64, I32, NUM, "f64Ne");
            case F64_LT -> binaryCall(F64, I32, NUM, "f64Lt");
            case F64_GT -> binaryCall(F64, I32, NUM, "f64Gt");
            case F64_LE -> binaryCall(F64, I32, NUM, "f64Le");
            case F64_GE -> binaryCall(F64, I32, NUM, "f64Ge");
            // ---- i32 arithmetic
            case I32_CLZ -> unaryCall(I32, I32, "java/lang/Integer", "numberOfLeadingZeros");
            case I32_CTZ -> unaryCall(I32, I32, "java/lang/Integer", "numberOfTrailingZeros");
            case I32_POPCNT -> unaryCall(I32, I32, "java/lang/Integer", "bitCount");
            case I32_ADD -> binary(I32, IADD);
            case I32_SUB -> binary(I32, ISUB);
            case I32_MUL -> binary(I32, IMUL);
            case I32_DIV_S -> binaryCall(I32, I32, NUM, "i32DivS");
            case I32_DIV_U -> binaryCall(I32, I32, NUM, "i32DivU");
            case I32_REM_S -> binaryCall(I32, I32, NUM, "i32RemS");
            case I32_REM_U -> binaryCall(I32, I32, NUM, "i32RemU");
            case I32_AND -> binary(I32, IAND);
            case I32_OR -> binary(I32, IOR);
            case I32_XOR -> binary(I32, IXOR);
            case I32_SHL -> binary(I32, ISHL);
            case I32_SHR_S -> binary(I32, ISHR);
            case I32_SHR_U -> binary(I32, IUSHR);
            case I32_ROTL -> binaryCall(I32, I32, "java/lang/Integer", "rotateLeft");
            case I32_ROTR -> binaryCall(I32, I32, "java/lang/Integer", "rotateRight");
            // ---- i64 arithmetic
            case I64_CLZ -> { unaryCall(I64, I32, "java/lang/Long", "numberOfLeadingZeros"); widenTopToI64(); }
            case I64_CTZ -> { unaryCall(I64, I32, "java/lang/Long", "numberOfTrailingZeros"); widenTopToI64(); }
            case I64_POPCNT -> { unaryCall(I64, I32, "java/lang/Long", "bitCount"); widenTopToI64(); }
            case I64_ADD -> binary(I64, LADD);
            case I64_SUB -> binary(I64, LSUB);
            case I64_MUL -> binary(I64, LMUL);
            case I64_DIV_S -> binaryCall(I64, I64, NUM, "i64DivS");
            case I64_DIV_U -> binaryCall(I64, I64, NUM, "i64DivU");
            case I64_REM_S -> binaryCall(I64, I64, NUM, "i64RemS");
            case I64_REM_U -> binaryCall(I64, I64, NUM, "i64RemU");
            case I64_AND -> binary(I64, LAND);
            case I64_OR -> binary(I64, LOR);
            case I64_XOR -> binary(I64, LXOR);
            case I64_SHL -> shift64(LSHL);
            case I64_SHR_S -> shift64(LSHR);
            case I64_SHR_U -> shift64(LUSHR);
            case I64_ROTL -> rotate64("rotateLeft");
            case I64_ROTR -> rotate64("rotateRight");
            // ---- f32 arithmetic
            case F32_ABS -> unaryCall(F32, F32, NUM, "f32Abs");
            case F32_NEG -> unaryCall(F32, F32, NUM, "f32Neg");
            case F32_CEIL -> unaryCall(F32, F32, NUM, "f32Ceil");
            case F32_FLOOR -> unaryCall(F32, F32, NUM, "f32Floor");
            case F32_TRUNC -> unaryCall(F32, F32, NUM, "f32Trunc");
            case F32_NEAREST -> unaryCall(F32, F32, NUM, "f32Nearest");
            case F32_SQRT -> unaryCall(F32, F32, NUM, "f32Sqrt");
            case F32_ADD -> binary(F32, FADD);
            case F32_SUB -> binary(F32, FSUB);
            case F32_MUL -> binary(F32, FMUL);
            case F32_DIV -> binary(F32, FDIV);
            case F32_MIN -> binaryCall(F32, F32, NUM, "f32Min");
            case F32_MAX -> binaryCall(F32, F32, NUM, "f32Max");
            case F32_COPYSIGN -> binaryCall(F32, F32, NUM, "f32Copysign");
            // ---- f64 arithmetic
            case F64_ABS -> unaryCall(F64, F64, NUM, "f64Abs");
            case F64_NEG -> unaryCall(F64, F64, NUM, "f64Neg");
            case F64_CEIL -> unaryCall(F64, F64, NUM, "f64Ceil");
            case F64_FLOOR -> unaryCall(F64, F64, NUM, "f64Floor");
            case F64_TRUNC -> unaryCall(F64, F64, NUM, "f64Trunc");
            case F64_NEAREST -> unaryCall(F64, F64, NUM, "f64Nearest");
            case F64_SQRT -> unaryCall(F64, F64, NUM, "f64Sqrt");
            case F64_ADD -> binary(F64, DADD);
            case F64_SUB -> binary(F64, DSUB);
            case F64_MUL -> binary(F64, DMUL);
            case F64_DIV -> binary(F64, DDIV);
            case F64_MIN -> binaryCall(F64, F64, NUM, "f64Min");
            case F64_MAX -> binaryCall(F64, F64, NUM, "f64Max");
            case F64_COPYSIGN -> binaryCall(F64, F64, NUM, "f64Copysign");
            // ---- conversions
            case I32_WRAP_I64 -> convert(I64, I32, L2I);
            case I32_TRUNC_F32_S -> unaryCall(F32, I32, NUM, "i32TruncF32S");
            case I32_TRUNC_F32_U -> unaryCall(F32, I32, NUM, "i32TruncF32U");
            case I32_TRUNC_F64_S -> unaryCall(F64, I32, NUM, "i32TruncF64S");
            case I32_TRUNC_F64_U -> unaryCall(F64, I32, NUM, "i32TruncF64U");
            case I64_EXTEND_I32_S -> convert(I32, I64, I2L);
            case I64_EXTEND_I32_U -> unaryCall(I32, I64, "java/lang/Integer", "toUnsignedLong");
            case I64_TRUNC_F32_S -> unaryCall(F32, I64, NUM, "i64TruncF32S");
            case I64_TRUNC_F32_U -> unaryCall(F32, I64, NUM, "i64TruncF32U");
            case I64_TRUNC_F64_S -> unaryCall(F64, I64, NUM, "i64TruncF64S");
            case I64_TRUNC_F64_U -> unaryCall(F64, I64, NUM, "i64TruncF64U");
            case F32_CONVERT_I32_S -> convert(I32, F32, I2F);
            case F32_CONVERT_I32_U -> unaryCall(I32, F32, NUM, "f32ConvertI32U");
            case F32_CONVERT_I64_S -> convert(I64, F32, L2F);
            case F32_CONVERT_I64_U -> unaryCall(I64, F32, NUM, "f32ConvertI64U");
            case F32_DEMOTE_F64 -> convert(F64, F32, D2F);
            case F64_CONVERT_I32_S -> convert(I32, F64, I2D);
            case F64_CONVERT_I32_U -> unaryCall(I32, F64, NUM, "f64ConvertI32U");
            case F64_CONVERT_I64_S -> convert(I64, F64, L2D);
            case F64_CONVERT_I64_U -> unaryCall(I64, F64, NUM, "f64ConvertI64U");
            case F64_PROMOTE_F32 -> convert(F32, F64, F2D);
            case I32_REINTERPRET_F32 -> unaryCall(F32, I32, "java/lang/Float", "floatToRawIntBits");
            case I64_REINTERPRET_F64 -> unaryCall(F64, I64, "java/lang/Double", "doubleToRawLongBits");
            case F32_REINTERPRET_I32 -> unaryCall(I32, F32, "java/lang/Float", "intBitsToFloat");
            case F64_REINTERPRET_I64 -> unaryCall(I64, F64, "java/lang/Double", "longBitsToDouble");
            // ---- sign extension
            case I32_EXTEND8_S -> convert(I32, I32, I2B);
            case I32_EXTEND16_S -> convert(I32, I32, I2S);
            case I64_EXTEND8_S -> { convert(I64, I32, L2I); e.insn(I2B); e.insn(I2L); v.pop(); v.push(I64); }
            case I64_EXTEND16_S -> { convert(I64, I32, L2I); e.insn(I2S); e.insn(I2L); v.pop(); v.push(I64); }
            case I64_EXTEND32_S -> { convert(I64, I32, L2I); e.insn(I2L); v.pop(); v.push(I64); }
            // ---- reference types
            case REF_NULL -> { v.push(r.valType()); e.insn(ACONST_NULL); }
            case REF_IS_NULL -> { requireRef(v.pop()); v.push(I32); e.invokeStatic(NUM, "refIsNull", "(" + OBJ + ")I"); }
            case REF_FUNC -> refFunc(r.index());
            // ---- 0xFC: non-trapping float-to-int, bulk memory, tables
            case I32_TRUNC_SAT_F32_S -> convert(F32, I32, F2I);
            case I32_TRUNC_SAT_F32_U -> unaryCall(F32, I32, NUM, "i32TruncSatF32U");
            case I32_TRUNC_SAT_F64_S -> convert(F64, I32, D2I);
            case I32_TRUNC_SAT_F64_U -> unaryCall(F64, I32, NUM, "i32TruncSatF64U");
            case I64_TRUNC_SAT_F32_S -> convert(F32, I64, F2L);
            case I64_TRUNC_SAT_F32_U -> unaryCall(F32, I64, NUM, "i64TruncSatF32U");
            case I64_TRUNC_SAT_F64_S -> convert(F64, I64, D2L);
            case I64_TRUNC_SAT_F64_U -> unaryCall(F64, I64, NUM, "i64TruncSatF64U");
            case MEMORY_INIT -> memoryInit();
            case DATA_DROP -> dataDrop();
            case MEMORY_COPY -> memoryCopy();
            case MEMORY_FILL -> memoryFill();
            case TABLE_INIT -> tableInit();
            case ELEM_DROP -> elemDrop();
            case TABLE_COPY -> tableCopy();
            case TABLE_GROW -> tableGrow();
            case TABLE_SIZE -> tableSize();
            case TABLE_FILL -> tableFill();
            // ---- 0xFD: SIMD, table-driven
            default -> {
                if (op.prefix() != Op.SIMD_PREFIX) throw new IllegalStateException("no lowering for " + op);
                simdOperator(op);
            }
        }
        e.releaseTemps();
    }

    // ==== control

    private void unreachable() {
        throwTrap("UNREACHABLE");
        v.setUnreachable();
        e.live = false;
    }

    private void throwTrap(String code) {
        e.field(GETSTATIC, "dev/bytelift/runtime/TrapCode", code, "Ldev/bytelift/runtime/TrapCode;");
        e.invokeStatic(TRAPS, "trap", "(Ldev/bytelift/runtime/TrapCode;)Ldev/bytelift/runtime/Trap;");
        e.insn(ATHROW);
    }

    private FuncType blockType() {
        long bt = r.blockType();
        if (bt == -64) return FuncType.of(List.of(), List.of());
        if (bt < 0) return FuncType.of(List.of(), List.of(ValType.fromCode((int) (bt & 0x7F))));
        if (bt >= m.types.size()) throw v.error("unknown type");
        return m.types.get((int) bt);
    }

    private void blockStart(int kind) {
        FuncType bt = blockType();
        ValType[] params = bt.params().toArray(new ValType[0]);
        ValType[] results = bt.results().toArray(new ValType[0]);
        if (kind == FuncValidator.IF) v.pop(I32);
        v.pop(params);
        v.pushFrame(kind, params, results);
        Block b = block(v.depth() - 1);
        b.startReachable = e.live;
        if (!e.live) return;
        switch (kind) {
            case FuncValidator.LOOP -> {
                b.loopStart = new Label();
                e.target(b.loopStart, v);
                for (Instrumentation ins : instrumentation) ins.loopHeader(e, this);
            }
            case FuncValidator.IF -> {
                b.elseLabel = new Label();
                // the condition was popped above; the JVM still has it on top
                e.jump(IFEQ, b.elseLabel);
            }
            default -> { }
        }
    }

    private void elseArm() {
        Frame f = v.innermost();
        if (f.kind != FuncValidator.IF) throw in.malformed("END opcode expected", v.offset);
        int index = v.depth() - 1;
        Block b = blocks[index];
        v.popFrame();
        while (region != null && rootIndex == index) finishRegion(f.results, false);
        if (e.live) {
            if (b.end == null) b.end = new Label();
            e.jump(GOTO, b.end);
            b.endUsed = true;
        }
        v.pushFrame(FuncValidator.ELSE, f.params, f.results);
        b.frame = v.innermost();
        b.hasElse = true;
        e.live = b.startReachable;
        if (e.live) e.target(b.elseLabel, v);
    }

    private void end() {
        Frame f = v.innermost();
        int index = v.depth() - 1;
        Block b = blocks[index];
        int kind = f.kind;
        v.popFrame();
        if (kind == FuncValidator.IF && !Arrays.equals(f.params, f.results)) {
            throw v.error("type mismatch"); // the missing else arm passes the params on as results
        }
        while (region != null && rootIndex == index) finishRegion(f.results, kind == FuncValidator.FUNCTION);
        v.push(f.results);
        if (kind == FuncValidator.FUNCTION) {
            if (e.live) emitReturn();
            return;
        }
        boolean fallsThrough = e.live;
        boolean elseFallsHere = kind == FuncValidator.IF && !b.hasElse && b.startReachable;
        e.live = fallsThrough || b.endUsed || elseFallsHere;
        if (!e.live) return;
        if (elseFallsHere) e.mv.visitLabel(b.elseLabel);
        if (b.endUsed) e.mv.visitLabel(b.end);
        if (elseFallsHere || b.endUsed) e.frame(v, v.height());
    }

    /** Emits a branch to {@code b}'s label with the label's values on top of the stack. */
    private void branchTo(Block b) {
        branchTo(b, v.height());
    }

    /**
     * Emits a branch to {@code b}'s label; the stack holds validator slots [0, height) (the
     * label's values on top).
     */
    private void branchTo(Block b, int height) {
        Frame f = b.frame;
        if (b.index <= rootIndex) {
            exitWith(b.index + 1, f.labelTypes()); // the label is in a method that called this region
            return;
        }
        if (f.kind == FuncValidator.FUNCTION) {
            emitReturn();
            return;
        }
        Label target;
        if (f.kind == FuncValidator.LOOP) {
            target = b.loopStart;
        } else {
            if (b.end == null) b.end = new Label();
            b.endUsed = true;
            target = b.end;
        }
        ValType[] carried = f.labelTypes();
        int extra = height - carried.length - f.height;
        if (extra > 0) {
            // spill the carried values, drop what lies between them and the label's height, reload
            int[] slots = new int[carried.length];
            for (int i = carried.length - 1; i >= 0; i--) {
                slots[i] = e.temp(carried[i]);
                e.store(carried[i], slots[i]);
            }
            for (int i = 0; i < extra; i++) e.pop(v.typeAt(height - carried.length - 1 - i));
            for (int i = 0; i < carried.length; i++) e.load(carried[i], slots[i]);
            e.releaseTemps();
        }
        e.jump(GOTO, target);
    }

    private void br(int depth) {
        Block b = target(depth);
        v.pop(b.frame.labelTypes());
        // the validator popped the carried values; the JVM still has them: branch with them
        if (e.live) {
            v.push(b.frame.labelTypes());
            branchTo(b);
        }
        v.setUnreachable();
        e.live = false;
    }

    private void brIf(int depth) {
        Block b = target(depth);
        v.pop(I32);
        v.checkTop(b.frame.labelTypes());
        if (!e.live) return;
        ValType[] carried = b.frame.labelTypes();
        boolean simple = b.index > rootIndex && b.frame.kind != FuncValidator.FUNCTION
                && v.height() - carried.length == b.frame.height;
        if (simple) {
            Label target;
            if (b.frame.kind == FuncValidator.LOOP) {
                target = b.loopStart;
            } else {
                if (b.end == null) b.end = new Label();
                b.endUsed = true;
                target = b.end;
            }
            e.jump(IFNE, target);
        } else {
            Label skip = new Label();
            e.jump(IFEQ, skip);
            branchTo(b);
            e.target(skip, v);
        }
    }

    private void brTable() {
        int n = r.count();
        int[] depths = new int[n];
        for (int i = 0; i < n; i++) depths[i] = r.label(i);
        int dflt = r.index();
        v.pop(I32);
        Block db = target(dflt);
        int arity = db.frame.labelTypes().length;
        for (int i = 0; i < n; i++) {
            Block b = target(depths[i]);
            ValType[] lt = b.frame.labelTypes();
            if (lt.length != arity) throw v.error("type mismatch");
            // pop and push back what is actually there (it may be of unknown type)
            ValType[] actual = new ValType[lt.length];
            for (int k = lt.length - 1; k >= 0; k--) actual[k] = v.pop(lt[k]);
            for (int k = 0; k < lt.length; k++) v.push(actual[k]);
        }
        v.checkTop(db.frame.labelTypes());
        if (e.live) {
            // one stub per distinct target depth that needs a shuffle; direct jumps otherwise;
            // in a region, the targets outside it share one exit that looks the depth up
            Label[] labels = new Label[n];
            java.util.Map<Integer, Label> stubs = new java.util.LinkedHashMap<>();
            Label sharedExit = null;
            int outside = 0;
            for (int i = 0; i < n; i++) if (isOutside(depths[i])) outside++;
            if (outside >= 2 && allBelow(depths, dflt, 0xFFFF)) {
                sharedExit = new Label();
                e.insn(DUP);
                e.varInsn(ISTORE, brIndexSlot());
            }
            for (int i = 0; i < n; i++) labels[i] = sharedExit != null && isOutside(depths[i]) ? sharedExit : branchLabel(depths[i], stubs);
            Label dl = sharedExit != null && isOutside(dflt) ? sharedExit : branchLabel(dflt, stubs);
            if (n == 0) {
                e.insn(POP);
                e.jump(GOTO, dl);
            } else {
                e.tableSwitch(0, n - 1, dl, labels);
            }
            for (java.util.Map.Entry<Integer, Label> s : stubs.entrySet()) {
                e.target(s.getValue(), v);
                branchTo(target(s.getKey()));
            }
            if (sharedExit != null) {
                e.target(sharedExit, v);
                ValType[] carried = db.frame.labelTypes();
                int[] slots = carriedSlots(carried);
                for (int k = carried.length - 1; k >= 0; k--) {
                    e.varInsn(ALOAD, ctxSlot);
                    e.iconst(slots[k]);
                    e.invokeStatic(RESULTS, "put" + suffix(carried[k]), "(" + desc(carried[k]) + "L" + CTX + ";I)V");
                }
                for (Instrumentation ins : instrumentation) ins.beforeReturn(e, this);
                // exit code = target block index + 1 = depth() - branch depth
                e.iconst(v.depth());
                e.varInsn(ILOAD, brIndexSlot());
                StringBuilder table = new StringBuilder(n + 1);
                for (int i = 0; i < n; i++) table.append((char) depths[i]);
                table.append((char) dflt);
                e.mv.visitLdcInsn(table.toString());
                e.invokeStatic("dev/bytelift/runtime/internal/BrTables", "depth", "(ILjava/lang/String;)I");
                e.insn(ISUB);
                e.insn(IRETURN);
                for (int i = 0; i < n; i++) if (isOutside(depths[i])) exitCodes.add(v.depth() - depths[i]);
                if (isOutside(dflt)) exitCodes.add(v.depth() - dflt);
            }
        }
        v.pop(db.frame.labelTypes());
        v.setUnreachable();
        e.live = false;
    }

    /** Whether branch depth {@code depth} leaves the method being written (a region). */
    private boolean isOutside(int depth) {
        return v.depth() - 1 - depth <= rootIndex;
    }

    private static boolean allBelow(int[] depths, int dflt, int limit) {
        if (dflt >= limit) return false;
        for (int d : depths) if (d >= limit) return false;
        return true;
    }

    private int brIndexSlot = -1;

    /** A permanent int local of the current method holding a br_table's index for its shared exit. */
    private int brIndexSlot() {
        if (brIndexSlot < 0) throw new IllegalStateException("no br_table index local");
        return brIndexSlot;
    }

    /** The label a br_table entry jumps to: the target itself, or a stub that shuffles first. */
    private Label branchLabel(int depth, java.util.Map<Integer, Label> stubs) {
        Block b = target(depth);
        Frame f = b.frame;
        boolean direct = b.index > rootIndex && f.kind != FuncValidator.FUNCTION
                && v.height() - f.labelTypes().length == f.height;
        if (direct) {
            if (f.kind == FuncValidator.LOOP) return b.loopStart;
            if (b.end == null) b.end = new Label();
            b.endUsed = true;
            return b.end;
        }
        return stubs.computeIfAbsent(depth, d -> new Label());
    }

    private void returnOp() {
        Block fb = blocks[0];
        v.pop(fb.frame.results);
        if (e.live) {
            v.push(fb.frame.results);
            emitReturn();
        }
        v.setUnreachable();
        e.live = false;
    }

    /** Returns the function's results from the top of the stack (extra results via the scratch). */
    private void emitReturn() {
        if (rootIndex >= 0) {
            exitWith(1, resultsOf(type)); // a region: the function returns from its own method
            return;
        }
        for (Instrumentation ins : instrumentation) ins.beforeReturn(e, this);
        int n = type.resultCount();
        for (int i = n - 1; i >= 1; i--) {
            ValType t = type.result(i);
            e.varInsn(ALOAD, ctxSlot);
            e.iconst(Abi.resultSlot(type, i));
            e.invokeStatic(RESULTS, "put" + suffix(t), "(" + desc(t) + "L" + CTX + ";I)V");
        }
        if (n == 0) {
            e.insn(RETURN);
            return;
        }
        ValType r0 = type.result(0);
        switch (r0) {
            case I32 -> e.insn(IRETURN);
            case I64 -> e.insn(LRETURN);
            case F32 -> e.insn(FRETURN);
            case F64 -> e.insn(DRETURN);
            case V128 -> {
                e.varInsn(ALOAD, ctxSlot);
                e.invokeStatic(RESULTS, "returnV128", "(JJL" + CTX + ";)J");
                e.insn(LRETURN);
            }
            default -> e.insn(ARETURN);
        }
    }

    // ==== calls

    private void call(int f) {
        int pc = v.offset;
        if (Integer.compareUnsigned(f, m.funcCount()) >= 0) throw v.error("unknown function");
        FuncType ft = m.funcType(f);
        v.pop(ft.params().toArray(new ValType[0]));
        v.push(ft.results().toArray(new ValType[0]));
        if (!e.live) return;
        pushCalleeDepthAndContext();
        for (Instrumentation ins : instrumentation) ins.beforeCall(e, this);
        if (f < m.importedFuncs) e.iconst(pc); // import stubs take the call's offset (see Abi)
        e.invokeStatic(mc.owner(f), mc.methodName(f), mc.descriptor(f));
        afterCall(ft);
    }

    private void pushCalleeDepthAndContext() {
        e.varInsn(ILOAD, depthSlot);
        e.iconst(1);
        e.insn(IADD);
        e.varInsn(ALOAD, ctxSlot);
    }

    /** After a call: fetch the v128 high half and the extra results, reload the memory cache. */
    private void afterCall(FuncType ft) {
        mayChangeMemory = true;
        int n = ft.resultCount();
        if (n > 0 && ft.result(0) == V128) {
            e.varInsn(ALOAD, ctxSlot);
            e.invokeStatic(RESULTS, "v128Hi", "(L" + CTX + ";)J");
        }
        for (int i = 1; i < n; i++) {
            ValType t = ft.result(i);
            int slot = Abi.resultSlot(ft, i);
            if (t == V128) {
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slot);
                e.invokeStatic(RESULTS, "getV128Lo", "(L" + CTX + ";I)J");
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slot);
                e.invokeStatic(RESULTS, "getV128Hi", "(L" + CTX + ";I)J");
            } else {
                e.varInsn(ALOAD, ctxSlot);
                e.iconst(slot);
                e.invokeStatic(RESULTS, "get" + suffix(t), "(L" + CTX + ";I)" + desc(t));
            }
        }
        reloadMemory();
        for (Instrumentation ins : instrumentation) ins.afterCall(e, this);
    }

    private void callIndirect() {
        int pc = v.offset;
        int typeIndex = r.index();
        int table = r.index2();
        if (Integer.compareUnsigned(table, m.tables.size()) >= 0) throw v.error("unknown table");
        if (Integer.compareUnsigned(typeIndex, m.types.size()) >= 0) throw v.error("unknown type");
        if (m.tables.get(table).elementType() != FUNCREF) throw v.error("type mismatch");
        FuncType ft = m.types.get(typeIndex);
        v.pop(I32);
        v.pop(ft.params().toArray(new ValType[0]));
        v.push(ft.results().toArray(new ValType[0]));
        if (!e.live) return;
        loadTable(table);
        e.iconst(mc.typeId(typeIndex));
        e.invokeStatic(TABLES, "funcForCall", "(IL" + TABLE + ";I)L" + FUNC + ";");
        pushCalleeDepthAndContext();
        for (Instrumentation ins : instrumentation) ins.beforeCall(e, this);
        String d = Abi.descriptor(ft);
        String dispatchDesc = d.replace("IL" + CTX + ";)", "L" + FUNC + ";IL" + CTX + ";I)");
        e.iconst(pc); // dispatchers take the call's offset for foreign functions (see Abi)
        e.invokeStatic(mc.className, mc.dispatcher(typeIndex), dispatchDesc);
        afterCall(ft);
    }

    // ==== parametric

    private static ValType requireKnown(ValType t) {
        return t == null ? I32 : t; // only null in unreachable code, where nothing is emitted
    }

    private void select(ValType typed) {
        v.pop(I32);
        ValType t2 = v.pop(typed);
        ValType t1 = v.pop(typed);
        ValType t;
        if (typed != null) {
            t = typed;
        } else {
            if ((t1 != null && t1.isReference()) || (t2 != null && t2.isReference())) throw v.error("type mismatch");
            if (t1 != null && t2 != null && t1 != t2) throw v.error("type mismatch");
            t = t1 != null ? t1 : t2;
        }
        v.push(t);
        if (!e.live) return;
        switch (t) {
            case I32 -> e.invokeStatic(NUM, "selectI", "(III)I");
            case I64 -> e.invokeStatic(NUM, "selectJ", "(JJI)J");
            case F32 -> e.invokeStatic(NUM, "selectF", "(FFI)F");
            case F64 -> e.invokeStatic(NUM, "selectD", "(DDI)D");
            case V128 -> {
                pushScratch();
                e.invokeStatic(NUM, "selectV", "(JJJJIL" + SCRATCH + ";)J");
                pushV128Hi();
            }
            default -> e.invokeStatic(NUM, "selectA", "(" + OBJ + OBJ + "I)" + OBJ);
        }
    }

    private void selectTyped() {
        if (r.count() != 1) throw v.error("invalid result arity");
        select(r.valType());
    }

    // ==== variables

    private ValType localType(int i) {
        if (Integer.compareUnsigned(i, localTypes.length) >= 0) throw v.error("unknown local");
        return localTypes[i];
    }

    private void localGet(int i) {
        ValType t = localType(i);
        v.push(t);
        loadLocal(i);
    }

    private void localSet(int i, boolean tee) {
        ValType t = localType(i);
        v.pop(t);
        if (tee) v.push(t);
        if (!e.live) return;
        if (tee) {
            switch (t) {
                case I64, F64 -> e.insn(DUP2);
                case V128 -> {
                    storeLocal(i);
                    loadLocal(i);
                    return;
                }
                default -> e.insn(DUP);
            }
        }
        storeLocal(i);
    }

    private GlobalType globalType(int g) {
        if (Integer.compareUnsigned(g, m.globals.size()) >= 0) throw v.error("unknown global");
        return m.globals.get(g);
    }

    private void loadGlobal(int g) {
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "globals", "[L" + GLOBAL + ";");
        e.iconst(g);
        e.insn(AALOAD);
    }

    private void globalGet(int g) {
        ValType t = globalType(g).valType();
        v.push(t);
        loadGlobal(g);
        if (t == V128) {
            pushScratch();
            e.invokeStatic(GLOBALS, "getV128", "(L" + GLOBAL + ";L" + SCRATCH + ";)J");
            pushV128Hi();
        } else {
            e.invokeStatic(GLOBALS, "get" + suffix(t), "(L" + GLOBAL + ";)" + desc(t));
        }
    }

    private void globalSet(int g) {
        GlobalType gt = globalType(g);
        if (!gt.mutable()) throw v.error("global is immutable");
        ValType t = gt.valType();
        v.pop(t);
        loadGlobal(g);
        e.invokeStatic(GLOBALS, "set" + suffix(t), "(" + desc(t) + "L" + GLOBAL + ";)V");
    }

    // ==== memory

    private void requireMemory(int index) {
        if (Integer.compareUnsigned(index, m.memories.size()) >= 0) {
            throw v.error("unknown memory" + (index == 0 ? "" : " " + Integer.toUnsignedString(index)));
        }
    }

    /** Checks the memarg's alignment against {@code op}'s natural one; returns its offset. */
    private int memarg(Op op) {
        requireMemory(0);
        if (r.align() > op.alignLog2()) throw v.error("alignment must not be larger than natural");
        return r.memoryOffset();
    }

    private void load(ValType t, String helper) {
        int offset = memarg(r.op());
        v.pop(I32);
        v.push(t);
        e.varInsn(ALOAD, memSlot);
        e.iconst(offset);
        e.invokeStatic(MEM, helper, "(I[BI)" + desc(t));
    }

    private void store(ValType t, String helper) {
        int offset = memarg(r.op());
        v.pop(t);
        v.pop(I32);
        e.varInsn(ALOAD, memSlot);
        e.iconst(offset);
        e.invokeStatic(MEM, helper, "(I" + desc(t) + "[BI)V");
    }

    private void memorySize() {
        requireMemory(0);
        v.push(I32);
        e.varInsn(ALOAD, memSlot);
        e.insn(ARRAYLENGTH);
        e.iconst(16);
        e.insn(IUSHR);
    }

    private void memoryGrow() {
        requireMemory(0);
        v.pop(I32);
        v.push(I32);
        e.varInsn(ALOAD, ctxSlot);
        e.invokeStatic(MEMOPS, "grow", "(IL" + CTX + ";)I");
        mayChangeMemory = true;
        reloadMemory();
    }

    private int dataIndex() {
        int at = r.immediateOffset();
        int d = r.index();
        if (m.dataCount < 0 && !m.datas.isEmpty()) throw in.malformed("data count section required", at);
        int count = m.dataCount >= 0 ? m.dataCount : 0;
        if (Integer.compareUnsigned(d, count) >= 0) throw v.error("unknown data segment " + Integer.toUnsignedString(d));
        return d;
    }

    private void memoryInit() {
        requireMemory(0);
        int d = dataIndex();
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
        e.varInsn(ALOAD, memSlot);
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "data", "[[B");
        e.iconst(d);
        e.insn(AALOAD);
        e.invokeStatic(MEMOPS, "init", "(III[B[B)V");
    }

    private void dataDrop() {
        int d = dataIndex();
        e.varInsn(ALOAD, ctxSlot);
        e.iconst(d);
        e.invokeStatic(MEMOPS, "dataDrop", "(L" + CTX + ";I)V");
    }

    private void memoryCopy() {
        requireMemory(0);
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
        e.varInsn(ALOAD, memSlot);
        e.invokeStatic(MEMOPS, "copy", "(III[B)V");
    }

    private void memoryFill() {
        requireMemory(0);
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
        e.varInsn(ALOAD, memSlot);
        e.invokeStatic(MEMOPS, "fill", "(III[B)V");
    }

    // ==== tables and references

    private ValType tableType(int t) {
        if (Integer.compareUnsigned(t, m.tables.size()) >= 0) throw v.error("unknown table " + Integer.toUnsignedString(t));
        return m.tables.get(t).elementType();
    }

    private void loadTable(int t) {
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "tables", "[L" + TABLE + ";");
        e.iconst(t);
        e.insn(AALOAD);
    }

    private void tableGet(int t) {
        ValType et = tableType(t);
        v.pop(I32);
        v.push(et);
        loadTable(t);
        e.invokeStatic(TABLES, "get", "(IL" + TABLE + ";)" + OBJ);
    }

    private void tableSet(int t) {
        ValType et = tableType(t);
        v.pop(et);
        v.pop(I32);
        loadTable(t);
        e.invokeStatic(TABLES, "set", "(I" + OBJ + "L" + TABLE + ";)V");
    }

    private void tableSize() {
        int t = r.index();
        tableType(t);
        v.push(I32);
        loadTable(t);
        e.invokeStatic(TABLES, "size", "(L" + TABLE + ";)I");
    }

    private void tableGrow() {
        int t = r.index();
        ValType et = tableType(t);
        v.pop(I32);
        v.pop(et);
        v.push(I32);
        loadTable(t);
        e.invokeStatic(TABLES, "grow", "(" + OBJ + "IL" + TABLE + ";)I");
    }

    private void tableFill() {
        int t = r.index();
        ValType et = tableType(t);
        v.pop(I32);
        v.pop(et);
        v.pop(I32);
        loadTable(t);
        e.invokeStatic(TABLES, "fill", "(I" + OBJ + "IL" + TABLE + ";)V");
    }

    private void tableCopy() {
        int dst = r.index();
        int src = r.index2();
        ValType dt = tableType(dst);
        ValType st = tableType(src);
        if (dt != st) throw v.error("type mismatch");
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
        loadTable(dst);
        loadTable(src);
        e.invokeStatic(TABLES, "copy", "(IIIL" + TABLE + ";L" + TABLE + ";)V");
    }

    private int elemIndex() {
        int s = r.index();
        if (Integer.compareUnsigned(s, m.elems.size()) >= 0) throw v.error("unknown elem segment " + Integer.toUnsignedString(s));
        return s;
    }

    private void tableInit() {
        int segAt = r.immediateOffset();
        int s = r.index();
        int t = r.index2();
        ValType et = tableType(t);
        if (Integer.compareUnsigned(s, m.elems.size()) >= 0) {
            v.offset = segAt;
            throw v.error("unknown elem segment " + Integer.toUnsignedString(s));
        }
        if (m.elems.get(s).type() != et) throw v.error("type mismatch");
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
        loadTable(t);
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "elems", "[[" + OBJ);
        e.iconst(s);
        e.insn(AALOAD);
        e.invokeStatic(TABLES, "init", "(IIIL" + TABLE + ";[" + OBJ + ")V");
    }

    private void elemDrop() {
        int s = elemIndex();
        e.varInsn(ALOAD, ctxSlot);
        e.iconst(s);
        e.invokeStatic(TABLES, "elemDrop", "(L" + CTX + ";I)V");
    }

    private void requireRef(ValType t) {
        if (t != null && !t.isReference()) throw v.error("type mismatch");
    }

    private void refFunc(int f) {
        if (Integer.compareUnsigned(f, m.funcCount()) >= 0) throw v.error("unknown function " + Integer.toUnsignedString(f));
        if (!m.declaredFuncRefs.contains(f)) throw v.error("undeclared function reference");
        v.push(FUNCREF);
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "funcs", "[L" + FUNC + ";");
        e.iconst(f);
        e.insn(AALOAD);
    }

    // ==== SIMD: table-driven, one runtime method per instruction (see SimdTable)

    private void simdOperator(Op op) {
        Imm imm = op.immediates();
        int offset = 0;
        int lane = 0;
        switch (imm) {
            case MEMARG -> offset = memarg(op);
            case MEMARG_LANE -> {
                offset = memarg(op);
                lane = r.index();
                if (lane >= op.lanes()) throw v.error("invalid lane index");
            }
            case LANE -> {
                lane = r.index();
                if (lane >= op.lanes()) throw v.error("invalid lane index");
            }
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    long l = (i < 8 ? r.bits() >>> (8 * i) : r.bitsHi() >>> (8 * (i - 8))) & 0xFF;
                    if (l >= op.lanes()) throw v.error("invalid lane index");
                }
            }
            case V128 -> {
                v.push(V128);
                e.lconst(r.bits());
                e.lconst(r.bitsHi());
                return;
            }
            default -> { }
        }
        ValType result = op.results().length == 0 ? null : op.results()[0];
        v.pop(op.params());
        if (result != null) v.push(result);
        if (!e.live) return;
        if (imm == Imm.MEMARG || imm == Imm.MEMARG_LANE) {
            e.varInsn(ALOAD, memSlot);
            e.iconst(offset);
        }
        if (imm == Imm.MEMARG_LANE || imm == Imm.LANE) e.iconst(lane);
        if (imm == Imm.SHUFFLE) {
            e.lconst(r.bits());
            e.lconst(r.bitsHi());
        }
        if (result == V128) pushScratch();
        SimdMethods.Target target = SimdMethods.forOpcode(op.code());
        e.invokeStatic(target.owner(), target.name(), target.descriptor());
        if (result == V128) pushV128Hi();
    }

    private void pushScratch() {
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "scratch", "L" + SCRATCH + ";");
    }

    private void pushV128Hi() {
        e.varInsn(ALOAD, ctxSlot);
        e.field(GETFIELD, CTX, "scratch", "L" + SCRATCH + ";");
        e.field(GETFIELD, SCRATCH, "v128Hi", "J");
    }

    // ==== numeric helpers

    private void binary(ValType t, int jvmOpcode) {
        v.pop(t);
        v.pop(t);
        v.push(t);
        e.insn(jvmOpcode);
    }

    private void binaryCall(ValType in, ValType out, String owner, String name) {
        v.pop(in);
        v.pop(in);
        v.push(out);
        e.invokeStatic(owner, name, "(" + desc(in) + desc(in) + ")" + desc(out));
    }

    private void unaryCall(ValType in, ValType out, String owner, String name) {
        v.pop(in);
        v.push(out);
        e.invokeStatic(owner, name, "(" + desc(in) + ")" + desc(out));
    }

    private void convert(ValType from, ValType to, int jvmOpcode) {
        v.pop(from);
        v.push(to);
        e.insn(jvmOpcode);
    }

    private void widenTopToI64() {
        v.pop(I32);
        v.push(I64);
        e.insn(I2L);
    }

    private void shift64(int jvmOpcode) {
        v.pop(I64);
        v.pop(I64);
        v.push(I64);
        e.insn(L2I);
        e.insn(jvmOpcode);
    }

    private void rotate64(String name) {
        v.pop(I64);
        v.pop(I64);
        v.push(I64);
        e.insn(L2I);
        e.invokeStatic("java/lang/Long", name, "(JI)J");
    }

    static String desc(ValType t) {
        return t.descriptor();
    }

    static String suffix(ValType t) {
        return switch (t) {
            case I32 -> "I32";
            case I64 -> "I64";
            case F32 -> "F32";
            case F64 -> "F64";
            case V128 -> "V128";
            default -> "Ref";
        };
    }
}
