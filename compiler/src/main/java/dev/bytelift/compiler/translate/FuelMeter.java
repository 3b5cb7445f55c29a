package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.OperatorCost;

/**
 * Fuel metering with Wasmtime's semantics. The cost of each straight-line run is summed at
 * compile time and added to a JVM-local counter (a negative count of fuel left, as in
 * {@code VMRuntimeLimits.fuelConsumed}) at {@code loop}, {@code if}, {@code br*}, {@code end} and
 * {@code else}; the counter is written back before calls, returns and {@code unreachable} and
 * reloaded after calls; {@code counter >= 0} is checked at function entry and loop headers.
 *
 * <p>Unlike Wasmtime, fuel spent before a runtime trap is not lost: the pending cost is also added
 * before every operator that can trap, and a catch-all handler covering the function (except its
 * calls, whose callees save their own fuel) writes the counter back before the exception leaves.
 * C2 folds the extra constant additions, so they cost nothing in compiled code.
 *
 * <p>In a function split over several methods only for C2's inlining budget (see
 * {@link FunctionTranslator}), each piece keeps the counter in its own JVM local too, so that
 * tight loops count in a register: a piece passes it to a piece it calls as an argument, which
 * returns it in an entry of the frame's {@code long[]}. A function split because its body is large
 * keeps the counter in that entry instead, shared by all its pieces: such a function may call
 * hundreds of pieces from one method (a {@code br_table} over 256 blocks, one call per case), and
 * each call site must stay small for the method to stay under HotSpot's JIT limit and fast.
 */
public final class FuelMeter implements Instrumentation, Opcodes {
    private static final String LIMITS = "dev/bytelift/runtime/VMRuntimeLimits";
    private static final String CTX = "dev/bytelift/runtime/internal/VMContext";
    private final OperatorCost costs;
    private int fuelSlot;
    /** In a split function: the index of the frame's {@code long[]} entry in which a piece returns the counter. */
    private int frameIndex = -1;
    /** Whether this is a piece of a split function other than its entry method. */
    private boolean inRegion;
    /** Whether this piece keeps the counter in the frame array rather than in a JVM local. */
    private boolean inFrame;
    private long pending;
    private Label rangeStart;
    private Label handler;
    private long rangeStartCount;

    public FuelMeter(OperatorCost costs) {
        this.costs = costs;
    }

    @Override
    public void declareLocals(FunctionTranslator t) {
        if (t.isSplit()) {
            frameIndex = t.frameLong("fuel");
            inFrame = t.hasLargeBody();
        }
        inRegion = t.inPiece();
        // (a piece keeping the counter in a local gets it as an argument)
        if (!inFrame && !inRegion) fuelSlot = t.addLocal(LONG, 2);
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        reload(e, t);
        pending = 1; // every function costs 1 on entry
        flush(e, t);
        check(e, t);
        handler = new Label();
        startRange(e);
    }

    @Override
    public boolean passesLongToRegions() {
        return frameIndex >= 0 && !inFrame; // the counter
    }

    @Override
    public void regionEntry(CodeEmitter e, FunctionTranslator t, int argumentSlot) {
        if (!inFrame) fuelSlot = argumentSlot; // the calling piece passes its counter
        handler = new Label();
        startRange(e);
    }

    @Override
    public void beforeRegionCall(CodeEmitter e, FunctionTranslator t) {
        if (inFrame) flush(e, t); // (else pushRegionArgument adds the pending cost)
        endRange(e);
    }

    @Override
    public void pushRegionArgument(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(LLOAD, fuelSlot);
        if (pending != 0) {
            e.lconst(pending);
            e.insn(LADD);
            pending = 0;
        }
    }

    @Override
    public void afterRegionCall(CodeEmitter e, FunctionTranslator t) {
        if (!inFrame) loadFromFrame(e, t); // the piece returned the counter in the frame array
        startRange(e);
    }

    @Override
    public void loopHeader(CodeEmitter e, FunctionTranslator t) {
        check(e, t);
    }

    @Override
    public void beforeOperator(CodeEmitter e, FunctionTranslator t, Op op) {
        pending += costs.cost(op.firstByte(), op.subOpcode());
        if (op.has(Op.F.CALL) || op.has(Op.F.LEAVES)) {
            flush(e, t);
            save(e, t);
        } else if (op == Op.LOOP || op == Op.IF || op.has(Op.F.BRANCH) || op == Op.END || op == Op.ELSE) {
            flush(e, t);
        } else if (op.has(Op.F.TRAPS)) {
            flush(e, t); // the pending cost is added first so that it is not lost
        }
    }

