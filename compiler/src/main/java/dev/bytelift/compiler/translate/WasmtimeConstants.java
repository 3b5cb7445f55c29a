package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which operand is a compile-time constant to Wasmtime 49, whose fuel for bulk operators and
 * {@code memory.grow}/{@code table.grow} depends on it ({@link FuelMeter}): Cranelift folds a
 * constant length's cost into the block's static count and checks no fuel if it is at most 128,
 * where it charges a computed one at run time and checks. "Constant" is Cranelift's: an SSA value
 * defined by an {@code iconst}. That covers {@code i32/i64.const}, an immutable defined global
 * with a constant initialiser, a local whose reaching definitions all are the same constant (SSA
 * variables with trivial phis removed: the same definition, not just the same value, on every
 * path; not inside a loop for a value set before it, whose header is not sealed yet), and a
 * block's result when the block has exactly one predecessor.
 * Everything else is not constant (a select, an if/else result, a value kept under other operands
 * across a branch): where this is more cautious than Cranelift, the fuel of a bulk operator is
 * checked where Wasmtime would not check it (FuelDifferentialTest would show it).
 *
 * <p>It sees every operator of the function, reachable or not, in order, across the methods of a
 * split function (the translator feeds it; instrumentation instances are per method).
 */
final class WasmtimeConstants {
    private static final int FUNC = -1;
    /** At most this many explicitly constant locals are tracked (the map is copied at branches). */
    private static final int MAX_LOCALS = 16;

    /** A control frame: the constant locals and top value reaching its end (met edge by edge). */
    private static final class Frame {
        final Op kind; // BLOCK, LOOP, IF, TRY_TABLE, TRY or null for the function
        final boolean startReachable;
        final Map<Integer, K> entryLocals;
        final K entryTop;
        /** 0 or 1 result (the only cases where the top after the end is tracked), else -1. */
        final int results;
        /** How many edges reach the end; the constant locals common to all; the first edge's top. */
        int edges;
        Map<Integer, K> meet;
        K firstTop;
        /** Loops: the assignment count when the loop began (a later stamp was assigned inside it). */
        int assignmentsBefore;
        /** Ifs: which locals had been assigned at the start (the else arm starts from there), then the then arm's. */
        BitSet assignedBefore;
        BitSet assignedInThen;
        /** Reached from anywhere inside (a catch clause's label): nothing known at the end. */
        boolean poisoned;
        boolean hasElse;

        Frame(Op kind, boolean startReachable, Map<Integer, K> entryLocals, K entryTop, int results) {
            this.kind = kind;
            this.startReachable = startReachable;
            this.entryLocals = entryLocals;
            this.entryTop = entryTop;
            this.results = results;
        }
    }

    private final ModuleInfo m;
    private final List<Frame> frames = new ArrayList<>();
    /** The locals known constant, but for declared ones never assigned so far (implicitly zero). */
    private Map<Integer, K> locals = new HashMap<>();
    /** Whether {@link #locals} is also a frame's snapshot or edge (copied before the next write). */
    private boolean shared;
    /** The declared i32/i64 locals: zero until assigned (Cranelift: {@code iconst 0}). */
    private dev.bytelift.compiler.validate.LocalTypes declared;
    /** The locals assigned on the way here (in program order, else arms restarting from their if). */
    private BitSet assigned = new BitSet();
    /**
     * Set once a local past {@link #MAX_TRACKED_LOCAL} is assigned: {@link #assigned} is no longer
     * kept, every local counts as assigned (no implicit zeros; only folds less). Each {@code if}
     * copies the set, and a body of 100,000 nested {@code if}s under an assigned local near
     * 50,000 made those copies 6 KB each.
     */
    private boolean assignedUntracked;
    static final int MAX_TRACKED_LOCAL = 1024;
    /** Assignments inside loops so far, and each local's last one's number (whether a loop assigned it). */
    private int loopAssignments;
    private final Map<Integer, Integer> lastLoopAssignment = new HashMap<>();
    private int loopDepth;
    private K top;
    private K beforeLast;
    private int defs;
    private boolean reachable = true;

    WasmtimeConstants(ModuleInfo m) {
        this.m = m;
        frames.add(new Frame(null, true, Map.of(), null, FUNC));
    }

    /** The declared locals (after the parameters) start as zero: Cranelift defines them by {@code iconst 0}. */
    void zeroLocals(dev.bytelift.compiler.validate.LocalTypes localTypes) {
        declared = localTypes; // asked per local used, not marked per local declared
    }

