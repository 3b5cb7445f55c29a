package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.FuncValidator.Frame;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.ValType;

/**
 * Exception handling (WebAssembly 3.0): {@code throw}, {@code throw_ref}, {@code try_table} and the
 * legacy {@code try}/{@code catch}/{@code catch_all}/{@code delegate}/{@code rethrow}.
 *
 * <p>An exception is a {@code ThrownException} (a JVM exception without a stack trace, which is
 * also the {@code exnref} value); a try block's body is a JVM exception range whose handler, at the
 * block's end, matches the clauses in order and branches to the clause's label with the values the
 * exception carries. The JVM empties the operand stack when it enters a handler, so a try block
 * first moves the values under it in this method into locals, as a loop does ({@link LoopHeaders}):
 * its end and branches out of it put them back. Ranges are registered at the block's depth with
 * {@link ExceptionRanges}, inside instrumentation's catch-alls; a region called from a try body is
 * inside the range, so a throw in it is caught by the calling method. A handler starts with
 * {@link Instrumentation#afterCatch} (the fuel counter is read back: every thrower saved it).
 *
 * <p>{@code delegate l} leaves its body out of the ranges of the try blocks between it and label
 * {@code l} (holes), so that the JVM's search goes on outside them. Legacy try blocks are not split
 * into regions ({@link #keepsMethod}): a {@code rethrow} reads its catch's exception from a local
 * of the method, and a delegate's holes are in the method's own ranges.
 */
final class ExceptionLowering extends Lowering {
    static final String THROWN = RuntimeNames.name(dev.bytelift.runtime.ThrownException.class);
    private static final String EXCEPTIONS = RuntimeNames.name(dev.bytelift.runtime.internal.Exceptions.class);

    /** The state of one open try block (try_table or legacy try), by block index. */
    private static final class Try {
        boolean reachable;
        /** The handler's entry (stack: the exception). */
        Label handler;
        /** Where the current piece of the range began (delegates cut holes), and its instruction count. */
        Label segmentStart;
        long segmentCount;
        /** Finished pieces: start, end pairs. */
        final List<Label> segments = new ArrayList<>();
        /** try_table's clauses: kind, tag, label depth. */
        int[] kinds;
        int[] tags;
        int[] depths;
        /** A legacy try's exception local (from its first catch), the frame-local count before it, or -1. */
        int exnSlot = -1;
        int exnMark;
        /** A legacy catch's "not this tag" label: the next clause checks from there. */
        Label next;
        /** Whether the range is still open (the body of a try or try_table). */
        boolean inBody;
    }

    private Try[] tries = new Try[8];
    /** How many legacy try blocks are open (regions do not start inside one). */
    private int openLegacy;

    ExceptionLowering(FunctionTranslator t) {
        super(t);
    }

    /** Whether a region may not start before {@code op}: inside a legacy try block, or at an arm's start. */
    boolean keepsMethod(Op op) {
        return openLegacy > 0 || op == Op.CATCH || op == Op.CATCH_ALL || op == Op.DELEGATE;
    }

    @Override
    void lower(Op op) {
        switch (op) {
            case THROW -> throwOp();
            case THROW_REF -> throwRef();
            case TRY_TABLE -> tryTable();
            case TRY -> tryStart();
            case CATCH -> catchArm(true);
            case CATCH_ALL -> catchArm(false);
            case DELEGATE -> delegate();
            case RETHROW -> rethrow();
            default -> throw new IllegalStateException("not an exception operator: " + op);
        }
    }

    private static ValType[] params(FuncType t) {
        return t.params().toArray(new ValType[0]);
    }

    // ---- throw, throw_ref, rethrow

    private void throwOp() {
        int tag = r.index();
        ValType[] params = ctl.throwOp(tag);
        if (e().live) {
            int[] slots = new int[params.length];
            for (int i = params.length - 1; i >= 0; i--) {
                slots[i] = e().temp(params[i]);
                e().store(params[i], slots[i]);
            }
            e().iconst(params.length);
            e().typeInsn(ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < params.length; i++) {
                e().insn(DUP);
                e().iconst(i);
                e().load(params[i], slots[i]);
                box(params[i]);
                e().insn(AASTORE);
            }
            e().varInsn(ALOAD, ms().ctxSlot);
            e().iconst(tag);
            e().invokeStatic(EXCEPTIONS, "create", "([Ljava/lang/Object;L" + CTX + ";I)L" + THROWN + ";");
            e().insn(ATHROW);
        }
        v.setUnreachable();
        e().live = false;
    }

