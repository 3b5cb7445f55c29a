package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.FRAME_LOCALS;
import static dev.bytelift.runtime.ValType.V128;

import java.util.HashMap;
import java.util.Map;
import dev.bytelift.runtime.ValType;

/**
 * The locals of a split function, in two arrays its own method creates and passes to every piece:
 * numeric locals in a {@code long[]} (a v128 in two entries), references in an {@code Object[]}.
 * Instrumentation may keep permanent entries of its own in the {@code long[]} ({@link #frameLong}).
 */
final class FrameArrayLocals extends LocalStorage {
    /** The index of each local in its array. */
    private final int[] index;
    private int longs;
    private int refs;
    private final Map<String, Integer> named = new HashMap<>();
    private boolean created;

    FrameArrayLocals(FunctionTranslator t, ValType[] types) {
        super(t, types);
        index = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            ValType type = types[i];
            if (type.isReference()) {
                index[i] = refs++;
            } else {
                index[i] = longs;
                longs += type == V128 ? 2 : 1;
            }
        }
    }

    /**
     * The index of a permanent entry named {@code key} in the {@code long[]}: the same entry in every
     * piece, so values kept there need no saving around calls of other pieces. Only while the
     * function's locals are declared (before the arrays are created).
     */
    int frameLong(String key) {
        Integer i = named.get(key);
        if (i == null) {
            if (created) throw new IllegalStateException("frame entry " + key + " declared too late");
            i = longs++;
            named.put(key, i);
        }
        return i;
    }

    @Override
    int layOut(int slot, int[] paramSlots) {
        ms().lSlot = slot++;
        ms().frameLocals.add("[J");
        ms().rSlot = slot++;
        ms().frameLocals.add("[Ljava/lang/Object;");
        return slot;
    }

    @Override
    void initialise(int[] paramSlots) {
        created = true;
        e().iconst(longs);
        e().newPrimitiveArray(T_LONG);
        e().varInsn(ASTORE, ms().lSlot);
        e().iconst(refs);
        e().typeInsn(ANEWARRAY, "java/lang/Object");
        e().varInsn(ASTORE, ms().rSlot);
        for (int i = 0; i < paramSlots.length; i++) {
            e().load(types[i], paramSlots[i]);
            store(i);
        }
    }

    @Override
    void load(int i) {
        ValType t = types[i];
        int idx = index[i];
        if (t.isReference()) {
            e().varInsn(ALOAD, ms().rSlot);
            e().iconst(idx);
            e().insn(AALOAD);
        } else if (t == V128) {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(idx);
            e().insn(LALOAD);
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(idx + 1);
            e().insn(LALOAD);
        } else {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(idx);
            e().invokeStatic(FRAME_LOCALS, "get" + suffix(t), "([JI)" + desc(t));
        }
    }

    @Override
    void store(int i) {
        ValType t = types[i];
        int idx = index[i];
        if (t.isReference()) {
            e().varInsn(ALOAD, ms().rSlot);
            e().insn(SWAP);
            e().iconst(idx);
            e().insn(SWAP);
            e().insn(AASTORE);
        } else {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(idx);
            e().invokeStatic(FRAME_LOCALS, "set" + suffix(t), "(" + desc(t) + "[JI)V");
        }
    }
}