    /** Whether local {@code i} is a declared i32/i64 local (zero until assigned). */
    private boolean zeroed(int i) {
        if (declared == null || i < declared.params() || Integer.compareUnsigned(i, declared.size()) >= 0) return false;
        return switch (declared.type(i).kind()) {
            case I32, I64 -> true;
            default -> false;
        };
    }

    /** Local i's constant: an explicit one, or its initial zero (never assigned; not inside a loop, whose header merges). */
    private K local(int i) {
        K k = locals.get(i);
        if (k != null || loopDepth > 0 || !zeroed(i) || assignedUntracked || assigned.get(i)) return k;
        return new K(0, -1 - i); // (one definition per local)
    }

    /** The constant on top of the stack before the operator last seen (its last operand), or null. */
    Long lastOperand() {
        return beforeLast == null ? null : beforeLast.value;
    }

    /** A constant: its value and which definition (an {@code iconst}) it is, as SSA values differ. */
    private record K(long value, int def) {}

    private K constant(long value) {
        return new K(value, ++defs);
    }

    /** Takes in the next operator (its immediates read). */
    void see(Op op, FunctionTranslator t) {
        beforeLast = reachable ? top : null;
        if (!reachable) {
            unreachableCode(op);
            return;
        }
        switch (op) {
            case NOP -> {}
            case I32_CONST -> top = constant(t.r.bits() & 0xFFFFFFFFL);
            case I64_CONST -> top = constant(t.r.bits());
            case LOCAL_GET -> top = local(t.r.index());
            case LOCAL_SET, LOCAL_TEE -> {
                int i = t.r.index();
                if (declared != null && Integer.compareUnsigned(i, declared.size()) >= 0) {
                    top = null; // seen before validation: an unknown local (any u32) is reported next
                    return;
                }
                if (shared) {
                    locals = new HashMap<>(locals);
                    shared = false;
                }
                if (top == null) locals.remove(i);
                else if (locals.size() < MAX_LOCALS || locals.containsKey(i)) locals.put(i, top);
                else locals.clear(); // (rare: forgetting is only more cautious, and keeps copies cheap)
                if (i >= MAX_TRACKED_LOCAL) assignedUntracked = true;
                else if (!assignedUntracked) assigned.set(i);
                if (loopDepth > 0) lastLoopAssignment.put(i, ++loopAssignments);
                if (op == Op.LOCAL_SET) top = null;
            }
            case GLOBAL_GET -> top = constantGlobal(t.r.index());
            case BLOCK, LOOP, IF, TRY_TABLE, TRY -> {
                int results = t.r.blockType() == -64 ? 0 : t.r.blockType() < 0 ? 1 : -1;
                Frame f = new Frame(op, true, snapshot(), op == Op.IF ? null : top, results);
                frames.add(f);
                if (op == Op.IF && !assignedUntracked) f.assignedBefore = (BitSet) assigned.clone();
                if (op == Op.LOOP) {
                    f.assignmentsBefore = loopAssignments;
                    set(new HashMap<>()); // the header is a merge, unsealed inside
                    loopDepth++;
                }
                if (op == Op.TRY_TABLE) {
                    for (int i = 0; i < t.r.count(); i++) target(t.r.label(i)).poisoned = true;
                }
                top = null;
            }
            case ELSE -> {
                Frame f = innermost();
                edge(f, null, true);
                f.hasElse = true;
                locals = f.entryLocals;
                shared = true;
                elseArm(f);
                top = null;
            }
            case CATCH, CATCH_ALL -> {
                Frame f = innermost();
                edge(f, null, true);
                f.poisoned = true; // a handler is reached from anywhere in the body
                set(new HashMap<>());
                top = null;
            }
            case END, DELEGATE -> {
                Frame f = innermost();
                edge(f, top, true);
                if (op == Op.DELEGATE) f.poisoned = true;
                end();
            }
            case BR -> {
                edge(target(t.r.index()), top, false);
                reachable = false;
            }
            case BR_IF, BR_ON_NULL, BR_ON_NON_NULL -> {
                edge(target(t.r.index()), null, false); // (the value passed is under the condition)
                top = null;
            }
            case BR_TABLE -> {
                for (int i = 0; i < t.r.count(); i++) edge(target(t.r.label(i)), null, false);
                edge(target(t.r.index()), null, false);
                reachable = false;
            }
            default -> {
                top = null;
                if (op.has(Op.F.LEAVES)) reachable = false;
            }
        }
    }

