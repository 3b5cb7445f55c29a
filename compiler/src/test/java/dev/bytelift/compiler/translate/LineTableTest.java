package dev.bytelift.compiler.translate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.decode.Op;

/**
 * Backtraces read a frame's offset from the line number table, so every operator whose code can be
 * where a backtrace points (a trap, a call, a throw, a return, an instrumentation check) must be
 * recorded; only plain arithmetic, parametric and variable operators may be left out.
 */
class LineTableTest {
    @Test
    void everyOperatorABacktraceCanPointAtIsRecorded() {
        int left = 0;
        for (Op op : Op.values()) {
            boolean mayThrow = op.has(Op.F.TRAPS) || op.has(Op.F.CALL) || op.has(Op.F.LEAVES);
            Op.Family f = op.family();
            boolean plainFamily = f == Op.Family.NUMERIC || f == Op.Family.VARIABLE || f == Op.Family.PARAMETRIC;
            if (mayThrow || !plainFamily) {
                assertTrue(LineTable.records(op), op + " must be recorded");
            } else {
                left++;
            }
        }
        assertTrue(left > 100, "the plain operators are left out");
        for (Op op : new Op[] {Op.I32_DIV_S, Op.I32_LOAD, Op.CALL, Op.CALL_INDIRECT, Op.UNREACHABLE, Op.LOOP, Op.RETURN, Op.MEMORY_GROW}) {
            assertTrue(LineTable.records(op), op.toString());
        }
        for (Op op : new Op[] {Op.LOCAL_GET, Op.I32_ADD, Op.I32_CONST, Op.DROP, Op.I64_MUL}) {
            assertFalse(LineTable.records(op), op.toString());
        }
    }
}
