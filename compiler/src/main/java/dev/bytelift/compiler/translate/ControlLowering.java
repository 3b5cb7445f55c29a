package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.BR_TABLES;
import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.RESULTS;
import static dev.bytelift.runtime.ValType.F32;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;
import static dev.bytelift.runtime.ValType.V128;

import org.objectweb.asm.Label;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.FuncValidator.Frame;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Structured control flow: blocks, branches (with the values a label carries shuffled into place),
 * {@code br_table}, {@code return} and {@code unreachable}. A branch to a block outside the region
 * being written leaves the region with an exit code ({@link Regions}).
 */
final class ControlLowering extends Lowering {
    private final NullBranches nullBranches;
    private final ByteLoops byteLoops;

    ControlLowering(FunctionTranslator t) {
        super(t);
        nullBranches = new NullBranches(t, this);
        byteLoops = new ByteLoops(t);
    }

    @Override
    void lower(Op op) {
        switch (op) {
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
            case BR_ON_NULL -> nullBranches.brOnNull(r.index());
            case BR_ON_NON_NULL -> nullBranches.brOnNonNull(r.index());
            default -> throw new IllegalStateException("not a control operator: " + op);
        }
    }

    private void unreachable() {
        throwTrap("UNREACHABLE");
        v.setUnreachable();
        e().live = false;
    }

    private void blockStart(int kind) {
        ctl.blockStart(kind);
        Block b = fn.block(v.depth() - 1);
        if (fn.deep != null) fn.deep.enteredBlock(b);
        b.startReachable = e().live;
        if (!e().live) return;
        switch (kind) {
            case FuncValidator.LOOP -> {
                byteLoops.beforeLoop(b);
                b.loopStart = new Label();
                fn.freshenMemory(); // the header is reached from here and from back edges
                fn.loopHeaders.enter(b); // an empty operand stack at the header (OSR)
                e().target(b.loopStart, v);
                for (Instrumentation ins : ms().instrumentation) ins.loopHeader(e(), fn);
                fn.loopHeaders.afterHeader(b);
            }
            case FuncValidator.IF -> {
                b.elseLabel = new Label();
                b.elseStale = ms().memoryStale;
                // the condition was popped above; the JVM still has it (or a fused comparison's operands) on top
                fn.jumpOnCondition(false, b.elseLabel);
            }
            default -> { }
        }
    }

    private void elseArm() {
        Frame f = ctl.elseStart();
        int index = v.depth(); // the depth of the frame just popped
        Block b = fn.blocks[index];
        while (ms().isRegion() && ms().rootIndex == index) fn.regions.finish(f.results, false);
        if (e().live) {
            if (b.end == null) b.end = new Label();
            b.endStale |= ms().memoryStale;
            e().jump(GOTO, b.end);
            b.endUsed = true;
        }
        ctl.elseArm(f);
        b.frame = v.innermost();
        b.hasElse = true;
        e().live = b.startReachable;
        ms().memoryStale = b.elseStale;
        if (fn.deep != null) fn.deep.atElse(b);
        if (e().live) e().target(b.elseLabel, v);
    }

    private void end() {
        Frame f = ctl.end();
        int index = v.depth(); // the depth of the frame just popped
        Block b = fn.blocks[index];
        int kind = f.kind;
        while (ms().isRegion() && ms().rootIndex == index) fn.regions.finish(f.results, kind == FuncValidator.FUNCTION);
        if (kind >= FuncValidator.TRY_TABLE) fn.exceptions.beforeEnd(b, f);
        v.push(f.results);
        if (kind == FuncValidator.FUNCTION) {
            if (e().live) emitReturn();
            return;
        }
        if (kind == FuncValidator.LOOP || kind >= FuncValidator.TRY_TABLE) fn.loopHeaders.exit(b, f.results);
        if (fn.deep != null) fn.deep.afterEnd(f);
        boolean fallsThrough = e().live;
        boolean elseFallsHere = kind == FuncValidator.IF && !b.hasElse && b.startReachable;
        ms().memoryStale = fallsThrough && ms().memoryStale || b.endUsed && b.endStale || elseFallsHere && b.elseStale;
        e().live = fallsThrough || b.endUsed || elseFallsHere;
        if (!e().live) return;
        if (elseFallsHere) e().label(b.elseLabel);
        if (b.endUsed) e().label(b.end);
        if (elseFallsHere || b.endUsed) e().frame(v, v.height());
    }

    /** Emits a branch to {@code b}'s label with the label's values on top of the stack. */
    void branchTo(Block b) {
        branchTo(b, v.height());
    }

