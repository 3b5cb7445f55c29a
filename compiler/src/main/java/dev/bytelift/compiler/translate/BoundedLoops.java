package dev.bytelift.compiler.translate;

import java.util.function.IntPredicate;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.decode.Proposal;
import dev.bytelift.runtime.HeapType;

/**
 * Finds the loops that run a small, fixed number of iterations of straight code, whose headers
 * therefore need no epoch check: the check of the loop or function around them comes at least
 * once per run of such a loop, so a deadline is still noticed within a bounded amount of work
 * (issue 19 allows checks to be that much coarser). Compilers emit such loops for fixed-size
 * arrays (a matrix row, a hash's rounds), and they are the tightest: a check per iteration costs
 * them most (docs/performance.md §7.4).
 *
 * <p>The shape recognised, as clang emits it: a loop entered right after {@code i32.const INIT;
 * local.set X}, whose only branch back is its last instruction, {@code br_if 0}, after
 * {@code X = X + C} ({@code local.get X; i32.const C; i32.add; local.tee X}) and a comparison with
 * a constant {@code K}: {@code i32.const K; i32.ne} (or nothing: {@code X != 0}), or
 * {@code i32.const K; i32.lt_u} (then INIT may be unknown). X is written nowhere else in the loop;
 * the loop contains no call, no other loop, nothing of exception handling and no branch back but
 * that one. Then it runs at most {@code n} iterations, {@code n} exact for {@code ne} (the first
 * {@code n} with {@code INIT + n * C == K} modulo 2^32; if there is none the loop is not bounded)
 * and {@code K / C + 1} for {@code lt_u}; it is bounded if {@code n} times its size is at most
 * {@link #BUDGET} bytes of code.
 *
 * <p>Also answers {@link #hasInnerLoop}, which decides the shape of a loop header's epoch check
 * ({@code EpochCheck}), and {@link #callsCheckingFunctionFirst}, which finds loops whose every
 * iteration passes another check anyway.
 */
final class BoundedLoops {
    /** The most bytes of loop body times iterations a loop without a check may run: about a millisecond. */
    static final long BUDGET = 1 << 20;

    private BoundedLoops() {}

    /**
     * Whether the loop at {@code loopAt} in {@code bytes} (the operators before it at {@code at1}
     * and {@code at2}, -1 if none) is bounded. Anything unexpected (malformed code the translation
     * will report) answers false.
     */
    static boolean bounded(byte[] bytes, int limit, int at2, int at1, int loopAt) {
        try {
            return scan(bytes, limit, at2, at1, loopAt);
        } catch (RuntimeException malformedOrInvalid) {
            return false;
        }
    }

    /** Whether the loop at {@code loopAt} has another loop in its body. Malformed code answers false. */
    static boolean hasInnerLoop(byte[] bytes, int limit, int loopAt) {
        try {
            OperatorReader r = reader(bytes, loopAt, limit);
            if (r.next() != Op.LOOP) return false;
            int depth = 0;
            while (true) {
                Op op = r.next();
                if (op == Op.LOOP) return true;
                if (op.has(Op.F.BLOCK)) depth++;
                else if (op == Op.END && depth-- == 0) return false;
            }
        } catch (RuntimeException malformedOrInvalid) {
            return false;
        }
    }

    /**
     * Whether every iteration of the loop at {@code loopAt} calls a function that checks the epoch
     * on entry ({@code checksOnEntry}, by function index) before it can branch anywhere: the loop's
     * body starts with straight code (plain {@code block}s and calls included) up to such a
     * {@code call}. Then that entry check comes once per iteration, after a bounded amount of
     * code, and the loop header's own would be a second one (fib's loop calls fib: one check per
     * call instead of two). Malformed code answers false.
     */
    static boolean callsCheckingFunctionFirst(byte[] bytes, int limit, int loopAt, IntPredicate checksOnEntry) {
        try {
            OperatorReader r = reader(bytes, loopAt, limit);
            if (r.next() != Op.LOOP) return false;
            while (true) {
                Op op = r.next();
                if (op == Op.CALL && checksOnEntry.test(r.index())) return true;
                if (op == Op.BLOCK || (op.has(Op.F.CALL) && !op.has(Op.F.LEAVES))) continue;
                if (op.has(Op.F.BLOCK) || op.has(Op.F.BRANCH) || op.has(Op.F.LEAVES) || op == Op.END || op == Op.ELSE
                        || op.proposal() == Proposal.EXCEPTIONS) {
                    return false;
                }
            }
        } catch (RuntimeException malformedOrInvalid) {
            return false;
        }
    }

    private static OperatorReader reader(byte[] bytes, int at, int limit) {
        return new OperatorReader(new ByteReader(bytes, at, limit), null, (index, pos) -> HeapType.FUNC);
    }