    private void box(ValType t) {
        switch (t.kind()) {
            case I32 -> e().invokeStatic("java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;");
            case I64 -> e().invokeStatic("java/lang/Long", "valueOf", "(J)Ljava/lang/Long;");
            case F32 -> e().invokeStatic("java/lang/Float", "valueOf", "(F)Ljava/lang/Float;");
            case F64 -> e().invokeStatic("java/lang/Double", "valueOf", "(D)Ljava/lang/Double;");
            case V128 -> e().invokeStatic(EXCEPTIONS, "v128", "(JJ)Ljava/lang/Object;");
            default -> { }
        }
    }

    private void throwRef() {
        ctl.throwRef();
        if (e().live) {
            e().invokeStatic(EXCEPTIONS, "rethrow", "(Ljava/lang/Object;)Ljava/lang/Throwable;");
            e().insn(ATHROW);
        }
        v.setUnreachable();
        e().live = false;
    }

    private void rethrow() {
        int depth = r.index();
        ctl.rethrow(depth);
        if (e().live) {
            Try t = tries[v.depth() - 1 - depth];
            e().varInsn(ALOAD, t.exnSlot);
            e().typeInsn(CHECKCAST, THROWN);
            e().insn(ATHROW);
        }
        v.setUnreachable();
        e().live = false;
    }

    // ---- opening a try block

    private Try open(int kind, FuncType bt) {
        ctl.open(kind, bt);
        Block b = fn.block(v.depth() - 1);
        b.startReachable = e().live;
        int index = v.depth() - 1;
        if (index >= tries.length) tries = Arrays.copyOf(tries, Math.max(index + 1, tries.length * 2));
        Try t = tries[index];
        if (t == null) tries[index] = t = new Try();
        t.reachable = e().live;
        t.segments.clear();
        t.exnSlot = -1;
        t.next = null;
        t.inBody = true;
        t.kinds = null;
        if (!e().live) return t;
        spillUnder(b);
        t.handler = new Label();
        startSegment(t);
        return t;
    }

    private void startSegment(Try t) {
        t.segmentStart = new Label();
        e().label(t.segmentStart);
        t.segmentCount = e().instructionCount();
    }

    /** Ends the range's current piece at {@code end} (placed here) if it holds code. */
    private void endSegment(Try t, Label end, long count) {
        if (count > t.segmentCount) {
            t.segments.add(t.segmentStart);
            t.segments.add(end);
        }
        t.segmentStart = null;
    }

    /**
     * Moves the values under the try block in this method into locals (the handler is entered with
     * an empty operand stack) and raises the stack base to the block's height, keeping its
     * parameters on the stack; {@link LoopHeaders#exit} puts them back at its end.
     */
    private void spillUnder(Block b) {
        int base = e().stackBase();
        int height = b.frame.height;
        int top = v.height();
        if (height == base) return;
        ValType[] under = new ValType[height - base];
        int slots = 0;
        for (int i = base; i < height; i++) {
            under[i - base] = v.typeAt(i);
            slots += under[i - base].slots();
        }
        if (e().firstUndeclaredSlot() + slots > LoopHeaders.MAX_SLOTS) {
            throw new ImplementationLimitException("function " + fn.funcIndex + ": too many values under a try block", v.offset);
        }
        b.localsMark = e().frameLocalCount();
        b.slotMark = e().firstUndeclaredSlot();
        int[] locals = e().declareLocals(under);
        if (ms().stackSlots.length < height) ms().stackSlots = Arrays.copyOf(ms().stackSlots, Math.max(height, 2 * ms().stackSlots.length));
        System.arraycopy(locals, 0, ms().stackSlots, base, locals.length);
        int[] temps = new int[top - height];
        for (int i = top - 1; i >= height; i--) {
            temps[i - height] = e().temp(v.typeAt(i));
            e().store(v.typeAt(i), temps[i - height]);
        }
        for (int i = height - 1; i >= base; i--) e().store(v.typeAt(i), ms().stackSlots[i]);
        for (int i = height; i < top; i++) e().load(v.typeAt(i), temps[i - height]);
        e().releaseTemps();
        b.paramSlots = new int[0]; // LoopHeaders.exit puts the values back
        e().setStackBase(height);
    }

