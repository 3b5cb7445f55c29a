package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.OperatorCost;

/**
 * Fuel metering with Wasmtime's semantics. The cost of each straight-line run is summed at
 * compile time and added to a counter (a negative count of fuel left, as in
 * {@code VMRuntimeLimits.fuelConsumed}) at {@code loop}, {@code if}, {@code br*}, {@code end} and
 * {@code else}; the counter is written back before calls, returns and {@code unreachable} and
 * reloaded after calls; {@code counter >= 0} is checked at function entry and loop headers. A
 * bulk operator ({@code memory.fill}, {@code table.copy}, ...) then adds its element count times
 * {@link OperatorCost#costPerElement} and checks, right after it completed (Wasmtime 49's rule).
 * The counter is a {@link PersistentLong}: a JVM local where the function is one method, and
 * wherever the local storage keeps it where the function is split.
 *
 * <p>Unlike Wasmtime, fuel spent before a runtime trap is not lost: the pending cost is also added
 * before every operator that can trap, and a catch-all handler covering each method (except its
 * calls, whose callees save their own fuel, and its region calls, whose regions have handlers of
 * their own) writes the counter back before the exception leaves. C2 folds the extra constant
 * additions, so they cost nothing in compiled code.
 */
public final class FuelMeter implements Instrumentation, Opcodes {
    private static final String LIMITS = RuntimeNames.LIMITS;
    private static final String CTX = RuntimeNames.CTX;
    private final OperatorCost costs;
    private PersistentLong counter;
    private Label handler;
    private Label rangeEnd;
    private long rangeStartCount;
    /** The local holding a bulk operator's element count between before- and afterOperator, or -1. */
    private int bulkLength = -1;
    /** Whether that count is an {@code i64} (a 64-bit memory's or table's). */
    private boolean bulkLength64;
    /** The static cost of a bulk operator's elements for afterOperator (a small constant count), or -1. */
    private long staticElements = -1;

    public FuelMeter(OperatorCost costs) {
        this.costs = costs;
    }

    /** The counter in the method being written ({@link ByteLoops} charges a loop's iterations at once). */
    PersistentLong counter() {
        return counter;
    }

    @Override
    public void declareLocals(FunctionTranslator t) {
        counter = t.persistentLong("fuel");
    }

    @Override
    public void functionEntry(CodeEmitter e, FunctionTranslator t) {
        reload(e, t);
        counter.add(1); // every function costs 1 on entry
        counter.flush(e);
        check(e, t);
        handler = new Label();
        startRange(e, t);
    }

    @Override
    public void methodEntry(CodeEmitter e, FunctionTranslator t) {
        handler = new Label();
        startRange(e, t);
    }

    @Override
    public void beforeRegionCall(CodeEmitter e, FunctionTranslator t) {
        endRange(e);
    }

    @Override
    public void afterRegionCall(CodeEmitter e, FunctionTranslator t) {
        startRange(e, t);
    }

    @Override
    public void loopHeader(CodeEmitter e, FunctionTranslator t) {
        check(e, t);
    }

    @Override
    public void beforeOperator(CodeEmitter e, FunctionTranslator t, Op op) {
        counter.add(costs.cost(op.firstByte(), op.subOpcode()));
        if (op.has(Op.F.CALL) || op.has(Op.F.LEAVES)) {
            counter.flush(e);
            save(e, t);
        } else if (op == Op.LOOP || op == Op.IF || op.has(Op.F.BRANCH) || op == Op.END || op == Op.ELSE) {
            counter.flush(e);
        } else if (op.has(Op.F.TRAPS)) {
            counter.flush(e); // the pending cost is added first so that it is not lost
        }
        bulkLength = -1;
        staticElements = -1;
        boolean grow = op == Op.MEMORY_GROW || op == Op.TABLE_GROW;
        if ((op.has(Op.F.BULK) || grow) && costs.costPerElement(op.firstByte(), op.subOpcode()) != 0) {
            long small = smallConstantCost(t, op);
            if (small >= 0) {
                staticElements = small; // Wasmtime: folded into the static count, no check
                return;
            }
            // keep the element count (the last operand, on top) for afterOperator
            bulkLength64 = t.v.peek(0) == dev.bytelift.runtime.ValType.I64; // memory64, table64
            if (bulkLength64) {
                bulkLength = e.temp(dev.bytelift.runtime.ValType.I64);
                e.insn(DUP2);
                e.varInsn(LSTORE, bulkLength);
            } else {
                bulkLength = e.temp(dev.bytelift.runtime.ValType.I32);
                e.insn(DUP);
                e.varInsn(ISTORE, bulkLength);
            }
        }
    }

