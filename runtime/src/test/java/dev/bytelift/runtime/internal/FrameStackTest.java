package dev.bytelift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/** The split functions' frame stack: reuse without allocation, zeroed frames, the bound. */
class FrameStackTest {
    @Test
    void aLevelKeepsItsArraysAndHandsThemOutZeroed() {
        FrameStack s = new FrameStack();
        long[] a = s.enter(5);
        Object[] r = s.refs(3);
        a[4] = 42;
        r[2] = "x";
        assertEquals(1, s.top);
        s.top = 0; // the function returns
        assertSame(a, s.enter(5), "the same level's array again");
        assertEquals(0, a[4]);
        assertSame(r, s.refs(3));
        assertNull(r[2]);
        long[] b = s.enter(3);
        assertTrue(b != a, "the next level has its own array");
        assertEquals(2, s.top);
    }

    @Test
    void aLargerFrameReplacesTheLevelsArray() {
        FrameStack s = new FrameStack();
        long[] small = s.enter(4);
        s.top = 0;
        long[] big = s.enter(1000);
        assertTrue(big.length >= 1000 && big != small);
    }

    @Test
    void pastTheBoundEnteringTrapsAsAStackOverflowAndLeavesTheTop() {
        FrameStack s = new FrameStack(1024);
        for (int i = 0; i < 8; i++) s.enter(100); // 8 levels of 128 entries
        Trap t = assertThrows(Trap.class, () -> s.enter(100));
        assertEquals(TrapCode.STACK_OVERFLOW, t.code());
        assertEquals(8, s.top);
        s.top = 0;
        s.enter(100);
        assertEquals(1, s.top);
    }

    @Test
    void arraysKeptAboveTheTopAreLetGoBeforeTrapping() {
        FrameStack s = new FrameStack(1024);
        for (int i = 0; i < 8; i++) s.enter(100); // deep recursion earlier: 8 levels held
        s.top = 0;
        s.enter(600); // level 0 needs 1024 (rounded): only if the 7 levels above are dropped
        assertEquals(1, s.top);
        s.top = 0;
        assertThrows(Trap.class, () -> s.enter(2000));
    }
}
