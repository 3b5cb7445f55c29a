package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMORY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.compiler.emit.MethodSink;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.compiler.validate.BodyValidator;
import dev.bytelift.compiler.validate.ControlValidator;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.LocalTypes;
import dev.bytelift.compiler.validate.OperatorValidator;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;

/**
 * Validates and translates one function body to JVM bytecode in a single pass. This class is the
 * driver: it reads each operator with its immediates, keeps line numbers and reachability, calls
 * the instrumentation seam, starts a new piece of a split function when one is due
 * ({@link Regions}), and hands the operator to the lowering of its family ({@link Op.Family}:
 * {@link ControlLowering}, {@link NumericLowering}...). The WebAssembly operand stack is the JVM
 * operand stack; locals live in a {@link LocalStorage}.
 */
public final class FunctionTranslator implements Opcodes {
    final ModuleLayout mc;
    final ModuleInfo m;
    final int funcIndex;
    final FuncType type;
    final ByteReader in;
    /** Reads each operator with its immediates (from {@link #in}, after the locals). */
    final OperatorReader r;
    final FuncValidator v = new FuncValidator();
    /** The validation rules each operator's lowering applies first. */
    final OperatorValidator ops;
    final ControlValidator ctl;
    final MethodSink sink;
    /** What the module may use (the skimmer checked all but block types' arity). */
    final Features features;
    private final List<Instrumentation.Factory> factories;
    private final int bodyStart;
    private final boolean usesMemory;
    private final boolean bounded;
    /** The caches of memories other than 0 (multi-memory), known once the locals are read. */
    MemoryCaches memoryCaches = MemoryCaches.NONE;
    /** Translator state of each open control frame, by depth. */
    Block[] blocks = new Block[8];
    LocalStorage locals;
    /** The declared locals the body names, when only those are kept ({@link UsedLocals}); else null. */
    private UsedLocals usedLocals;
    /** Whether this function is split over several JVM methods (see {@link Regions}). */
    private boolean split;
    private final boolean largeBody;
    private int entryConstants;
    /** The method being written: the function's own, or a region. */
    MethodState ms;
    /** A comparison whose operands are on the stack, to be fused with the {@code br_if}/{@code if} after it, or null. */
    private Op pendingCondition;

    final Regions regions;
    final ControlLowering control;
    final LoopHeaders loopHeaders;
    final MemoryLowering memory;
    final ExceptionLowering exceptions;
    /** The stack shape of a function in deep-stack mode, else null (see {@link DeepStack}). */
    private final BodyValidator.StackShape deepShape;
    /** Deep-stack mode's translation of the operand stack, or null for an ordinary function. */
    DeepStack deep;
    /** Which operands Wasmtime sees as constants, for fuel (bulk operators' lengths); null without fuel. */
    final WasmtimeConstants wasmtimeConstants;
    /** The lowering of each operator family, by the family's ordinal. */
    private final Lowering[] lowerings = new Lowering[Op.Family.values().length];

