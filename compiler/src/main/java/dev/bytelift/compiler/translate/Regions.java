package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.RESULTS;
import static dev.bytelift.runtime.ValType.V128;

import java.util.Arrays;
import java.util.BitSet;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.compiler.emit.MethodSink;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.CodeRegistry;
import dev.bytelift.runtime.internal.Scratch;

/**
 * The pieces of a split function (docs/splitting.md). Whenever the method being written grows past
 * the budget, the rest of the innermost block continues in a new method, a "region", which returns
 * an exit code: 0 when it falls through to the block's end (or else), or k + 1 to branch to block k
 * outside it, with the values carried through the scratch area. The region gets the block's
 * operand values as parameters, then the frame arrays, depth and context. At the block's end the
 * calling method calls the region and acts on its exit code; the method state is pushed and popped
 * as a unit ({@link MethodState}).
 */
final class Regions extends TranslatorPart {
    /**
     * A method opens at most this many blocks: the labels of deep nests spread over methods. Each
     * block a method opens can be a destination of a switch in it (8 bytes of lookupswitch) and the
     * end of a region call site (12 bytes): a C switch of thousands of cases opens one block per
     * case, and at 1,024 the method holding shootout-switch's was 20,960 bytes, which HotSpot never
     * compiles. 272 keeps it near 6,600 bytes while branchy's 256-way dispatch stays in one method.
     */
    private static final int MAX_OPEN_BLOCKS = 272;

    private final int budget;
    private int count;
    private final CaseGroups groups;

    /** How many region methods the function was split into so far (0: not split). */
    int count() {
        return count;
    }
    /** In deep-stack mode, a region calls further pieces as siblings until it has this many JVM instructions. */
    private static final int DEEP_SIBLINGS = 1_500;

    Regions(FunctionTranslator t, int budget) {
        super(t);
        this.budget = budget;
        this.groups = new CaseGroups(t);
    }

    /** Whether to continue in a new method before translating operator {@code op}. */
    boolean shouldStart(Op op) {
        if (!fn.isSplit() || !e().live || op == Op.END || op == Op.ELSE) return false;
        // asked before every operator of a split function: the cheap tests first
        if (e().instructionCount() - ms().methodStart <= budget
                && !(op.has(Op.F.BLOCK) && v.depth() - 1 - ms().rootIndex >= MAX_OPEN_BLOCKS)) return false;
        if (fn.exceptions.keepsMethod(op)) return false; // legacy try blocks stay in one method
        // the operand values of the innermost block become the region's parameters: the JVM
        // allows 255 parameter slots, so wait for a point with fewer on the stack
        if (fn.deep != null) return true; // deep-stack mode: regions take no stack values as parameters
        int sliceSlots = 0;
        for (int i = fn.blocks[v.depth() - 1].frame.height; i < v.height(); i++) sliceSlots += v.typeAt(i).slots();
        return sliceSlots <= 200;
    }

    /**
     * Continues the rest of the innermost block in a new method: a sibling of the region being
     * written when that region is at its own root block and its caller still has room for another
     * call site (it may grow to half its budget past it: it started the region because it had
     * reached the budget); the region then ends here with exit 0, its operand values carried
     * through the scratch, and the caller calls the next one. Otherwise a child. Children alone made a long run of
     * straight-line code a chain of regions each calling the next, one JVM frame per piece: a 10 MiB
     * function nested about 3,000 frames and overflowed a 1 MiB thread stack. With siblings the
     * pieces form a tree in which each level holds a hundred or more of them.
     */
    void startNext() {
        MethodState s = ms();
        if (fn.deep != null) {
            // deep-stack mode: the operand values stay in the frame's spill area, nothing is carried
            fn.deep.spillAll();
            // (a caller of a few region calls is small whatever the budget: a long run of pieces
            // must form a shallow tree even when every function is split finely)
            if (s.isRegion() && v.depth() - 1 == s.rootIndex
                    && s.outer.e.instructionCount() - s.outer.methodStart <= Math.max(budget + budget / 2, DEEP_SIBLINGS)) {
                finish(new ValType[0], false);
            }
            start();
            return;
        }
        int base = fn.blocks[v.depth() - 1].frame.height;
        ValType[] slice = new ValType[v.height() - base];
        for (int i = 0; i < slice.length; i++) slice[i] = v.typeAt(base + i);
        // the values go back through the scratch, which always has Scratch.MIN_RESULT_SLOTS (more
        // only as the module's types need: see CompiledModuleImpl)
        int scratchSlots = 0;
        for (ValType t : slice) scratchSlots += t == V128 ? 2 : 1;
        boolean fits = scratchSlots <= Scratch.MIN_RESULT_SLOTS;
        if (s.isRegion() && v.depth() - 1 == s.rootIndex && e().stackBase() == s.base && fits
                && s.outer.e.instructionCount() - s.outer.methodStart <= budget + budget / 2) {
            // as at a block's end, the values the region returns are off the stack while the call
            // site is written (its stack-map frames), and back on it after
            v.pop(slice);
            finish(slice, false);
            v.push(slice);
        }
        start();
    }

