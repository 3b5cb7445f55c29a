package dev.bytelift.runtime.internal;

import java.util.Arrays;
import dev.bytelift.runtime.TrapCode;

/**
 * The locals of the split functions running in a store (docs/splitting.md): a stack of frames, one
 * per activation of a split function, each a {@code long[]} (numbers as raw bits) and, if the
 * function has reference locals, an {@code Object[]}. The arrays stay with their level of the stack
 * once allocated and are reused by every later activation at that level, so that calling a split
 * function allocates nothing once the stack has been that deep with frames that large.
 *
 * <p>Each level has arrays of its own rather than a range of one shared array: a caller's frame
 * never moves when a callee needs more room, so generated code indexes a frame from 0 and passes
 * just the array to the pieces of the function (region call sites stay small).
 *
 * <p>Protocol (generated code): the entry method of a split function reads {@link #top} into a
 * JVM local, calls {@link #enter} (and {@link #refs} if it has reference locals), and sets
 * {@code top} back to the saved value before every return and in a catch-all handler that rethrows,
 * so that a trap unwinding through it leaves the stack as it found it. A store runs one thread at a
 * time ({@link dev.bytelift.runtime.Store}), so one stack per store is enough; host functions that
 * call back into WebAssembly simply push further frames. A returning function's reference locals
 * are not cleared (a level is cleared when it is entered again), so they stay reachable until then.
 *
 * <p>What the stack keeps is bounded: past {@link #MAX_ENTRIES} entries of live frames the entering
 * call traps with {@code call stack exhausted}, like any other too-deep recursion, instead of
 * running the JVM out of memory (arrays of levels above the current one are let go first).
 */
public final class FrameStack {
    /**
     * The most {@code long} (and, separately, {@code Object}) entries the frames of one store may
     * hold together: 16 Mi (128 MiB of {@code long}s), or an eighth of the maximum heap if that is
     * less. Deep recursion through a split function with a few dozen locals needs a few MiB.
     */
    public static final int MAX_ENTRIES = (int) Math.min(1 << 24, Runtime.getRuntime().maxMemory() / 8 / 8);

    private final int maxEntries;

    /** The number of frames in use: the level the next entered split function takes. */
    public int top;
    private long[][] longs = new long[16][];
    private Object[][] objects = new Object[16][];
    /** Entries held by all levels' arrays, in use or not (against the bound). */
    private long longEntries, objectEntries;

    /** A stack bounded by {@link #MAX_ENTRIES}. */
    public FrameStack() {
        this(MAX_ENTRIES);
    }

    /** A stack whose frames may hold {@code maxEntries} entries of each kind (tests). */
    FrameStack(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * Takes the next level for a function with {@code n} {@code long} entries and returns its array,
     * of at least {@code n} entries, the first {@code n} zero; {@link #top} is one more afterwards.
     */
    public long[] enter(int n) {
        int k = top;
        if (k == longs.length) {
            longs = Arrays.copyOf(longs, k * 2);
            objects = Arrays.copyOf(objects, k * 2);
        }
        long[] a = longs[k];
        if (a == null || a.length < n) {
            a = newLongs(k, n);
        } else {
            Arrays.fill(a, 0, n, 0L);
        }
        top = k + 1;
        return a;
    }

    /**
     * The reference array of the level just {@linkplain #enter entered}, of at least {@code n}
     * entries, the first {@code n} null.
     */
    public Object[] refs(int n) {
        int k = top - 1;
        Object[] a = objects[k];
        if (a == null || a.length < n) {
            a = newObjects(k, n);
        } else {
            Arrays.fill(a, 0, n, null);
        }
        return a;
    }

    private long[] newLongs(int k, int n) {
        long[] old = longs[k];
        long held = longEntries - (old == null ? 0 : old.length);
        int size = roundUp(n);
        if (held + size > maxEntries) {
            held -= dropAbove(k, longs);
            if (held + size > maxEntries) throw Traps.trap(TrapCode.STACK_OVERFLOW);
        }
        longs[k] = null; // (let the old array go before allocating the new one)
        long[] a = new long[size];
        longs[k] = a;
        longEntries = held + size;
        return a;
    }

    private Object[] newObjects(int k, int n) {
        Object[] old = objects[k];
        long held = objectEntries - (old == null ? 0 : old.length);
        int size = roundUp(n);
        if (held + size > maxEntries) {
            held -= dropAbove(k, objects);
            if (held + size > maxEntries) throw Traps.trap(TrapCode.STACK_OVERFLOW);
        }
        objects[k] = null;
        Object[] a = new Object[size];
        objects[k] = a;
        objectEntries = held + size;
        return a;
    }

    /**
     * Lets go of the arrays of the levels above {@code k} (kept from deeper calls earlier, not in
     * use now); returns how many entries they held.
     */
    private static long dropAbove(int k, Object[] levels) {
        long freed = 0;
        for (int i = k + 1; i < levels.length; i++) {
            if (levels[i] == null) continue;
            freed += java.lang.reflect.Array.getLength(levels[i]);
            levels[i] = null;
        }
        return freed;
    }

    /** Sizes a level's array to a power of two (at least 16), so that frames of similar functions share it. */
    private static int roundUp(int n) {
        if (n <= 16) return 16;
        int p = Integer.highestOneBit(n - 1) << 1;
        return p > 0 ? p : n;
    }
}
