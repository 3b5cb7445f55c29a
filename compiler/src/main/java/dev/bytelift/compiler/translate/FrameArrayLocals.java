package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FRAME_LOCALS;
import static dev.bytelift.compiler.translate.RuntimeNames.FRAME_STACK;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;
import static dev.bytelift.runtime.ValType.V128;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.ValType;

/**
 * The locals of a split function, in two arrays its own method takes from the store's frame stack
 * ({@code FrameStack}) and passes to every piece: numeric locals in a {@code long[]} (a v128 in two
 * entries), references in an {@code Object[]} (null when it has none).
 * Instrumentation's persistent longs get entries of the {@code long[]} too ({@link #persistentLong}).
 */
final class FrameArrayLocals extends LocalStorage {
    /** The index of each local in its array. */
    private final int[] index;
    private int longs;
    private int refs;
    private final Map<String, Integer> named = new HashMap<>();
    private boolean created;
    /** The entry method's local holding the frame stack's top on entry (restored on the way out). */
    private int topSlot;
    /** The catch-all handler's range (from after the top is saved to the method's end) and code. */
    private Label handlerStart;
    private Label handlerEnd;

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
    private int frameLong(String key) {
        Integer i = named.get(key);
        if (i == null) {
            if (created) throw new IllegalStateException("frame entry " + key + " declared too late");
            i = longs++;
            named.put(key, i);
        }
        return i;
    }

    /**
     * Reserves a spill area of {@code positions} operand stack positions (deep-stack mode): two
     * entries of the {@code long[]} and one of the {@code Object[]} each. Returns the first of each.
     */
    int[] reserveStack(int positions) {
        int[] first = {longs, refs};
        longs += 2 * positions;
        refs += positions;
        return first;
    }

    /*
     * A function whose body is large keeps a persistent long in its frame entry: it may call hundreds
     * of regions from one method (a br_table over 256 blocks, one call per case), and each call
     * site must stay small for the method to stay under HotSpot's JIT limit and fast. Otherwise each
     * method keeps it in a JVM local (tight loops count in a register): a region gets it as an
     * argument, in the order its caller's instrumentation declared them, and hands it back in the
     * frame entry.
     */
    @Override
    PersistentLong persistentLong(String key) {
        int index = frameLong(key);
        MethodState s = ms();
        if (fn.hasLargeBody()) return new PersistentLong.InFrame(key, s, index);
        if (!s.isRegion()) return new PersistentLong.Passed(key, fn.addLocal(LONG, 2), s, index);
        int k = s.persistent.size();
        if (k >= s.outer.persistent.size() || !s.outer.persistent.get(k).key.equals(key)) {
            throw new IllegalStateException("persistent long " + key + " declared out of order in a region");
        }
        return new PersistentLong.Passed(key, s.longArguments[k], s, index);
    }

    /** Regions would each fill a cache on entry: values are read where they are needed instead. */
    @Override
    boolean cachesValues() {
        return false;
    }

    @Override
    int layOut(int slot, int[] paramSlots) {
        topSlot = slot++;
        ms().frameLocals.add(INTEGER);
        ms().lSlot = slot++;
        ms().frameLocals.add("[J");
        ms().rSlot = slot++;
        ms().frameLocals.add("[Ljava/lang/Object;");
        return slot;
    }