    /** Continues the rest of the innermost block in a new method called from the current one. */
    void start() {
        MethodState caller = ms();
        int root = v.depth() - 1;
        int base = fn.blocks[root].frame.height;
        // (deep-stack mode: the JVM stack was spilled, the region takes no operand values)
        int sliceFrom = fn.deep != null ? v.height() : base;
        ValType[] slice = new ValType[v.height() - sliceFrom];
        StringBuilder d = new StringBuilder("(");
        for (int i = 0; i < slice.length; i++) {
            slice[i] = v.typeAt(sliceFrom + i);
            d.append(slice[i].descriptor());
        }
        d.append("[J[Ljava/lang/Object;IL").append(CTX).append(';');
        for (PersistentLong p : caller.persistent) if (p.passedToRegions()) d.append('J');
        d.append(")I");
        // a case group takes its entry code first (CaseGroups); a region the caller does not call
        // itself gets the hooks before each call where it is called
        boolean group = slice.length == 0 && groups.opensGroup(MAX_OPEN_BLOCKS);
        if (group) d.insert(1, 'I');
        boolean driven = groups.drives(caller);
        if (!driven) {
            for (PersistentLong p : caller.persistent) p.beforeRegionCall(caller.e);
            for (Instrumentation ins : caller.instrumentation) ins.beforeRegionCall(caller.e, fn);
        }
        String name = fn.mc.methodName(fn.funcIndex) + CodeRegistry.REGION_MARKER + (count++);
        MethodSink.Opened opened = fn.sink.open(fn.mc.owner(fn.funcIndex), name, d.toString());

        MethodState s = new MethodState(caller, new CodeEmitter(opened.mv()), fn.newInstrumentation());
        s.owner = opened.owner();
        s.name = name;
        s.desc = d.toString();
        s.mv = opened.mv();
        s.base = base;
        s.driven = driven;
        s.chainLength = driven ? caller.chainLength + 1 : 1;
        fn.ms = s;
        opened.mv().visitCode();
        Object[] buf = new Object[4];
        int slot = 0;
        if (group) {
            s.entrySlot = slot++;
            s.frameLocals.add(INTEGER);
        }
        int[] sliceSlots = new int[slice.length];
        for (int i = 0; i < slice.length; i++) {
            sliceSlots[i] = slot;
            slot += slice[i].slots();
            int n = CodeEmitter.addFrameType(buf, 0, slice[i]);
            s.frameLocals.addAll(Arrays.asList(buf).subList(0, n));
        }
        s.lSlot = slot++;
        s.frameLocals.add("[J");
        s.rSlot = slot++;
        s.frameLocals.add("[Ljava/lang/Object;");
        s.depthSlot = slot++;
        s.frameLocals.add(INTEGER);
        s.ctxSlot = slot++;
        s.frameLocals.add(CTX);
        s.longArguments = new int[caller.persistent.size()];
        for (int i = 0; i < s.longArguments.length; i++) {
            s.longArguments[i] = -1;
            if (!caller.persistent.get(i).passedToRegions()) continue;
            s.longArguments[i] = slot;
            slot += 2;
            s.frameLocals.add(LONG);
        }
        if (fn.cachesMemory()) {
            s.memSlot = slot;
            slot += 2;
            s.frameLocals.add("[B");
            s.frameLocals.add(INTEGER);
        }
        slot = fn.memoryCaches.layOut(s, slot, s.frameLocals);
        s.brIndexSlot = slot++;
        s.frameLocals.add(INTEGER);
        s.extraLocals.add(new Object[] {INTEGER, s.brIndexSlot});
        s.nextSlot = slot;
        for (Instrumentation ins : s.instrumentation) ins.declareLocals(fn);
        s.e.setFrameLocals(s.frameLocals.toArray(), s.nextSlot);
        s.e.setStackBase(sliceFrom);
        s.rootIndex = root;
        s.exitCodes = new BitSet();
        s.methodStart = s.e.instructionCount();
        fn.initExtraLocals();
        fn.reloadMemory();
        for (Instrumentation ins : s.instrumentation) ins.methodEntry(s.e, fn);
        for (int i = 0; i < slice.length; i++) s.e.load(slice[i], sliceSlots[i]);
        if (group) s.topEnd = s.e.instructionCount();
    }

