package dev.bytelift.compiler.validate;

import java.util.Arrays;
import dev.bytelift.runtime.ValType;

/**
 * Which non-defaultable locals (non-nullable references) are set, the spec's "inits": a local set
 * in a block counts as set until the block ends (or its else arm begins), so a {@code local.get}
 * is valid only where a {@code local.set} dominates it within the same or an enclosing block.
 * Functions without such locals never record anything.
 */
final class LocalInits {
    /** Per local: set (every defaultable local and every parameter is, always). */
    private boolean[] set;
    /** The locals set so far, in order, so that a block's end can unset those it set. */
    private int[] stack = new int[8];
    private int height;

    void reset(ValType[] types, int params) {
        height = 0;
        boolean any = false;
        for (int i = params; i < types.length && !any; i++) any = !types[i].isDefaultable();
        if (!any) {
            set = null; // the common case: every local is always set
            return;
        }
        set = new boolean[types.length];
        for (int i = 0; i < types.length; i++) set[i] = i < params || types[i].isDefaultable();
    }

    boolean isSet(int i) {
        return set == null || set[i];
    }

    void set(int i) {
        if (set == null || set[i]) return;
        set[i] = true;
        if (height == stack.length) stack = Arrays.copyOf(stack, height * 2);
        stack[height++] = i;
    }

    int height() {
        return height;
    }

    /** Unsets the locals set since height {@code h}. */
    void resetTo(int h) {
        while (height > h) set[stack[--height]] = false;
    }
}