    /*
     * The frame is the next level of the store's FrameStack (no allocation once the stack has been
     * this deep): the saved top is put back before every return and, by a catch-all handler, when
     * an exception leaves the function, whatever it is (a trap, a host exception, the JVM's stack
     * overflow). A function without reference locals passes null for the Object[].
     *
     * The handler comes first, jumped over: HotSpot's verifier finds a branch target's stack-map
     * frame by a linear search from the method's first frame, and it checks the handler's frame at
     * every instruction the range covers, so a handler at the end made verifying a large entry
     * method quadratic (branchy's: 2,000 instructions times 273 frames, a tenth of its compile).
     */
    @Override
    void initialise(int[] paramSlots) {
        created = true;
        CodeEmitter e = e();
        e.varInsn(ALOAD, ms().ctxSlot);
        e.field(GETFIELD, CTX, "frames", Descriptors.FRAME_STACK_TYPE);
        e.field(GETFIELD, FRAME_STACK, "top", "I");
        e.varInsn(ISTORE, topSlot);
        handlerStart = new Label();
        handlerEnd = new Label();
        Label handler = new Label();
        // the outermost range: fuel's handlers inside it rethrow into it (see ExceptionRanges)
        ms().exceptionRanges.add(ExceptionRanges.FRAME, handlerStart, handlerEnd, handler, null);
        e.jump(GOTO, handlerStart);
        e.label(handler);
        e.frameWithStack(entryLocals(false), "java/lang/Throwable");
        popFrame();
        e.insn(ATHROW);
        e.label(handlerStart);
        e.frame(entryLocals(true));
        e.varInsn(ALOAD, ms().ctxSlot);
        e.field(GETFIELD, CTX, "frames", Descriptors.FRAME_STACK_TYPE);
        e.iconst(longs);
        e().invokeVirtual(FRAME_STACK, "enter", "(I)[J");
        e().varInsn(ASTORE, ms().lSlot);
        if (refs > 0) {
            e().varInsn(ALOAD, ms().ctxSlot);
            e().field(GETFIELD, CTX, "frames", Descriptors.FRAME_STACK_TYPE);
            e().iconst(refs);
            e().invokeVirtual(FRAME_STACK, "refs", "(I)[Ljava/lang/Object;");
        } else {
            e().insn(ACONST_NULL);
        }
        e().varInsn(ASTORE, ms().rSlot);
        for (int i = 0; i < paramSlots.length; i++) {
            e().load(types[i], paramSlots[i]);
            store(i);
        }
    }

    @Override
    void beforeReturn() {
        popFrame();
    }

    @Override
    void functionExit() {
        CodeEmitter e = e();
        e.live = true;
        e.label(handlerEnd);
    }

    /** {@code ctx.frames.top = saved top}. */
    private void popFrame() {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "frames", Descriptors.FRAME_STACK_TYPE);
        e().varInsn(ILOAD, topSlot);
        e().field(PUTFIELD, FRAME_STACK, "top", "I");
    }

    /**
     * The locals set where the range starts: the context, the saved top and, {@code withArguments},
     * the method's other arguments (the context is the last); the rest unknown. The handler's frame
     * has only the context and the top, so that it may cover code that reuses the other slots.
     */
    private Object[] entryLocals(boolean withArguments) {
        List<Object> all = ms().frameLocals;
        Object[] out = new Object[topSlot + 1];
        int n = 0, slot = 0;
        for (Object type : all) {
            if (slot == topSlot) break;
            Object keep = slot == ms().ctxSlot || withArguments && slot < ms().ctxSlot ? type : TOP;
            out[n++] = keep;
            if (type == LONG || type == DOUBLE) {
                if (keep == TOP) out[n++] = TOP;
                slot += 2;
            } else {
                slot++;
            }
        }
        out[n++] = INTEGER;
        return java.util.Arrays.copyOf(out, n);
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
            // the integer kinds inline (no call for the interpreter or C1 to go through; as small)
            if (t == I64) {
                e().insn(LALOAD);
            } else if (t == I32) {
                e().insn(LALOAD);
                e().insn(L2I);
                e().discount(1); // weighs what the call did: region sizes stay as they were
            } else {
                e().invokeStatic(FRAME_LOCALS, Descriptors.frameGet(t), Descriptors.frameGetDesc(t));
            }
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
        } else if (t == I32) {
            // one slot: move the array and index under it, as for references
            e().varInsn(ALOAD, ms().lSlot);
            e().insn(SWAP);
            e().iconst(idx);
            e().insn(SWAP);
            e().insn(I2L);
            e().insn(LASTORE);
            e().discount(3); // weighs what the call did: region sizes stay as they were
        } else {
            e().varInsn(ALOAD, ms().lSlot);
            e().iconst(idx);
            e().invokeStatic(FRAME_LOCALS, Descriptors.frameSet(t), Descriptors.frameSetDesc(t));
        }
    }
}