    @Override
    public void beforeCall(CodeEmitter e, FunctionTranslator t) {
        endRange(e);
    }

    @Override
    public void afterCall(CodeEmitter e, FunctionTranslator t) {
        reload(e, t);
        startRange(e);
    }

    @Override
    public void beforeReturn(CodeEmitter e, FunctionTranslator t) {
        flush(e, t);
        // a piece returning its exit code leaves the counter in the frame array, where its caller
        // reads it; the function's own return writes it back
        if (!inRegion) save(e, t);
        else if (!inFrame) storeToFrame(e, t);
    }

    @Override
    public void functionExit(CodeEmitter e, FunctionTranslator t) {
        e.live = true;
        endRange(e);
        // the handler: write the counter back, rethrow
        e.label(handler);
        e.frameWithStack("java/lang/Throwable");
        save(e, t);
        e.insn(ATHROW);
    }

    private void startRange(CodeEmitter e) {
        rangeStart = new Label();
        Label end = new Label();
        e.tryCatch(rangeStart, end, handler, null);
        e.label(rangeStart);
        rangeEnd = end;
        rangeStartCount = e.instructionCount();
    }

    private Label rangeEnd;

    private void endRange(CodeEmitter e) {
        if (rangeEnd == null) return;
        if (e.instructionCount() == rangeStartCount) e.insn(NOP); // a range must not be empty
        e.label(rangeEnd);
        rangeEnd = null;
    }

    private void flush(CodeEmitter e, FunctionTranslator t) {
        if (pending == 0) return;
        beginStore(e, t);
        loadForStore(e);
        e.lconst(pending);
        e.insn(LADD);
        endStore(e);
        pending = 0;
    }

    /** Writes the counter back to the limits object. */
    private void save(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        pushCounter(e, t);
        e.field(PUTFIELD, LIMITS, "fuelConsumed", "J");
    }

    /** Reads the counter from the limits object. */
    private void reload(CodeEmitter e, FunctionTranslator t) {
        beginStore(e, t);
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        e.field(GETFIELD, LIMITS, "fuelConsumed", "J");
        endStore(e);
    }

    /**
     * {@code if (counter >= 0) counter = Fuel.outOfFuel(counter, ctx)}, the comparison in the
     * generated code rather than in a shared helper: each check gets its own branch profile, so
     * that C2 compiles the never-taken slow path of every hot loop to an uncommon trap.
     */
    private void check(CodeEmitter e, FunctionTranslator t) {
        Label enough = new Label();
        pushCounter(e, t);
        e.lconst(0);
        e.insn(LCMP);
        e.jump(IFLT, enough);
        beginStore(e, t);
        loadForStore(e);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic("dev/bytelift/runtime/internal/Fuel", "outOfFuel", "(JL" + CTX + ";)J");
        endStore(e);
        t.placeTarget(enough);
    }

    private void pushCounter(CodeEmitter e, FunctionTranslator t) {
        if (inFrame) {
            e.varInsn(ALOAD, t.frameArraySlot());
            e.iconst(frameIndex);
            e.insn(LALOAD);
        } else {
            e.varInsn(LLOAD, fuelSlot);
        }
    }

    // storing the counter: beginStore pushes the frame array and index (nothing for a local),
    // loadForStore then pushes the counter, endStore stores the long on top of the stack

    private void beginStore(CodeEmitter e, FunctionTranslator t) {
        if (!inFrame) return;
        e.varInsn(ALOAD, t.frameArraySlot());
        e.iconst(frameIndex);
    }

    private void loadForStore(CodeEmitter e) {
        if (inFrame) {
            e.insn(DUP2);
            e.insn(LALOAD);
        } else {
            e.varInsn(LLOAD, fuelSlot);
        }
    }

    private void endStore(CodeEmitter e) {
        if (inFrame) e.insn(LASTORE);
        else e.varInsn(LSTORE, fuelSlot);
    }

    private void storeToFrame(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.frameArraySlot());
        e.iconst(frameIndex);
        e.varInsn(LLOAD, fuelSlot);
        e.insn(LASTORE);
    }

    private void loadFromFrame(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.frameArraySlot());
        e.iconst(frameIndex);
        e.insn(LALOAD);
        e.varInsn(LSTORE, fuelSlot);
    }
}