    /**
     * Emits a branch to {@code b}'s label; the stack holds validator slots [0, height) (the
     * label's values on top).
     */
    void branchTo(Block b, int height) {
        Frame f = b.frame;
        if (fn.deep != null && DeepStack.isWide(f.labelTypes())) {
            fn.deep.branchWide(b, height);
            return;
        }
        if (b.index <= ms().rootIndex) {
            fn.regions.exitWith(b.index + 1, f.labelTypes()); // the label is in a method that called this region
            return;
        }
        if (f.kind == FuncValidator.FUNCTION) {
            emitReturn();
            return;
        }
        Label target = labelOf(b);
        ValType[] carried = f.labelTypes();
        int onStack = e().stackBase(); // validator slots below it are in locals (LoopHeaders)
        if (b.paramSlots != null && f.kind == FuncValidator.LOOP) {
            // the header takes an empty stack and its parameters from locals
            for (int i = carried.length - 1; i >= 0; i--) e().store(carried[i], b.paramSlots[i]);
            for (int i = height - carried.length - 1; i >= onStack; i--) e().pop(v.typeAt(i));
        } else if (onStack > b.stackBase) {
            // loops between here and the label keep values the label needs in locals: below the
            // carried values, drop this stack and reload the label's from those locals
            int[] slots = new int[carried.length];
            for (int i = carried.length - 1; i >= 0; i--) {
                slots[i] = e().temp(carried[i]);
                e().store(carried[i], slots[i]);
            }
            for (int i = height - carried.length - 1; i >= onStack; i--) e().pop(v.typeAt(i));
            fn.loopHeaders.reload(b.stackBase, f.height);
            for (int i = 0; i < carried.length; i++) e().load(carried[i], slots[i]);
            e().releaseTemps();
        } else {
            int extra = height - carried.length - f.height;
            if (extra > 0) {
                // spill the carried values, drop what lies between them and the label's height, reload
                int[] slots = new int[carried.length];
                for (int i = carried.length - 1; i >= 0; i--) {
                    slots[i] = e().temp(carried[i]);
                    e().store(carried[i], slots[i]);
                }
                for (int i = 0; i < extra; i++) e().pop(v.typeAt(height - carried.length - 1 - i));
                for (int i = 0; i < carried.length; i++) e().load(carried[i], slots[i]);
                e().releaseTemps();
            }
        }
        fn.beforeJumpTo(b);
        e().jump(GOTO, target);
    }

    /**
     * The label a branch to {@code b} jumps to when {@code b} is in the method being written and is
     * not the function's own block: the loop's start, or the block's end (marked as used).
     */
    static Label labelOf(Block b) {
        if (b.frame.kind == FuncValidator.LOOP) return b.loopStart;
        if (b.end == null) b.end = new Label();
        b.endUsed = true;
        return b.end;
    }

    /** Whether a branch to {@code b} with the stack as it is is a plain jump (nothing to shuffle, no exit). */
    boolean isPlainJump(Block b) {
        if (fn.deep != null && DeepStack.isWide(b.frame.labelTypes())) return false;
        if (b.index <= ms().rootIndex || b.frame.kind == FuncValidator.FUNCTION) return false;
        int carried = b.frame.labelTypes().length;
        if (b.paramSlots != null && b.frame.kind == FuncValidator.LOOP) return carried == 0 && v.height() == e().stackBase();
        return e().stackBase() == b.stackBase && v.height() - carried == b.frame.height;
    }

    private void br(int depth) {
        ctl.br(depth);
        Block b = fn.target(depth);
        // the validator popped the carried values; the JVM still has them: branch with them
        if (e().live) {
            v.push(b.frame.labelTypes());
            branchTo(b);
        }
        v.setUnreachable();
        e().live = false;
    }

    private void brIf(int depth) {
        ctl.brIf(depth);
        Block b = fn.target(depth);
        if (!e().live) return;
        if (isPlainJump(b)) {
            fn.beforeConditionalJumpTo(b);
            fn.jumpOnCondition(true, labelOf(b));
        } else {
            Label skip = new Label();
            fn.jumpOnCondition(false, skip);
            branchTo(b);
            e().target(skip, v);
        }
    }