    public FunctionTranslator(ModuleLayout mc, int funcIndex, MethodVisitor mv, List<Instrumentation.Factory> factories,
            MethodSink sink) {
        this.mc = mc;
        this.m = mc.info;
        this.funcIndex = funcIndex;
        this.type = m.funcType(funcIndex);
        ModuleInfo.FunctionBody body = m.bodies.get(funcIndex - m.importedFuncs);
        this.in = new ByteReader(m.bytes, body.start(), body.end());
        this.r = new OperatorReader(in, null, this::heapType);
        this.bodyStart = body.start();
        this.usesMemory = body.usesMemory();
        this.bounded = body.bounded();
        this.factories = factories;
        this.sink = sink;
        this.features = Features.of(mc.engine.config().features());
        this.ops = new OperatorValidator(v, m, r, features, results());
        this.ctl = new ControlValidator(ops);
        this.ms = new MethodState(null, new CodeEmitter(mv), newInstrumentation());
        this.wasmtimeConstants = mc.engine.config().consumeFuel() ? new WasmtimeConstants(m) : null;
        ms.owner = mc.owner(funcIndex); // the stack limit's frame size (emit.FrameSizes) names the method
        ms.name = dev.bytelift.compiler.emit.TailCallEmitter.bodyName(mc, funcIndex);
        SplitPolicy policy = SplitPolicy.of(body, mc.engine.config());
        this.split = policy.split();
        this.deepShape = DeepStack.probe(m, funcIndex, features);
        if (deepShape != null) split = true;
        this.largeBody = body.end() - body.start() > EngineConfig.DEFAULT_SPLIT_FUNCTIONS_OVER;
        this.regions = new Regions(this, policy.regionBudget());
        this.control = new ControlLowering(this);
        this.loopHeaders = new LoopHeaders(this);
        this.memory = new MemoryLowering(this);
        lowerings[Op.Family.CONTROL.ordinal()] = control;
        lowerings[Op.Family.CALL.ordinal()] = new CallLowering(this);
        lowerings[Op.Family.PARAMETRIC.ordinal()] = new ParametricLowering(this);
        lowerings[Op.Family.VARIABLE.ordinal()] = new VariableLowering(this);
        lowerings[Op.Family.TABLE.ordinal()] = new TableLowering(this);
        lowerings[Op.Family.MEMORY.ordinal()] = memory;
        lowerings[Op.Family.NUMERIC.ordinal()] = new NumericLowering(this);
        lowerings[Op.Family.REFERENCE.ordinal()] = new ReferenceLowering(this);
        lowerings[Op.Family.SIMD.ordinal()] = new SimdLowering(this);
        this.exceptions = new ExceptionLowering(this);
        lowerings[Op.Family.EXCEPTION.ordinal()] = exceptions;
    }

    List<Instrumentation> newInstrumentation() {
        List<Instrumentation> list = new ArrayList<>(factories.size());
        for (Instrumentation.Factory f : factories) list.add(f.create());
        return list;
    }

    // ==== what instrumentation asks of the method being written

    /** Constant-pool entries the function's own method needs (for the class bookkeeping). */
    public int constantsOfEntryMethod() {
        return entryConstants;
    }

    /** How many region methods the function was split into (0: one method), for the compile statistics. */
    public int regionCount() {
        return regions.count();
    }

    public int depthSlot() {
        return ms.depthSlot;
    }

    public int ctxSlot() {
        return ms.ctxSlot;
    }

    /**
     * Reserves a permanent local (declared in every stack-map frame, initialised to zero/null in
     * the prologue) of verification type {@code frameType} ({@code Opcodes.LONG}, an internal
     * class name...) taking {@code slots} slots; returns its slot. Only from
     * {@link Instrumentation#declareLocals}.
     */
    public int addLocal(Object frameType, int slots) {
        int slot = ms.nextSlot;
        ms.nextSlot += slots;
        ms.frameLocals.add(frameType);
        ms.extraLocals.add(new Object[] {frameType, slot});
        return slot;
    }

    /**
     * Reserves a local of the method being written that caches a value kept elsewhere (filled by
     * instrumentation on entry), like {@link #addLocal}; or returns -1 when this function's methods
     * do not cache (its code is spread over many methods that would each fill it): instrumentation
     * then reads the value where it needs it. Only from {@link Instrumentation#declareLocals}.
     */
    public int addCacheLocal(Object frameType, int slots) {
        return locals.cachesValues() ? addLocal(frameType, slots) : -1;
    }

    /**
     * A {@code long} named {@code key} that lives for the whole activation of the function, in
     * every method its code is spread over (see {@link PersistentLong}): this method's view of it.
     * Only from {@link Instrumentation#declareLocals}, in the same order in every method.
     */
    public PersistentLong persistentLong(String key) {
        PersistentLong p = locals.persistentLong(key);
        if (ms.persistent.isEmpty()) ms.persistent = new ArrayList<>(2);
        ms.persistent.add(p);
        return p;
    }

