package dev.bytelift.compiler.translate;

import dev.bytelift.compiler.decode.Op;

/**
 * Which operators' offsets go into a method's line number table, which is where backtraces read a
 * frame's offset from: every operator a backtrace can point at (one that may trap, calls, throws or
 * returns, and every control, memory, table, reference, SIMD and exception operator, where
 * instrumentation checks too), not the plain arithmetic, parametric and variable operators, which
 * can do none of these and are most of a body. Their code counts as the recorded operator's before
 * them. An entry per operator made the tables, and their handling in ASM and in HotSpot's class
 * parser, 4-9 % of a compile (docs/performance.md §28).
 */
final class LineTable {
    private static final boolean[] RECORDED = new boolean[Op.values().length];

    static {
        for (Op op : Op.values()) {
            Op.Family f = op.family();
            boolean plain = (f == Op.Family.NUMERIC || f == Op.Family.VARIABLE || f == Op.Family.PARAMETRIC)
                    && !op.has(Op.F.TRAPS) && !op.has(Op.F.CALL) && !op.has(Op.F.LEAVES);
            RECORDED[op.ordinal()] = !plain;
        }
    }

    private LineTable() {}

    /** Whether {@code op}'s offset is recorded as the line number of its code. */
    static boolean records(Op op) {
        return RECORDED[op.ordinal()];
    }
}
