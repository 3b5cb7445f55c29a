package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FRAME_LOCALS;
import static dev.bytelift.compiler.translate.RuntimeNames.RESULTS;
import static dev.bytelift.runtime.ValType.V128;

import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.validate.BodyValidator;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.FuncValidator.Frame;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Deep-stack mode (docs/splitting.md, "Operand stacks and results beyond one method"): the
 * translation of a function whose operand stack holds thousands of values at once, or whose blocks
 * or results carry thousands of values. Such a function is split, and its operand stack lives in a
 * spill area of the split frame (two {@code long[]} entries and one {@code Object[]} entry per
 * validator stack position, after the locals); the JVM operand stack of each method only caches
 * its top, never more than {@link #MAX_JVM_SLOTS} slots:
 *
 * <ul>
 *   <li>at a block's entry everything under its parameters is spilled, so its end label (and a
 *       loop's header) has on the JVM stack only what the label carries; a label carrying more
 *       than {@link #WIDE_SLOTS} slots (a <em>wide</em> one) has nothing there: its values stay in
 *       the spill area at their own positions, and a branch moves them there
 *       ({@code DeepStacks.move}), a return copies them to the scratch in one call;</li>
 *   <li>before an operator pops more values than the JVM stack holds, the missing ones are
 *       reloaded from the spill area (with a few more, so that a long chain of binary operators
 *       reloads once in {@link #RELOAD_AHEAD}); after one, a JVM stack past the bound is spilled;</li>
 *   <li>a region starts with an empty JVM stack: it takes no operand values as parameters (all
 *       pieces share the frame), so a region can start wherever the budget says.</li>
 * </ul>
 *
 * Invariant: the method being written holds validator positions [emitter stack base, height) on
 * its JVM stack, and every position below the base that belongs to the function's open blocks is
 * in the spill area. Ordinary functions never get here: their code is unchanged.
 */
final class DeepStack extends TranslatorPart {
    /** A block with more values than this (or a label of more slots) makes a function deep (if the probe confirms). */
    static final int DEEP_VALUES = 1_000;
    /** After an operator, a method's JVM stack past this many slots is spilled. */
    static final int MAX_JVM_SLOTS = 128;
    /** A label carrying more slots than this keeps its values in the spill area. */
    static final int WIDE_SLOTS = 64;
    /** How many values more than needed a reload brings onto the JVM stack. */
    static final int RELOAD_AHEAD = 32;
    /** Kinds strings are cut into constants of this many characters. */
    private static final int KINDS_CHUNK = 16_384;
    private static final String DEEP_STACKS = RuntimeNames.name(dev.bytelift.runtime.internal.DeepStacks.class);
    /**
     * A test switch: every valid function in deep-stack mode, to check the mode on every shape of
     * code (the spec suites pass with it, split finely, with fuel and epochs: docs/splitting.md).
     */
    private static final boolean EVERYWHERE = Boolean.getBoolean("bytelift.internal.deepStackEverywhere");

    /** The first spill entries in the frame's {@code long[]} and {@code Object[]}. */
    private final int longBase;
    private final int refBase;

    private DeepStack(FunctionTranslator t, int[] bases) {
        super(t);
        this.longBase = bases[0];
        this.refBase = bases[1];
    }

    /**
     * The stack shape of function {@code funcIndex} if it needs deep-stack mode, else null: checked
     * exactly (a validation pass) only for the bodies the skimmer flagged or in modules with very
     * wide types. An invalid body is left to the translation to report.
     */
    static BodyValidator.StackShape probe(ModuleInfo m, int funcIndex, Features features) {
        int body = funcIndex - m.importedFuncs;
        if (!EVERYWHERE && !m.deepStackBodies.get(body) && !m.wideTypes) return null;
        BodyValidator.StackShape shape;
        try {
            shape = new BodyValidator(m, funcIndex, features, t -> { }).stackShape();
        } catch (RuntimeException invalid) {
            return null;
        }
        return EVERYWHERE || shape.maxBlockValues() > DEEP_VALUES || shape.maxLabelSlots() > DEEP_VALUES ? shape : null;
    }

    /** Deep-stack mode for {@code t}, whose split frame gets a spill area of {@code shape.maxHeight()} positions. */
    static DeepStack create(FunctionTranslator t, FrameArrayLocals locals, BodyValidator.StackShape shape) {
        return new DeepStack(t, locals.reserveStack(shape.maxHeight() + 1));
    }

    // ==== the hooks of the driver

    /** Before operator {@code op} (its immediates read, nothing validated): puts the JVM stack in shape. */
    void before(Op op) {
        if (!e().live) return;
        int h = v.height();
        Frame inner = v.innermost();
        switch (op) {
            case BLOCK, LOOP, IF, TRY_TABLE, TRY -> {
                FuncType bt = ctl.blockType();
                int cond = op == Op.IF ? 1 : 0;
                int params = bt.paramCount();
                setBase(isWide(bt.params().toArray(new ValType[0])) ? h - cond : h - params - cond);
            }
            case END, ELSE, CATCH, CATCH_ALL, DELEGATE -> setBase(isWide(inner.results) ? h : inner.height);
            case BR -> ensure(v.frame(r.index()).labelTypes().length);
            case BR_IF, BR_ON_NULL, BR_ON_NON_NULL -> ensure(v.frame(r.index()).labelTypes().length + 1);
            case BR_TABLE -> ensure(v.frame(r.index()).labelTypes().length + 1);
            case RETURN -> ensure(fn.type.resultCount());
            case CALL, RETURN_CALL -> ensure(m.funcType(r.index()).paramCount());
            case CALL_INDIRECT, RETURN_CALL_INDIRECT, CALL_REF, RETURN_CALL_REF -> ensure(m.types.get(r.index()).paramCount() + 1);
            case THROW -> ensure(m.types.get(m.tagTypes.get(r.index())).paramCount());
            default -> ensure(op.hasSignature() ? op.params().length : 4);
        }
    }

    /** After operator {@code op}: spills a JVM stack that grew past the bound. */
    void after() {
        if (!e().live) return;
        int slots = 0;
        for (int i = e().stackBase(); i < v.height(); i++) slots += v.typeAt(i).slots();
        if (slots > MAX_JVM_SLOTS) setBase(v.height());
    }

    /** A block just opened (its translator block made): its end label's layout. */
    void enteredBlock(Block b) {
        b.stackBase = b.frame.height; // what stays under the label is spilled (see before)
    }

    /** The JVM stack at an else arm's start: as at the if's entry. */
    void atElse(Block b) {
        Frame f = b.frame;
        e().setStackBase(isWide(f.params) ? f.height + f.params.length : f.height);
    }

    /** After a block's end (its results pushed): the JVM stack holds them unless they are wide. */
    void afterEnd(Frame f) {
        e().setStackBase(isWide(f.results) ? v.height() : f.height);
    }

    /** Spills the whole JVM stack of the method being written. */
    void spillAll() {
        if (e().live) setBase(v.height());
        else e().setStackBase(v.height());
    }

    /** Whether values of {@code types} on a label stay in the spill area. */
    static boolean isWide(ValType[] types) {
        int slots = 0;
        for (ValType t : types) slots += t.slots();
        return slots > WIDE_SLOTS;
    }

    // ==== branches to wide labels

    /**
     * A branch to {@code b}, whose label is wide, with the stack holding validator positions
     * [0, height), the carried values on top: spills the JVM stack, moves the carried values to
     * their place at the label, and jumps, leaves the region or returns.
     */
    void branchWide(Block b, int height) {
        ValType[] carried = b.frame.labelTypes();
        int saved = e().stackBase();
        int from = height - carried.length;
        for (int i = height - 1; i >= saved; i--) store(i < from ? v.typeAt(i) : carried[i - from], i);
        e().setStackBase(height);
        move(from, b.frame.height, carried.length);
        jumpInPlace(b);
        e().setStackBase(saved); // for the code after a conditional branch
    }

    /** Branches to {@code b}, whose carried values are in place (at its frame's height) already. */
    void jumpInPlace(Block b) {
        if (b.index <= ms().rootIndex) {
            fn.regions.exitWith(b.index + 1, b.frame.labelTypes()); // (wide: nothing to store)
        } else if (b.frame.kind == FuncValidator.FUNCTION) {
            returnInPlace();
        } else {
            fn.beforeJumpTo(b);
            e().jump(GOTO, ControlLowering.labelOf(b));
        }
    }

    /** Returns from the function's own method, the results in the spill area from position 0. */
    void returnInPlace() {
        for (Instrumentation ins : ms().instrumentation) ins.beforeFunctionReturn(e(), fn);
        fn.locals.beforeReturn();
        FuncType type = fn.type;
        int n = type.resultCount();
        for (int first = 1; first < n; first += KINDS_CHUNK) {
            int end = Math.min(n, first + KINDS_CHUNK);
            StringBuilder kinds = new StringBuilder(end - first);
            for (int i = first; i < end; i++) kinds.append(kind(type.result(i)));
            e().varInsn(ALOAD, ms().lSlot);
            e().varInsn(ALOAD, ms().rSlot);
            e().iconst(longBase + 2 * first);
            e().iconst(refBase + first);
            e().iconst(Abi.resultSlot(type, first));
            e().ldc(kinds.toString());
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(DEEP_STACKS, "putResults", "([J[Ljava/lang/Object;IIILjava/lang/String;L" + CTX + ";)V");
        }
        ValType r0 = n == 0 ? null : type.result(0);
        if (r0 != null) load(r0, 0);
        if (r0 == V128) {
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(RESULTS, "returnV128", "(JJL" + CTX + ";)J");
        }
        e().returnValue(r0);
    }

    /**
     * After a call (the validator has its results): a callee with wide results has them go to the
     * spill area, the first from the JVM stack, the others from the scratch in one call per chunk;
     * false (nothing done) for any other callee.
     */
    boolean afterWideCall(FuncType ft) {
        ValType[] results = ft.results().toArray(new ValType[0]);
        if (!isWide(results)) return false;
        int h = v.height(), first = h - results.length;
        if (results[0] == V128) {
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(RESULTS, "v128Hi", "(L" + CTX + ";)J");
        }
        store(results[0], first);
        for (int i = first - 1; i >= e().stackBase(); i--) store(v.typeAt(i), i);
        for (int from = 1; from < results.length; from += KINDS_CHUNK) {
            int end = Math.min(results.length, from + KINDS_CHUNK);
            StringBuilder kinds = new StringBuilder(end - from);
            for (int i = from; i < end; i++) kinds.append(kind(results[i]));
            e().varInsn(ALOAD, ms().lSlot);
            e().varInsn(ALOAD, ms().rSlot);
            e().iconst(longBase + 2 * (first + from));
            e().iconst(refBase + first + from);
            e().iconst(Abi.resultSlot(ft, from));
            e().ldc(kinds.toString());
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(DEEP_STACKS, "takeResults", "([J[Ljava/lang/Object;IIILjava/lang/String;L" + CTX + ";)V");
        }
        e().setStackBase(h);
        return true;
    }

    private static char kind(ValType t) {
        return t.isReference() ? 'r' : t == V128 ? 'v' : 'n';
    }

    /** Moves {@code count} spilled positions from {@code from} to {@code to}. */
    private void move(int from, int to, int count) {
        if (from == to || count == 0) return;
        e().varInsn(ALOAD, ms().lSlot);
        e().varInsn(ALOAD, ms().rSlot);
        e().iconst(longBase + 2 * from);
        e().iconst(longBase + 2 * to);
        e().iconst(refBase + from);
        e().iconst(refBase + to);
        e().iconst(count);
        e().invokeStatic(DEEP_STACKS, "move", "([J[Ljava/lang/Object;IIIII)V");
    }

    // ==== the JVM stack's base

    /** Makes sure the JVM stack holds at least the top {@code need} values (of the innermost block). */
    private void ensure(int need) {
        int h = v.height();
        int floor = v.innermost().height;
        if (e().stackBase() <= Math.max(floor, h - need)) return;
        setBase(Math.max(floor, h - need - RELOAD_AHEAD));
    }

    /** Makes the JVM stack hold exactly validator positions [target, height), spilling and reloading. */
    private void setBase(int target) {
        int base = e().stackBase(), h = v.height();
        if (base == target) return;
        for (int i = h - 1; i >= base; i--) store(v.typeAt(i), i);
        for (int i = target; i < h; i++) load(v.typeAt(i), i);
        e().setStackBase(target);
    }

    /** Pops the value of type {@code t} at the top of the JVM stack into spill position {@code pos}. */
    private void store(ValType t, int pos) {
        if (t.isReference()) {
            e().varInsn(ALOAD, ms().rSlot);
            e().insn(SWAP);
            e().iconst(refBase + pos);
            e().insn(SWAP);
            e().insn(AASTORE);
        } else {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(longBase + 2 * pos);
            e().invokeStatic(FRAME_LOCALS, "set" + suffix(t), "(" + desc(t) + "[JI)V");
        }
    }

    /** Pushes the value of type {@code t} at spill position {@code pos}. */
    private void load(ValType t, int pos) {
        if (t.isReference()) {
            e().varInsn(ALOAD, ms().rSlot);
            e().iconst(refBase + pos);
            e().insn(AALOAD);
        } else if (t == V128) {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(longBase + 2 * pos);
            e().insn(LALOAD);
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(longBase + 2 * pos + 1);
            e().insn(LALOAD);
        } else {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(longBase + 2 * pos);
            e().invokeStatic(FRAME_LOCALS, "get" + suffix(t), "([JI)" + desc(t));
        }
    }
}