    /**
     * The region's root block reached its end (or else) with {@code results}: finishes the region
     * and, in the calling method, calls it and acts on its exit code.
     */
    void finish(ValType[] results, boolean functionRoot) {
        MethodState region = ms();
        if (e().live) exitWith(functionRoot ? 1 : 0, results);
        emitPads();
        for (Instrumentation ins : region.instrumentation) ins.functionExit(e(), fn);
        region.exceptionRanges.emit(e());
        region.mv.visitMaxs(0, 0);
        region.mv.visitEnd();
        fn.sink.closed(region.owner, e().constants());
        BitSet codes = region.exitCodes;
        boolean regionChangedMemory = region.mayChangeMemory;

        fn.ms = region.outer;
        MethodState s = ms();
        s.mayChangeMemory |= regionChangedMemory;
        if (fn.deep != null) s.e.setStackBase(v.height()); // it called the region with its JVM stack spilled
        CodeEmitter e = s.e;
        // the call site: a case group's entry stands for the region's exit code (CaseGroups), a
        // driver calls the groups the region stands for, other methods call it
        boolean called = !region.driven && region.drive == null;
        if (region.driven) {
            e.varInsn(ILOAD, s.entrySlot);
            s.drive = region;
        } else if (region.drive != null) {
            groups.drive(s, region);
        } else {
            if (region.entrySlot >= 0) e.iconst(0);
            if (regionChangedMemory) fn.dropMemoryCache();
            invoke(s, region);
        }
        // codes of blocks whose labels are in this method (or 0) get a case; any other code is for a
        // method further out: pass it on (its carried values are in the scratch already)
        // (bit sets: a br_table to thousands of outer blocks passes its codes through every
        // enclosing region, so this must not cost a tree insertion per code and region)
        int firstOwn = s.rootIndex + 2;
        BitSet own = (BitSet) codes.clone();
        own.clear(1, firstOwn);
        int next = codes.nextSetBit(1);
        boolean passOn = next >= 1 && next < firstOwn;
        int[] keys = setBits(own);
        boolean zero = keys.length > 0 && keys[0] == 0;
        ExitPad pad = padFor(s, keys, passOn);
        // the cache is reloaded where it is next used (or in the pad, which jumps to placed labels);
        // a case group loaded it on entry, when its child had returned
        if (regionChangedMemory && !region.driven) s.memoryStale = true;
        if (called) {
            for (PersistentLong p : s.persistent) p.afterRegionCall(e);
            for (Instrumentation ins : s.instrumentation) ins.afterRegionCall(e, fn);
        }
        if (codes.isEmpty()) {
            // the region never returns normally (it always traps or loops forever)
            e.insn(POP);
            throwTrap("UNREACHABLE");
            e.live = false;
            return;
        }
        if (passOn) {
            BitSet passed = (BitSet) codes.clone();
            passed.clear(0);
            passed.clear(firstOwn, Math.max(firstOwn, passed.length()));
            s.exitCodes.or(passed);
        }
        if (keys.length == 0) {
            // every exit is for a method further out: return the code as it is (a switch with no
            // cases would cost 11 bytes more per call site, and an interpreter loop has thousands)
            beforeExit();
            e.insn(IRETURN);
            e.live = false;
            return;
        }
        if (pad != null) {
            pad.reloadMemory |= s.memoryStale;
            if (zero) {
                e.insn(DUP);
                e.jump(IFNE, pad.entry);
                e.insn(POP);
                loadCarried(results);
            } else {
                e.jump(GOTO, pad.entry);
                e.live = false;
            }
            return;
        }
        Label[] labels = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) labels[i] = new Label();
        if (!passOn && compactDispatch(keys, results)) return;
        Label pass = passOn ? new Label() : null;
        e.insn(DUP);
        SwitchTree.lookup(e, pass != null ? pass : labels[0], keys, labels, l -> e.targetWithInt(l, v));
        if (pass != null) {
            e.targetWithInt(pass, v);
            beforeExit();
            e.insn(IRETURN);
        }
        // every exit but the fall-through branches away; the fall-through comes last
        for (int i = keys.length - 1; i >= 0; i--) {
            if (keys[i] == 0) continue;
            e.live = true;
            e.targetWithInt(labels[i], v);
            e.insn(POP);
            branchCarrying(fn.blocks[keys[i] - 1]);
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
     * The shared dispatch ({@link ExitPad}) a call site in {@code s} can jump to with its region's
     * exit code, or null when it keeps its own: when some own code is not a plain jump (it carries
     * values, drops stack values or returns from the function), when the stack holds values of this
     * method under the code, or when at most one code other than 0 can occur (an {@code ifeq} or
     * {@code goto} at the call site is as small, and keeps its branch profile to itself).
     */
    private ExitPad padFor(MethodState s, int[] keys, boolean passOn) {
        if (v.height() != s.base) return null;
        int first = keys.length > 0 && keys[0] == 0 ? 1 : 0;
        if (keys.length - first + (passOn ? 1 : 0) < 2) return null;
        int[] codes = Arrays.copyOfRange(keys, first, keys.length);
        Label[] targets = new Label[codes.length];
        Block[] blocks = new Block[codes.length];
        for (int i = 0; i < codes.length; i++) {
            Block b = blocks[i] = fn.blocks[codes[i] - 1];
            if (b.frame.kind == FuncValidator.FUNCTION || b.frame.labelTypes().length != 0
                    || b.frame.height != v.height()) return null;
            if (b.frame.kind == FuncValidator.LOOP) {
                targets[i] = b.loopStart;
            } else {
                if (b.end == null) b.end = new Label();
                targets[i] = b.end;
            }
        }
        // the open blocks of this method: indices (rootIndex, depth - 1]
        ExitPad pad = null;
        for (int i = s.pads.size() - 1; i >= Math.max(0, s.pads.size() - 8) && pad == null; i--) {
            if (s.pads.get(i).accepts(blocks, targets, fn.blocks, s.rootIndex, v.depth() - 1)) pad = s.pads.get(i);
        }
        if (pad == null) s.pads.add(pad = new ExitPad(fn.blocksOpened));
        for (int code : codes) ControlLowering.labelOf(fn.blocks[code - 1]); // marks the block ends used
        pad.add(codes, targets);
        pad.passOn |= passOn;
        return pad;
    }

    /** Emits the exit pads of the method being written, at its end (after its last instruction). */
    void emitPads() {
        MethodState s = ms();
        CodeEmitter e = s.e;
        if (s.pads.isEmpty()) return;
        for (ExitPad pad : s.pads) {
            e.live = true;
            e.targetWithStack(pad.entry, INTEGER);
            if (pad.reloadMemory) fn.reloadMemory();
            int[] keys = new int[pad.targets.size()];
            Label[] labels = new Label[keys.length];
            int k = 0;
            for (java.util.Map.Entry<Integer, Label> t : pad.targets.entrySet()) {
                keys[k] = t.getKey();
                labels[k++] = t.getValue();
            }
            if (keys.length > 0) {
                Label pass = pad.passOn ? new Label() : null;
                if (pass != null) {
                    // codes below the method's first own block are for a method further out
                    e.insn(DUP);
                    e.iconst(s.rootIndex + 2);
                    e.jump(IF_ICMPLT, pass);
                }
                SwitchTree.lookup(e, labels[0], keys, labels, l -> e.targetWithStack(l, INTEGER));
                if (pass == null) continue;
                e.targetWithStack(pass, INTEGER);
            }
            beforeExit();
            e.insn(IRETURN);
        }
        e.live = false;
    }

    /**
     * Acts on a region's exit code (on the stack) without a switch when only one or two codes can
     * occur, which keeps the calling method small: returns false if it cannot.
     */
    private boolean compactDispatch(int[] keys, ValType[] results) {
        if (keys.length == 1) {
            e().insn(POP);
            if (keys[0] == 0) {
                loadCarried(results);
            } else {
                branchCarrying(fn.blocks[keys[0] - 1]);
                e().live = false;
            }
            return true;
        }
        if (keys.length == 2 && keys[0] == 0) {
            Label zero = new Label();
            e().jump(IFEQ, zero);
            branchCarrying(fn.blocks[keys[1] - 1]);
            e().live = true;
            e().target(zero, v);
            loadCarried(results);
            return true;
        }
        return false;
    }

    /** Branches to {@code b} with the values its label carries, which a region left in the scratch. */
    private void branchCarrying(Block b) {
        ValType[] carried = b.frame.labelTypes();
        if (fn.deep != null && DeepStack.isWide(carried)) {
            fn.deep.jumpInPlace(b); // the region left them at their place in the spill area
            return;
        }
        loadCarried(carried);
        fn.control.branchTo(b, v.height() + carried.length);
    }

    /** Leaves the region with exit {@code code}, the {@code carried} values from the stack in the scratch. */
    void exitWith(int code, ValType[] carried) {
        storeCarried(carried);
        beforeExit();
        e().iconst(code);
        e().insn(IRETURN);
        ms().exitCodes.set(code);
    }

    /**
     * Before the region being written returns an exit code to the method that called it: hands the
     * persistent longs back (instrumentation has no hook here: the function does not return).
     */
    void beforeExit() {
        for (PersistentLong p : ms().persistent) p.beforeRegionExit(e());
    }

    /** Moves the {@code carried} values from the top of the stack into the scratch. */
    void storeCarried(ValType[] carried) {
        if (fn.deep != null && DeepStack.isWide(carried)) return; // in place in the spill area
        int[] slots = carriedSlots(carried);
        for (int i = carried.length - 1; i >= 0; i--) {
            ValType t = carried[i];
            e().varInsn(ALOAD, ms().ctxSlot);
            e().iconst(slots[i]);
            e().invokeStatic(RESULTS, Descriptors.resultPut(t), Descriptors.resultPutDesc(t));
        }
    }

    /** Pushes the {@code carried} values from the scratch. */
    private void loadCarried(ValType[] carried) {
        if (fn.deep != null && DeepStack.isWide(carried)) {
            // in place in the spill area, above the validator's height (it pushes them next)
            e().setStackBase(v.height() + carried.length);
            return;
        }
        int[] slots = carriedSlots(carried);
        for (int i = 0; i < carried.length; i++) {
            ValType t = carried[i];
            if (t == V128) {
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slots[i]);
                e().invokeStatic(RESULTS, "getV128Lo", "(L" + CTX + ";I)J");
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slots[i]);
                e().invokeStatic(RESULTS, "getV128Hi", "(L" + CTX + ";I)J");
            } else {
                e().varInsn(ALOAD, ms().ctxSlot);
                e().iconst(slots[i]);
                e().invokeStatic(RESULTS, Descriptors.resultGet(t), Descriptors.resultGetDesc(t));
            }
        }
    }

    /** The set bits of {@code b}, ascending (a loop: no stream pipeline per region call). */
    private static int[] setBits(BitSet b) {
        int[] out = new int[b.cardinality()];
        int n = 0;
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) out[n++] = i;
        return out;
    }

    /** The scratch slot of each carried value (a v128 takes two). */
    private static int[] carriedSlots(ValType[] carried) {
        int[] slots = new int[carried.length];
        int slot = 0;
        for (int i = 0; i < carried.length; i++) {
            slots[i] = slot;
            slot += carried[i] == V128 ? 2 : 1;
        }
        return slots;
    }

    /**
     * Calls {@code region} from method {@code s}, its entry (if any) already pushed: the frame
     * arrays, the depth plus this method's frame, the context and the counters passed to regions.
     * Every region call site (an ordinary one, a case-group driver's) goes through here.
     */
    static void invoke(MethodState s, MethodState region) {
        CodeEmitter e = s.e;
        e.varInsn(ALOAD, s.lSlot);
        e.varInsn(ALOAD, s.rSlot);
        e.varInsn(ILOAD, s.depthSlot);
        e.addFrameSize(s.owner, s.name); // the region's frame sits on this one
        e.varInsn(ALOAD, s.ctxSlot);
        for (PersistentLong p : s.persistent) if (p.passedToRegions()) p.pushArgument(e);
        e.invokeStatic(region.owner, region.name, region.desc);
    }
}