    /** Only the structure matters in unreachable code: Cranelift does not translate it. */
    private void unreachableCode(Op op) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY_TABLE, TRY -> {
                Frame f = new Frame(op, false, Map.of(), null, -1);
                frames.add(f);
                if (op == Op.LOOP) {
                    loopDepth++;
                }
            }
            case ELSE, CATCH, CATCH_ALL -> {
                Frame f = innermost();
                if (op == Op.ELSE) f.hasElse = true;
                else f.poisoned = true;
                if (f.startReachable) {
                    reachable = true;
                    locals = op == Op.ELSE ? f.entryLocals : new HashMap<>();
                    shared = true;
                    if (op == Op.ELSE) elseArm(f);
                    top = null;
                }
            }
            case END, DELEGATE -> end();
            default -> {}
        }
    }

    /** An else arm starts from the if's start: locals assigned only in the then arm are still zero there. */
    private void elseArm(Frame f) {
        if (f.assignedBefore == null) return;
        f.assignedInThen = assigned;
        assigned = (BitSet) f.assignedBefore.clone();
    }

    private Map<Integer, K> snapshot() {
        shared = true;
        return locals;
    }

    private void set(Map<Integer, K> owned) {
        locals = owned;
        shared = false;
    }

    private Frame innermost() {
        return frames.get(frames.size() - 1);
    }

    private Frame target(int depth) {
        // seen before validation: an unknown label (any u32, negative as an int) is reported next
        if (Integer.compareUnsigned(depth, frames.size()) >= 0) return frames.get(0);
        return frames.get(frames.size() - 1 - depth);
    }

    /** A predecessor of frame f's end: a fallthrough, or a branch (to a loop: its header instead). */
    private void edge(Frame f, K value, boolean fallthrough) {
        if (f.kind == Op.LOOP && !fallthrough) return;
        edge(f, snapshot(), value);
    }

    private static void edge(Frame f, Map<Integer, K> edgeLocals, K value) {
        if (f.edges++ == 0) {
            f.meet = edgeLocals; // (shared: never written)
            f.firstTop = value;
        } else if (f.meet != edgeLocals && !f.meet.isEmpty()) {
            Map<Integer, K> common = null;
            for (var e : f.meet.entrySet()) {
                if (!e.getValue().equals(edgeLocals.get(e.getKey()))) continue;
                if (common == null) common = new HashMap<>();
                common.put(e.getKey(), e.getValue());
            }
            f.meet = common == null ? Map.of() : common;
        }
    }

    private boolean assignedIn(Frame loop, int local) {
        // a loop's body is one stretch of code: what was assigned after its start, at its end, was assigned inside
        return lastLoopAssignment.getOrDefault(local, 0) > loop.assignmentsBefore;
    }

    private void end() {
        if (frames.size() == 1) { // the function's end
            reachable = false;
            return;
        }
        Frame f = frames.remove(frames.size() - 1);
        if (f.assignedInThen != null) assigned.or(f.assignedInThen);
        if (f.kind == Op.LOOP) {
            loopDepth--;
        }
        if (!f.startReachable) return; // still unreachable
        if (f.kind == Op.IF && !f.hasElse) edge(f, f.entryLocals, null); // the implicit else
        if (f.edges == 0) {
            reachable = false;
            top = null;
            return;
        }
        reachable = true;
        if (f.kind == Op.LOOP) {
            // only the fallthrough reaches a loop's end (branches go to the header); a local
            // not assigned in the loop has its value from before (the header's phi is trivial)
            Map<Integer, K> after = new HashMap<>();
            for (var e : f.meet.entrySet()) if (assignedIn(f, e.getKey())) after.put(e.getKey(), e.getValue());
            for (var e : f.entryLocals.entrySet()) if (!assignedIn(f, e.getKey())) after.put(e.getKey(), e.getValue());
            set(after);
            top = f.results == 1 ? f.firstTop : f.results == 0 ? f.entryTop : null;
            return;
        }
        if (f.poisoned) {
            set(new HashMap<>());
            top = null;
            return;
        }
        locals = f.meet;
        shared = true;
        top = f.results == 1 ? (f.edges == 1 ? f.firstTop : null) : f.results == 0 ? f.entryTop : null;
    }

    private K constantGlobal(int g) {
        if (g < m.importedGlobals || g >= m.globals.size() || m.globals.get(g).mutable()) return null;
        ConstExpr init = m.globalInits.get(g - m.importedGlobals);
        if (init == null || init.code() != null && init.code().size() > 1) return null;
        return switch (init.op()) {
            case I32_CONST -> constant(init.bits() & 0xFFFFFFFFL); // (each global.get its own iconst)
            case I64_CONST -> constant(init.bits());
            default -> null;
        };
    }
}