    private void brTable() {
        int n = r.count();
        int[] depths = new int[n];
        for (int i = 0; i < n; i++) depths[i] = r.label(i);
        int dflt = r.index();
        ctl.brTable(depths, dflt);
        Block db = fn.target(dflt);
        if (e().live && n > LargeBrTable.MIN_ENTRIES) {
            new LargeBrTable(fn, this).emit(depths, dflt);
        } else if (e().live) {
            // one stub per distinct target depth that needs a shuffle; direct jumps otherwise;
            // in a region, the targets outside it share one exit that looks the depth up
            Label[] labels = new Label[n];
            java.util.Map<Integer, Label> stubs = new java.util.LinkedHashMap<>();
            Label sharedExit = null;
            int outside = 0;
            for (int i = 0; i < n; i++) if (isOutside(depths[i])) outside++;
            // (wide labels of deep-stack mode go to their own frame's height: one stub per target block)
            boolean wide = fn.deep != null && DeepStack.isWide(db.frame.labelTypes());
            if (outside >= 2 && allBelow(depths, dflt, 0xFFFF) && !wide) {
                sharedExit = new Label();
                e().insn(DUP);
                e().varInsn(ISTORE, brIndexSlot());
            }
            for (int i = 0; i < n; i++) labels[i] = sharedExit != null && isOutside(depths[i]) ? sharedExit : branchLabel(depths[i], stubs);
            Label dl = sharedExit != null && isOutside(dflt) ? sharedExit : branchLabel(dflt, stubs);
            if (n == 0) {
                e().insn(POP);
                e().jump(GOTO, dl);
            } else {
                e().tableSwitch(0, n - 1, dl, labels);
            }
            for (java.util.Map.Entry<Integer, Label> s : stubs.entrySet()) {
                e().target(s.getValue(), v);
                branchTo(fn.target(s.getKey()));
            }
            if (sharedExit != null) {
                e().target(sharedExit, v);
                fn.regions.storeCarried(db.frame.labelTypes());
                fn.regions.beforeExit();
                // exit code = target block index + 1 = depth() - branch depth
                e().iconst(v.depth());
                e().varInsn(ILOAD, brIndexSlot());
                StringBuilder table = new StringBuilder(n + 1);
                for (int i = 0; i < n; i++) table.append((char) depths[i]);
                table.append((char) dflt);
                e().ldc(table.toString());
                e().invokeStatic(BR_TABLES, "depth", "(ILjava/lang/String;)I");
                e().insn(ISUB);
                e().insn(IRETURN);
                for (int i = 0; i < n; i++) if (isOutside(depths[i])) ms().exitCodes.set(v.depth() - depths[i]);
                if (isOutside(dflt)) ms().exitCodes.set(v.depth() - dflt);
            }
        }
        v.pop(db.frame.labelTypes());
        v.setUnreachable();
        e().live = false;
    }

    /** Whether branch depth {@code depth} leaves the method being written (a region). */
    boolean isOutside(int depth) {
        return v.depth() - 1 - depth <= ms().rootIndex;
    }

    private static boolean allBelow(int[] depths, int dflt, int limit) {
        if (dflt >= limit) return false;
        for (int d : depths) if (d >= limit) return false;
        return true;
    }

    /** A permanent int local of the current method holding a br_table's index for its shared exit. */
    int brIndexSlot() {
        if (ms().brIndexSlot < 0) throw new IllegalStateException("no br_table index local");
        return ms().brIndexSlot;
    }

    /** The label a br_table entry jumps to: the target itself, or a stub that shuffles first. */
    Label branchLabel(int depth, java.util.Map<Integer, Label> stubs) {
        Block b = fn.target(depth);
        if (!isPlainJump(b)) return stubs.computeIfAbsent(depth, d -> new Label());
        fn.beforeConditionalJumpTo(b); // (the table's index on the stack is not disturbed)
        return labelOf(b);
    }

    private void returnOp() {
        Block fb = fn.blocks[0];
        ctl.returnOp();
        if (e().live) {
            v.push(fb.frame.results);
            emitReturn();
        }
        v.setUnreachable();
        e().live = false;
    }

    /** Returns the function's results from the top of the stack (extra results via the scratch). */
    void emitReturn() {
        if (fn.deep != null && DeepStack.isWide(fn.type.results().toArray(new ValType[0]))) {
            fn.deep.branchWide(fn.blocks[0], v.height());
            return;
        }
        if (ms().rootIndex >= 0) {
            fn.regions.exitWith(1, fn.results()); // a region: the function returns from its own method
            return;
        }
        for (Instrumentation ins : ms().instrumentation) ins.beforeFunctionReturn(e(), fn);
        fn.locals.beforeReturn();
        int n = fn.type.resultCount();
        for (int i = n - 1; i >= 1; i--) {
            ValType t = fn.type.result(i);
            e().varInsn(ALOAD, ms().ctxSlot);
            e().iconst(Abi.resultSlot(fn.type, i));
            e().invokeStatic(RESULTS, Descriptors.resultPut(t), Descriptors.resultPutDesc(t));
        }
        ValType r0 = n == 0 ? null : fn.type.result(0);
        if (r0 == V128) {
            // the high half goes to the scratch, the low half is returned
            e().varInsn(ALOAD, ms().ctxSlot);
            e().invokeStatic(RESULTS, "returnV128", "(JJL" + CTX + ";)J");
        }
        e().returnValue(r0);
    }
}
