package dev.bytelift.compiler.translate;

import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.validate.FuncValidator;

/**
 * A method's shared, out-of-line dispatch on the exit codes of the regions it calls (see
 * {@link Regions}): one {@code lookupswitch} at the end of the method instead of one after every
 * region call. A call site whose region can only branch away jumps here with the code ({@code goto},
 * 3 bytes instead of a switch of 30 to 40); one whose region usually falls through tests for 0
 * and jumps here otherwise. This keeps a method that calls hundreds of regions (an interpreter's
 * opcode switch, every case a region) under HotSpot's 8,000-byte limit for JIT compilation, and
 * C2 sees one switch with the merged profile of all call sites rather than hundreds of
 * per-site switches each pruned to the codes seen so far.
 *
 * <p>Only codes that are plain jumps go to a pad: a branch to a block of this method that carries
 * no values and leaves the stack at the method's base, or a code for a method further out (passed
 * on by returning it). Call sites share a pad only if every block the pad branches to encloses
 * all of them (an interpreter's cases: "next opcode" is the loop around the switch, "leave" a block
 * around it), so that the paths the pad adds from one site to another's targets go forward to a
 * block end or back to the head of a loop the site is in: no loops that are not there for C2, no
 * second entry into a loop.
 */
final class ExitPad {
    /** Where call sites jump with the exit code on the stack (and nothing under it). */
    final Label entry = new Label();
    /** The own codes and the labels they branch to. */
    final Map<Integer, Label> targets = new TreeMap<>();
    /** Blocks opened up to this serial number were open when the pad's first call site was written. */
    final long openedBy;
    /** Whether some call site passes codes on to an outer method. */
    boolean passOn;
    /** Whether a call site jumping here skipped reloading the memory cache after its region. */
    boolean reloadMemory;

    ExitPad(long openedBy) {
        this.openedBy = openedBy;
    }

    /**
     * Whether a call site branching to {@code blocks} (with those {@code labels}), where the blocks
     * {@code open} (indices from, to] are open, can share this pad: every block the pad or the site
     * branches to must enclose every call site of the pad, that is, be open now and have been open
     * when its first call site was written.
     */
    boolean accepts(Block[] blocks, Label[] labels, Block[] open, int from, int to) {
        for (int i = 0; i < blocks.length; i++) {
            Label l = targets.get(blocks[i].index + 1);
            if (l != null ? l != labels[i] : blocks[i].serial > openedBy) return false;
        }
        for (Map.Entry<Integer, Label> t : targets.entrySet()) {
            int index = t.getKey() - 1;
            if (index <= from || index > to) return false;
            Block b = open[index];
            if (t.getValue() != (b.frame.kind == FuncValidator.LOOP ? b.loopStart : b.end)) return false;
        }
        return true;
    }

    void add(int[] codes, Label[] labels) {
        for (int i = 0; i < codes.length; i++) targets.put(codes[i], labels[i]);
    }
}