    private static boolean scan(byte[] bytes, int limit, int at2, int at1, int loopAt) {
        // i32.const INIT; local.set X; right before the loop
        Long init = null;
        int initLocal = -1;
        if (at2 >= 0 && at1 > at2 && loopAt > at1) {
            OperatorReader p = reader(bytes, at2, limit);
            if (p.next() == Op.I32_CONST && p.bytes().pos() == at1) {
                long value = p.bits();
                if (p.next() == Op.LOCAL_SET && p.bytes().pos() == loopAt) {
                    init = value & 0xFFFF_FFFFL;
                    initLocal = p.index();
                }
            }
        }
        OperatorReader r = reader(bytes, loopAt, limit);
        if (r.next() != Op.LOOP) return false;
        int bodyStart = r.bytes().pos();
        // the last seven operators directly in the loop (depth 0), as a ring: their ops and immediates
        Op[] ops = new Op[7];
        long[] imms = new long[7];
        int seen = 0;
        int depth = 0;
        int backEdges = 0;
        int[] localWrites = new int[16];
        while (true) {
            Op op = r.next();
            // calls, nested loops, exception handling, and operators that may take any time
            // (memory.grow copies the memory; bulk operators: all of the 0xFC prefix but the
            // saturating truncations)
            if (op == Op.LOOP || op.has(Op.F.CALL) || op.proposal() == Proposal.EXCEPTIONS || op == Op.MEMORY_GROW
                    || (op.prefix() == Op.MISC_PREFIX && op.family() != Op.Family.NUMERIC)) {
                return false;
            }
            if (op.has(Op.F.BLOCK)) {
                depth++;
                continue;
            }
            if (op == Op.END) {
                if (depth-- == 0) break;
                continue;
            }
            if (op == Op.BR || op == Op.BR_IF) {
                if (r.index() == depth) backEdges++;
            } else if (op == Op.BR_TABLE) {
                for (int i = 0; i <= r.count(); i++) if (r.label(i) == depth) return false;
            } else if (op.has(Op.F.BRANCH)) {
                return false; // br_on_null and kin
            }
            if (op == Op.LOCAL_SET || op == Op.LOCAL_TEE) {
                int x = r.index();
                if (x >= localWrites.length) localWrites = java.util.Arrays.copyOf(localWrites, Math.max(x + 1, localWrites.length * 2));
                localWrites[x]++;
            }
            if (depth == 0) {
                ops[seen % 7] = op;
                imms[seen % 7] = op == Op.I32_CONST ? r.bits() & 0xFFFF_FFFFL : (op == Op.LOCAL_GET || op == Op.LOCAL_TEE || op == Op.BR_IF) ? r.index() : 0;
                seen++;
            }
        }
        long size = r.bytes().pos() - bodyStart;
        if (backEdges != 1 || seen < 5) return false;
        // from the end: br_if 0, then the comparison, then local.tee X, i32.add, and X and C
        int k = seen - 1;
        if (ops[k % 7] != Op.BR_IF || imms[k % 7] != 0) return false;
        Op cmp = ops[(k - 1) % 7];
        long bound;
        int tee;
        boolean lessThan = false;
        if (cmp == Op.I32_NE || cmp == Op.I32_LT_U) {
            if (seen < 7 || ops[(k - 2) % 7] != Op.I32_CONST) return false;
            bound = imms[(k - 2) % 7];
            lessThan = cmp == Op.I32_LT_U;
            tee = k - 3;
        } else {
            bound = 0; // br_if on X itself: X != 0
            tee = k - 1;
        }
        if (ops[tee % 7] != Op.LOCAL_TEE || ops[(tee - 1) % 7] != Op.I32_ADD) return false;
        int x = (int) imms[tee % 7];
        Op a = ops[(tee - 2) % 7], b = ops[(tee - 3) % 7];
        long step;
        if (a == Op.I32_CONST && b == Op.LOCAL_GET && imms[(tee - 3) % 7] == x) step = imms[(tee - 2) % 7];
        else if (b == Op.I32_CONST && a == Op.LOCAL_GET && imms[(tee - 2) % 7] == x) step = imms[(tee - 3) % 7];
        else return false;
        if (x >= localWrites.length || localWrites[x] != 1) return false; // the tee is X's only write
        if (step == 0) return false;
        long iterations;
        if (lessThan) {
            // X + C <u K with C > 0: once past K it exits; a wrap-around restarts below K once
            if (step >= 1L << 31 || bound > (1L << 32) - step) return false;
            iterations = bound / step + 1;
        } else {
            if (init == null || initLocal != x) return false;
            long mod = 1L << 32;
            long up = (bound - init + mod) % mod;          // distance to K counting up
            long down = (init - bound + mod) % mod;        // counting down
            boolean negative = step >= 1L << 31;
            long c = negative ? mod - step : step;
            long d = negative ? down : up;
            if (d == 0 || d % c != 0) return false;
            iterations = d / c;
        }
        return iterations <= BUDGET / Math.max(size, 1);
    }
}
