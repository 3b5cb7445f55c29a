package dev.bytelift.compiler.translate;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * Case groups: the regions of a deep nest of blocks, called side by side instead of one inside the
 * next (docs/splitting.md). A C {@code switch} of thousands of cases compiles to as many nested
 * blocks and a {@code br_table} at the bottom; a method opens at most {@code MAX_OPEN_BLOCKS}, so
 * the nest becomes a chain of regions, each calling the next before the case bodies that follow
 * its blocks' ends. Each dispatch then called down the whole chain and returned up it with an exit
 * code, up to 30 calls for shootout-switch's 4,096 cases.
 *
 * <p>A region that starts at a run of more than {@code MAX_OPEN_BLOCKS} empty-typed {@code block}s
 * writes nothing before its child region starts (the blocks emit no code). Such a region, a
 * <i>case group</i>, gets the exit code of its child as an int parameter (its <i>entry</i>, slot 0)
 * instead of calling the child: its "call site" is {@code iload entry}, followed by the dispatch
 * that would have followed the call, so the entry selects the case body to start at, and the case
 * bodies fall through to one another across block ends as the Wasm code does. The first method
 * of the nest that writes code before its child (the <i>driver</i>) calls the innermost region of
 * the chain (the one holding the {@code br_table}), then each group, innermost first, that the
 * code returned so far belongs to (code 0, the fall-through of the region just called, belongs to
 * the next group out): a dispatch costs two calls instead of one per group. Codes only ever go
 * outward, so one pass over the groups in order suffices; what the outermost group returns is what
 * it returned before, and the driver acts on it with the usual dispatch.
 *
 * <p>Instrumentation sees each call of the driver as a region call; nothing is pending in a group
 * at its child's start (checked: otherwise it calls its child as before, passing the entry 0). A
 * driver calls at most {@link #MAX_CHAIN} regions: the group at the end of a chain calls its
 * child itself, as the driver of the next chain.
 */
final class CaseGroups extends TranslatorPart {
    /**
     * A driver calls at most this many regions: a group further in calls its child itself and
     * drives the next chain (about 25 bytes of driver per group; a nest of 100,000 blocks has 367
     * groups).
     */
    static final int MAX_CHAIN = 32;

    CaseGroups(FunctionTranslator t) {
        super(t);
    }

    /**
     * Whether the region about to start at the operator just read opens a run of {@code blocks + 1}
     * {@code block}s without a type (this one and {@code blocks} more), so that it writes no code
     * before its child starts: it is then a case group.
     */
    boolean opensGroup(int blocks) {
        if (fn.deep != null) return false;
        byte[] b = fn.in.bytes();
        int at = r.offset();
        int p = fn.in.pos();
        if (p != at + 2 || b[at] != 0x02 || b[at + 1] != 0x40) return false;
        if (fn.in.limit() - p < 2 * blocks) return false;
        for (int i = 0; i < blocks; i++) {
            if (b[p + 2 * i] != 0x02 || b[p + 2 * i + 1] != 0x40) return false;
        }
        return true;
    }

    /** Whether the region starting now is driven from further out instead of being called by {@code caller}. */
    boolean drives(MethodState caller) {
        if (caller.entrySlot < 0 || fn.deep != null || !caller.e.live || caller.chainLength >= MAX_CHAIN) return false;
        if (caller.e.instructionCount() != caller.topEnd || v.height() != caller.base) return false;
        for (PersistentLong p : caller.persistent) if (p.pending != 0) return false;
        return true;
    }

    /** The regions a driver calls for {@code region}: it and those it drives, outermost first. */
    private static List<MethodState> chain(MethodState region) {
        List<MethodState> out = new ArrayList<>();
        for (MethodState r = region; r != null; r = r.drive) out.add(r);
        return out;
    }

    /**
     * In the driver {@code s}, in place of the call of {@code region} (which drives further regions):
     * calls the innermost region, then each group the code belongs to, leaving the exit code of
     * {@code region} on the stack. The instrumentation's hooks before the first call have been
     * written (at the region's start); those after the last are written here too.
     */
    void drive(MethodState s, MethodState region) {
        List<MethodState> chain = chain(region);
        CodeEmitter e = s.e;
        MethodState innermost = chain.get(chain.size() - 1);
        if (innermost.entrySlot >= 0) e.iconst(0);
        call(s, innermost);
        for (int i = chain.size() - 2; i >= 0; i--) {
            MethodState group = chain.get(i);
            Label call = new Label();
            Label skip = new Label();
            // 0: the region just called fell through its root block's end, which is in this group
            e.insn(DUP);
            e.jump(IFEQ, call);
            e.insn(DUP);
            e.iconst(group.rootIndex + 2);
            e.jump(IF_ICMPLT, skip);
            e.targetWithInt(call, v);
            for (PersistentLong p : s.persistent) p.beforeRegionCall(e);
            for (Instrumentation ins : s.instrumentation) ins.beforeRegionCall(e, fn);
            call(s, group); // the code on the stack is its entry
            e.targetWithInt(skip, v);
        }
    }

    /** Pushes the arguments after the entry, calls {@code region}, then the hooks after a region call. */
    private void call(MethodState s, MethodState region) {
        CodeEmitter e = s.e;
        Regions.invoke(s, region);
        for (PersistentLong p : s.persistent) p.afterRegionCall(e);
        for (Instrumentation ins : s.instrumentation) ins.afterRegionCall(e, fn);
    }
}