    /**
     * Registers a catch-all handler of instrumentation for the code from {@code start} to
     * {@code end} of the method being written: inside any handler of the function's own
     * (frame-stack restore), outside any of WebAssembly code (see {@link ExceptionRanges}).
     */
    public void addCatchAll(Label start, Label end, Label handler) {
        ms.exceptionRanges.add(ExceptionRanges.INSTRUMENTATION, start, end, handler, null);
    }

    /**
     * Places {@code target} here as a jump target for instrumentation code (a check's fast path
     * joining its slow path), with the stack-map frame of the current operand stack.
     */
    public void placeTarget(Label target) {
        ms.e.target(target, v);
    }

    /**
     * Whether each run of this function is bounded by its size: no loops, no calls of any kind, a
     * short body ({@link ModuleInfo.FunctionBody#bounded}).
     */
    public boolean bounded() {
        return bounded;
    }

    /** Whether this function is split over several methods, its locals in frame arrays (see {@link Regions}). */
    boolean isSplit() {
        return split;
    }

    /**
     * Whether the body has more than {@link EngineConfig#DEFAULT_SPLIT_FUNCTIONS_OVER} bytes: split,
     * its methods may call very many pieces (whatever the engine's own split threshold).
     */
    boolean hasLargeBody() {
        return largeBody;
    }

    /** Where Wasm local {@code i} is in {@link #locals} (valid locals only). */
    int local(int i) {
        return usedLocals == null ? i : usedLocals.index(i);
    }

    // ==== function structure

    /** Translates the whole body into the method visitor (between visitCode and visitMaxs). */
    public void translate() {
        readLocals();
        if (m.memories.size() > 1 && usesMemory) memoryCaches = MemoryCaches.scan(in, m.memories.size());
        prologue();
        v.pushFrame(FuncValidator.FUNCTION, new ValType[0], results());
        Block fb = block(0);
        fb.startReachable = true;
        fb.end = null;
        while (v.depth() > 0) {
            if (in.atEnd()) throw in.malformed("END opcode expected");
            translateOperator();
        }
        if (!in.atEnd()) throw in.malformed("section size mismatch");
        regions.emitPads();
        for (Instrumentation ins : ms.instrumentation) ins.functionExit(ms.e, this);
        locals.functionExit();
        ms.exceptionRanges.emit(ms.e);
        entryConstants = ms.e.constants();
    }

    /** The function's result types. */
    ValType[] results() {
        return type.results().toArray(new ValType[0]);
    }

    /** Type {@code index} as a heap type (in a typed reference of the body): "unknown type" if none. */
    HeapType heapType(int index, int at) {
        if (Integer.compareUnsigned(index, m.types.size()) >= 0) throw new InvalidModuleException("unknown type", at);
        return m.heapType(index);
    }

    private void readLocals() {
        LocalTypes declared = LocalTypes.read(in, type, this::heapType);
        ops.setLocals(declared);
        if (wasmtimeConstants != null) wasmtimeConstants.zeroLocals(declared);
        usedLocals = UsedLocals.scan(m.bytes, in.pos(), in.limit(), declared);
        ValType[] localTypes = usedLocals == null ? declared.toArray() : usedLocals.types(declared);
        if (localTypes.length > 2000) split = true; // zeroing them would take most of a method, and JVM slots run out
        locals = split ? new FrameArrayLocals(this, localTypes) : new JvmLocals(this, localTypes);
        if (deepShape != null) deep = DeepStack.create(this, (FrameArrayLocals) locals, deepShape);
    }

    /**
     * Checks that function {@code funcIndex} of type {@code type} has few enough parameters for a
     * JVM method, the one limit of the translation lazy compilation checks when validating.
     */
    public static void checkParameterSlots(FuncType type, int funcIndex) {
        int paramSlotCount = 2; // depth, ctx
        for (int i = 0; i < type.paramCount(); i++) paramSlotCount += type.param(i).slots();
        if (paramSlotCount > 255) {
            // the JVM allows 255 parameter slots per method (a long or double takes two)
            throw new WasmException("function " + funcIndex + " has more parameters than a JVM method can take ("
                    + paramSlotCount + " slots, the limit is 255)");
        }
    }