    /**
     * After a bulk operator completed: its elements' cost, then the check, as Wasmtime 49 does
     * (the operation has happened when the guest runs out; one that traps costs only its own).
     */
    @Override
    public void afterOperator(CodeEmitter e, FunctionTranslator t, Op op) {
        if (staticElements >= 0) {
            counter.add(staticElements);
            staticElements = -1;
            return;
        }
        if (bulkLength < 0) return;
        Label failed = null;
        if (op == Op.MEMORY_GROW || op == Op.TABLE_GROW) {
            // Wasmtime 49 charges a computed delta only if the growth succeeded (result not -1)
            counter.flush(e);
            failed = new Label();
            if (bulkLength64) {
                e.insn(DUP2);
                e.lconst(-1);
                e.insn(LCMP);
                e.jump(IFEQ, failed);
            } else {
                e.insn(DUP);
                e.iconst(-1);
                e.jump(IF_ICMPEQ, failed);
            }
        }
        counter.beginStore(e);
        counter.loadInStore(e);
        if (bulkLength64) {
            e.varInsn(LLOAD, bulkLength); // completed, so below the memory's or table's size
        } else {
            e.varInsn(ILOAD, bulkLength);
            e.insn(I2L);
            e.lconst(0xFFFFFFFFL); // an unsigned count
            e.insn(LAND);
        }
        int per = costs.costPerElement(op.firstByte(), op.subOpcode());
        if (per != 1) {
            e.lconst(per);
            e.insn(LMUL);
        }
        e.insn(LADD);
        counter.endStore(e);
        bulkLength = -1;
        check(e, t);
        if (failed != null) t.placeTarget(failed);
    }

    /**
     * The cost of a bulk or grow operator's elements if Wasmtime 49 folds it into the static count:
     * the count is a constant to Cranelift ({@link WasmtimeConstants}) and costs at most 128
     * (charged then whatever the outcome, with no check); else -1 (charged when it completed, and
     * checked).
     */
    private long smallConstantCost(FunctionTranslator t, Op op) {
        Long n = t.wasmtimeConstants == null ? null : t.wasmtimeConstants.lastOperand();
        if (n == null || n < 0 || n > 128) return -1;
        long cost = n * costs.costPerElement(op.firstByte(), op.subOpcode());
        return cost <= 128 ? cost : -1;
    }

    @Override
    public void beforeCall(CodeEmitter e, FunctionTranslator t) {
        endRange(e);
    }

    @Override
    public void afterCall(CodeEmitter e, FunctionTranslator t) {
        reload(e, t);
        startRange(e, t);
    }

    /** The thrower saved the counter (a throw, a callee, a region's handler): read it back. */
    @Override
    public void afterCatch(CodeEmitter e, FunctionTranslator t) {
        reload(e, t);
    }

    @Override
    public void beforeFunctionReturn(CodeEmitter e, FunctionTranslator t) {
        counter.flush(e);
        save(e, t);
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

    private void startRange(CodeEmitter e, FunctionTranslator t) {
        Label start = new Label();
        rangeEnd = new Label();
        t.addCatchAll(start, rangeEnd, handler);
        e.label(start);
        rangeStartCount = e.instructionCount();
    }

    private void endRange(CodeEmitter e) {
        if (rangeEnd == null) return;
        if (e.instructionCount() == rangeStartCount) e.insn(NOP); // a range must not be empty
        e.label(rangeEnd);
        rangeEnd = null;
    }

    /** Writes the counter back to the limits object. */
    private void save(CodeEmitter e, FunctionTranslator t) {
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        counter.load(e);
        e.field(PUTFIELD, LIMITS, "fuelConsumed", "J");
    }

    /** Reads the counter from the limits object. */
    private void reload(CodeEmitter e, FunctionTranslator t) {
        counter.beginStore(e);
        e.varInsn(ALOAD, t.ctxSlot());
        e.field(GETFIELD, CTX, "limits", "L" + LIMITS + ";");
        e.field(GETFIELD, LIMITS, "fuelConsumed", "J");
        counter.endStore(e);
    }

    /**
     * {@code if (counter >= 0) counter = Fuel.outOfFuel(counter, ctx)}, the comparison in the
     * generated code rather than in a shared helper: each check gets its own branch profile, so
     * that C2 compiles the never-taken slow path of every hot loop to an uncommon trap.
     */
    private void check(CodeEmitter e, FunctionTranslator t) {
        Label enough = new Label();
        counter.load(e);
        e.lconst(0);
        e.insn(LCMP);
        e.jump(IFLT, enough);
        counter.beginStore(e);
        counter.loadInStore(e);
        e.varInsn(ALOAD, t.ctxSlot());
        e.invokeStatic(RuntimeNames.name(dev.bytelift.runtime.internal.Fuel.class), "outOfFuel", "(JL" + CTX + ";)J");
        counter.endStore(e);
        t.placeTarget(enough);
    }
}
