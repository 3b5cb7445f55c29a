package dev.bytelift.compiler.validate;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which non-defaultable locals (non-nullable references) are set, the spec's "inits": a local set
 * in a block counts as set until the block ends (or its else arm begins), so a {@code local.get}
 * is valid only where a {@code local.set} dominates it within the same or an enclosing block.
 * Functions without such locals never record anything.
 */
final class LocalInits {
    /** The function's locals, or null when every local is always set (the common case). */
    private LocalTypes types;
    /** The non-defaultable locals set so far (a bit per local up to the highest one set, not per declared local). */
    private final BitSet set = new BitSet();
    /** The locals set so far, in order, so that a block's end can unset those it set. */
    private int[] stack = new int[8];
    private int height;

    void reset(LocalTypes types) {
        height = 0;
        set.clear();
        this.types = null;
        // per run, not per local: a run of 50,000 locals costs one check
        for (int k = 0; k < types.runs(); k++) {
            if (types.runStart(k) >= types.params() && !types.runType(k).isDefaultable()) {
                this.types = types;
                return;
            }
        }
    }

    boolean isSet(int i) {
        return types == null || i < types.params() || types.type(i).isDefaultable() || set.get(i);
    }

    void set(int i) {
        if (isSet(i)) return;
        set.set(i);
        if (height == stack.length) stack = Arrays.copyOf(stack, height * 2);
        stack[height++] = i;
    }

    int height() {
        return height;
    }

    /** Unsets the locals set since height {@code h}. */
    void resetTo(int h) {
        while (height > h) set.clear(stack[--height]);
    }
}