    /**
     * Lays out JVM locals (params, depth, ctx, declared locals or frame arrays, memory cache,
     * instrumentation's locals) and initialises them.
     */
    private void prologue() {
        checkParameterSlots(type, funcIndex);
        List<Object> frame = ms.frameLocals;
        Object[] buf = new Object[4];
        int slot = 0;
        int[] paramSlots = new int[type.paramCount()];
        for (int i = 0; i < type.paramCount(); i++) {
            paramSlots[i] = slot;
            slot += type.param(i).slots();
            int n = CodeEmitter.addFrameType(buf, 0, type.param(i));
            frame.addAll(Arrays.asList(buf).subList(0, n));
        }
        ms.depthSlot = slot++;
        frame.add(INTEGER);
        ms.ctxSlot = slot++;
        frame.add(CTX);
        slot = locals.layOut(slot, paramSlots);
        if (cachesMemory()) {
            ms.memSlot = slot;
            slot += 2;
            frame.add("[B");
            frame.add(INTEGER);
        }
        slot = memoryCaches.layOut(ms, slot, frame);
        ms.nextSlot = slot;
        for (Instrumentation ins : ms.instrumentation) ins.declareLocals(this);
        slot = ms.nextSlot;
        if (slot > 65000) throw new WasmException("function needs more JVM locals than a method allows");
        ms.e.setFrameLocals(frame.toArray(), slot);
        ms.e.line(1); // the prologue (and its stack check) reports the function body's offset
        locals.initialise(paramSlots);
        initExtraLocals();
        reloadMemory();
        for (Instrumentation ins : ms.instrumentation) ins.functionEntry(ms.e, this);
    }