    private void tryTable() {
        int n = r.count();
        int[] kinds = new int[n], tags = new int[n], depths = new int[n];
        FuncType bt = ctl.tryTable(kinds, tags, depths);
        Try t = open(FuncValidator.TRY_TABLE, bt);
        t.kinds = kinds;
        t.tags = tags;
        t.depths = depths;
    }

    private void tryStart() {
        FuncType bt = ctl.blockType();
        open(FuncValidator.TRY, bt);
        openLegacy++;
    }

    /** Closes the body's range (its handler: {@code handler}, or none: null). */
    private void closeRange(Try t, Label handler) {
        t.inBody = false;
        if (t.segmentStart == null) return;
        boolean live = e().live;
        e().live = true; // the label ends the range even where the code is unreachable
        Label end = new Label();
        e().label(end);
        e().live = live;
        endSegment(t, end, e().instructionCount());
        if (handler == null) return;
        int level = ExceptionRanges.tryTable(indexOf(t));
        for (int i = 0; i < t.segments.size(); i += 2) {
            ms().exceptionRanges.add(level, t.segments.get(i), t.segments.get(i + 1), handler, THROWN);
        }
    }

    private int indexOf(Try t) {
        for (int i = 0; i < tries.length; i++) if (tries[i] == t) return i;
        throw new IllegalStateException();
    }

    /** Enters a handler: the exception in a new local (returned), what a call may change read back. */
    private int enterHandler(Try t, Block b) {
        e().live = true;
        e().label(t.handler);
        e().frameWithStack(THROWN);
        t.exnMark = e().frameLocalCount();
        int slot = e().declareLocals(new ValType[] {ValType.EXNREF})[0];
        t.exnSlot = slot;
        e().varInsn(ASTORE, slot);
        if (fn.deep != null) e().setStackBase(v.height()); // (deep-stack mode: all under it is spilled)
        for (Instrumentation ins : ms().instrumentation) ins.afterCatch(e(), fn);
        fn.memoryMayHaveGrown();
        return slot;
    }

    /** Jumps from the end of a live arm to the block's end, with its results (and the values under it) in place. */
    private void jumpToEnd(Block b, Frame f) {
        if (!e().live) return;
        v.push(f.results);
        fn.control.branchTo(b);
        v.pop(f.results);
        e().live = false;
    }

    /** Pushes the values exception {@code slot} carries for tag {@code tag}. */
    private void unpack(int slot, int tag) {
        ValType[] params = params(m.tagType(tag));
        for (int i = 0; i < params.length; i++) {
            ValType p = params[i];
            e().varInsn(ALOAD, slot);
            e().iconst(i);
            switch (p.kind()) {
                case I32 -> e().invokeStatic(EXCEPTIONS, "i32", "(Ljava/lang/Object;I)I");
                case I64 -> e().invokeStatic(EXCEPTIONS, "i64", "(Ljava/lang/Object;I)J");
                case F32 -> e().invokeStatic(EXCEPTIONS, "f32", "(Ljava/lang/Object;I)F");
                case F64 -> e().invokeStatic(EXCEPTIONS, "f64", "(Ljava/lang/Object;I)D");
                case V128 -> {
                    e().invokeStatic(EXCEPTIONS, "v128Lo", "(Ljava/lang/Object;I)J");
                    e().varInsn(ALOAD, slot);
                    e().iconst(i);
                    e().invokeStatic(EXCEPTIONS, "v128Hi", "(Ljava/lang/Object;I)J");
                }
                default -> e().invokeStatic(EXCEPTIONS, "ref", "(Ljava/lang/Object;I)Ljava/lang/Object;");
            }
        }
    }

    /** {@code ifeq next} unless exception {@code slot} is of tag {@code tag}. */
    private void testTag(int slot, int tag, Label next) {
        e().varInsn(ALOAD, slot);
        e().varInsn(ALOAD, ms().ctxSlot);
        e().iconst(tag);
        e().invokeStatic(EXCEPTIONS, "is", "(Ljava/lang/Object;L" + CTX + ";I)Z");
        e().jump(IFEQ, next);
    }

    private void rethrowLocal(int slot) {
        e().varInsn(ALOAD, slot);
        e().typeInsn(CHECKCAST, THROWN);
        e().insn(ATHROW);
    }

    // ---- legacy arms

    private void catchArm(boolean tagged) {
        int tag = tagged ? r.index() : -1;
        Frame f = v.innermost();
        int index = v.depth() - 1;
        ValType[] params = ctl.catchStart(tagged, tag);
        Block b = fn.blocks[index];
        Try t = tries[index];
        jumpToEnd(b, f);
        if (t.reachable) {
            if (f.kind == FuncValidator.TRY) {
                closeRange(t, t.handler);
                enterHandler(t, b);
            } else {
                e().live = true;
                e().target(t.next, v);
            }
        }
        ctl.catchArm(tagged, params, f);
        b.frame = v.innermost();
        e().live = t.reachable;
        if (!t.reachable) return;
        if (tagged) {
            t.next = new Label();
            // the validator has pushed the tag's values; the JVM gets them after the test
            v.pop(params);
            testTag(t.exnSlot, tag, t.next);
            unpack(t.exnSlot, tag);
            v.push(params);
        } else {
            t.next = null;
        }
    }

    private void delegate() {
        int depth = r.index();
        Frame f = ctl.delegate(depth);
        int index = v.depth(); // the depth of the frame just popped
        Block b = fn.blocks[index];
        Try t = tries[index];
        int target = v.depth() - 1 - depth;
        if (t.reachable && t.segmentStart != null) {
            Label start = t.segmentStart;
            long count = t.segmentCount;
            closeRange(t, null);
            // the try blocks between here and the target leave the body out of their ranges
            if (!t.segments.isEmpty()) {
                Label end = t.segments.get(t.segments.size() - 1);
                for (int i = target + 1; i < index; i++) {
                    Try o = tries[i];
                    if (o == null || !o.inBody || o.segmentStart == null || !isTryBlock(i)) continue;
                    if (count > o.segmentCount) {
                        o.segments.add(o.segmentStart);
                        o.segments.add(start);
                    }
                    o.segmentStart = end;
                    o.segmentCount = e().instructionCount();
                }
            }
        }
        openLegacy--;
        // then as the block's end
        v.push(f.results);
        fn.loopHeaders.exit(b, f.results);
        boolean fallsThrough = e().live;
        ms().memoryStale = fallsThrough && ms().memoryStale || b.endUsed && b.endStale;
        e().live = fallsThrough || b.endUsed;
        if (!e().live) return;
        if (b.endUsed) {
            e().label(b.end);
            e().frame(v, v.height());
        }
    }

    private boolean isTryBlock(int index) {
        int kind = fn.blocks[index].frame.kind;
        return kind == FuncValidator.TRY || kind == FuncValidator.TRY_TABLE;
    }

    // ---- the end of a try block (ControlLowering.end, after the frame is popped)

    void beforeEnd(Block b, Frame f) {
        int index = b.index;
        Try t = tries[index];
        switch (f.kind) {
            case FuncValidator.TRY_TABLE -> {
                if (!t.reachable) return;
                closeRange(t, t.handler);
                if (t.segments.isEmpty()) return; // nothing can throw: no handler
                jumpToEnd(b, f);
                int slot = enterHandler(t, b);
                boolean all = false;
                for (int i = 0; i < t.kinds.length && !all; i++) {
                    int kind = t.kinds[i];
                    Label next = null;
                    if (kind < 2) {
                        next = new Label();
                        testTag(slot, t.tags[i], next);
                        unpack(slot, t.tags[i]);
                        v.push(params(m.tagType(t.tags[i])));
                    } else {
                        all = true;
                    }
                    if (kind == 1 || kind == 3) {
                        e().varInsn(ALOAD, slot);
                        v.push(ValType.ref(false, dev.bytelift.runtime.HeapType.EXN));
                    }
                    Block target = fn.target(t.depths[i]);
                    ValType[] carried = target.frame.labelTypes();
                    fn.control.branchTo(target);
                    v.pop(carried);
                    if (next != null) e().target(next, v);
                }
                if (!all) rethrowLocal(slot);
                e().releaseLocals(t.exnMark, slot);
                e().live = false;
            }
            case FuncValidator.TRY -> {
                openLegacy--;
                if (t.reachable) closeRange(t, null); // a try without catches catches nothing
            }
            case FuncValidator.CATCH, FuncValidator.CATCH_ALL -> {
                openLegacy--;
                if (!t.reachable) return;
                if (f.kind == FuncValidator.CATCH) {
                    jumpToEnd(b, f);
                    e().live = true;
                    e().target(t.next, v);
                    rethrowLocal(t.exnSlot);
                    e().live = false;
                }
                e().releaseLocals(t.exnMark, t.exnSlot);
            }
            default -> { }
        }
    }
}