    /** Zeroes the permanent locals instrumentation (and regions) asked for. */
    void initExtraLocals() {
        CodeEmitter e = ms.e;
        for (Object[] x : ms.extraLocals) {
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

    /** Whether the function's methods cache memory 0's array in a local (it has one and uses it). */
    boolean cachesMemory() {
        return mc.hasMemory() && usesMemory && memoryCaches.usesMemory0;
    }

    /*
     * The memory cache is reloaded lazily: whatever may grow memory (a call, memory.grow, a region
     * call) only marks it stale, and the next access reloads it. Control flow carries the mark: a
     * branch to a block's end adds it to the block's (Block.endStale), an if's else arm starts with
     * the if's, a loop header always has a fresh cache (its entry and back edges reload a stale one).
     * A call, then a branch, used to reload right after the call: SQLite's interpreter loop had 190
     * such sites of 10 bytes each in one method.
     */

    /**
     * Reloads the memory cache now (function and region entry, exit pads, before a jump to a loop
     * header): the array and the size, both read from the one {@code VMMemory}
     * ({@link MemoryCaches#arrayAndSize}).
     */
    void reloadMemory() {
        memoryCaches.reload(ms);
        if (ms.memSlot < 0) return;
        ms.e.varInsn(ALOAD, ms.ctxSlot);
        ms.e.field(GETFIELD, CTX, "memory", Descriptors.MEMORY_TYPE);
        MemoryCaches.arrayAndSize(ms);
        ms.e.varInsn(ISTORE, ms.memSlot + 1);
        ms.e.varInsn(ASTORE, ms.memSlot);
    }

    /**
     * Before a call that may grow memory: the cache lets go of the array, so that while the callee
     * runs no frame but the memory's own holds it (a grown memory's old array is garbage at once;
     * frames of the bytecode interpreter keep every reference local reachable, live or not). The
     * call marks the cache stale ({@link #memoryMayHaveGrown}), so it is reloaded before its next use.
     * A stale cache needs nothing: everything that makes it stale drops it first (calls, region
     * calls, {@code memory.grow}), so it holds null, or the current array where control flow merged
     * a fresh path (rust-compression's peak heap: 164 MB live with 49 MB of memory before, 50 MB after).
     */
    void dropMemoryCache() {
        if (ms.memoryStale) return;
        if (ms.memSlot >= 0) {
            ms.e.insn(ACONST_NULL);
            ms.e.varInsn(ASTORE, ms.memSlot);
        }
        if (ms.memSlots != null) {
            for (int slot : ms.memSlots) {
                if (slot < 0) continue;
                ms.e.insn(ACONST_NULL);
                ms.e.varInsn(ASTORE, slot);
            }
        }
    }

    /** After anything that may have grown memory: the cache is reloaded before its next use. */
    void memoryMayHaveGrown() {
        ms.mayChangeMemory = true;
        ms.memoryStale = true;
    }

    /** Makes the memory cache up to date here (before a merge point that needs it so). */
    void freshenMemory() {
        if (!ms.memoryStale) return;
        reloadMemory();
        ms.memoryStale = false;
    }

    /**
     * Pushes memory 0's array and size in bytes (what every helper taking a memory takes): the
     * cache, reloaded first if it may be stale.
     */
    void loadMemoryArray() {
        if (ms.memSlots != null) {
            loadMemoryArray(0);
            return;
        }
        if (ms.memoryStale && ms.memSlot >= 0) {
            ms.e.varInsn(ALOAD, ms.ctxSlot);
            ms.e.field(GETFIELD, CTX, "memory", Descriptors.MEMORY_TYPE);
            MemoryCaches.arrayAndSize(ms);
            ms.e.insn(DUP2);
            ms.e.varInsn(ISTORE, ms.memSlot + 1);
            ms.e.varInsn(ASTORE, ms.memSlot);
            ms.memoryStale = false;
            return;
        }
        ms.e.varInsn(ALOAD, ms.memSlot);
        ms.e.varInsn(ILOAD, ms.memSlot + 1);
    }

    /** Pushes memory {@code k}'s size in bytes (for {@code memory.size}). */
    void loadMemorySize(int k) {
        loadMemoryArray(k);
        ms.e.insn(SWAP);
        ms.e.insn(POP);
    }

    /**
     * Pushes memory {@code k}'s array and size (multi-memory): its cache, all caches reloaded first
     * if they may be stale ({@link MemoryCaches}).
     */
    void loadMemoryArray(int k) {
        if (k == 0 && ms.memSlots == null) {
            loadMemoryArray();
            return;
        }
        int slot = MemoryCaches.slot(ms, k);
        if (slot < 0) {
            MemoryCaches.pushFromContext(ms, k);
            return;
        }
        if (ms.memoryStale) {
            reloadMemory();
            ms.memoryStale = false;
        }
        ms.e.varInsn(ALOAD, slot);
        ms.e.varInsn(ILOAD, slot + 1);
    }

    /**
     * Before a jump to {@code b}'s label from the instruction being written: a block's end takes the
     * cache's staleness, a loop header needs it fresh (reloaded on this path only: the mark stays for
     * the code after a conditional jump).
     */
    void beforeJumpTo(Block b) {
        beforeJump(b, false);
    }

    /**
     * As {@link #beforeJumpTo}, for a jump the code goes on after when it is not taken ({@code br_if},
     * {@code br_table}): a loop header's reload is made before it, serving both paths (as small).
     */
    void beforeConditionalJumpTo(Block b) {
        beforeJump(b, true);
    }

    private void beforeJump(Block b, boolean bothPaths) {
        if (!ms.memoryStale) return;
        if (b.frame.kind == FuncValidator.LOOP) {
            reloadMemory();
            if (bothPaths) ms.memoryStale = false;
        } else {
            b.endStale = true;
        }
    }

    /** How many blocks have been opened so far (their serial numbers). */
    long blocksOpened;

    /** The translator block at depth {@code index}, reset for a frame the validator just pushed. */
    Block block(int index) {
        if (index >= blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
        Block b = blocks[index];
        if (b == null) blocks[index] = b = new Block();
        b.end = null;
        b.loopStart = null;
        b.elseLabel = null;
        b.endUsed = false;
        b.hasElse = false;
        b.endStale = false;
        b.elseStale = false;
        b.paramSlots = null;
        b.stackBase = ms.e.stackBase();
        b.frame = v.innermost();
        b.index = index;
        b.serial = ++blocksOpened;
        return b;
    }

    /** The translator block for branch depth {@code relativeDepth}. */
    Block target(int relativeDepth) {
        v.frame(relativeDepth); // "unknown label" if out of range
        return blocks[v.depth() - 1 - relativeDepth];
    }

    // ==== the driver

    /**
     * Emits the conditional jump of {@code br_if} or {@code if}: taken when the condition is
     * {@code whenTrue}. The condition is the comparison just before when the driver fused them
     * ({@link Conditions}), otherwise the {@code i32} on the stack.
     */
    void jumpOnCondition(boolean whenTrue, org.objectweb.asm.Label target) {
        if (pendingCondition != null) {
            Conditions.jump(ms.e, pendingCondition, whenTrue, target);
            pendingCondition = null;
        } else {
            ms.e.jump(whenTrue ? org.objectweb.asm.Opcodes.IFNE : org.objectweb.asm.Opcodes.IFEQ, target);
        }
    }

    /** The fused comparison's 0/1 after all, through its ordinary lowering. */
    private void materializeCondition() {
        Op op = pendingCondition;
        pendingCondition = null;
        lowerings[op.family().ordinal()].lower(op);
    }

    /** Where the operator being translated and the two before it start (BoundedLoops looks back at them). */
    private int opAt = -1, opAt1 = -1, opAt2 = -1;

    /** Whether the loop whose header is being translated has another loop in its body. */
    boolean loopHasInnerLoop() {
        return BoundedLoops.hasInnerLoop(in.bytes(), in.limit(), opAt);
    }

    /**
     * Whether every iteration of the loop whose header is being translated first calls a function
     * that checks the epoch on entry: a defined function that is not {@linkplain #bounded bounded}
     * ({@link BoundedLoops#callsCheckingFunctionFirst}).
     */
    boolean loopCallsCheckingFunction() {
        return BoundedLoops.callsCheckingFunctionFirst(in.bytes(), in.limit(), opAt, f -> {
            int body = f - m.importedFuncs;
            return body >= 0 && body < m.bodies.size() && !m.bodies.get(body).bounded();
        });
    }

    /** Whether the loop being entered runs a small fixed number of iterations ({@link BoundedLoops}). */
    boolean loopBounded() {
        return BoundedLoops.bounded(in.bytes(), in.limit(), opAt2, opAt1, opAt);
    }

    private void translateOperator() {
        Op op = r.next(); // with its immediates
        int at = r.offset();
        opAt2 = opAt1;
        opAt1 = opAt;
        opAt = at;
        v.offset = at;
        if (pendingCondition != null && (!Conditions.takesCondition(op.firstByte()) || regions.shouldStart(op))) {
            materializeCondition(); // a region starts here: the comparison's 0/1 is its operand
        }
        if (regions.shouldStart(op)) regions.startNext();
        // (before instrumentation, which may read the operands: fuel for bulk operators)
        if (deep != null) deep.before(op);
        if (wasmtimeConstants != null) wasmtimeConstants.see(op, this); // (every operator, reachable or not)
        if (ms.e.live) {
            if (LineTable.records(op)) ms.e.line(at - bodyStart + 1);
            for (Instrumentation ins : ms.operatorHooks) ins.beforeOperator(ms.e, this, op);
        }
        Lowering lowering = lowerings[op.family().ordinal()];
        if (op.hasSignature()) {
            // typed by the operator table: its operands and results are checked here, once
            ops.typed(op);
            // that is all the validation it has: dead code need not go through its lowering
            if (!ms.e.live) return;
        }
        if (deep == null && Conditions.fusable(op) && Conditions.takesCondition(in.peekU8())) {
            pendingCondition = op; // its operands stay on the stack for the branch's jump
        } else {
            lowering.lower(op);
        }
        if (deep != null) deep.after();
        if (ms.e.live && ms.operatorHooks.length != 0) {
            for (Instrumentation ins : ms.operatorHooks) ins.afterOperator(ms.e, this, op);
        }
        ms.e.releaseTemps();
    }
}
