package dev.bytelift.compiler.translate;

import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Label;

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
 * <p>Only codes that are plain jumps share a pad: a branch to a block of this method that carries
 * no values and leaves the stack at the method's base, or a code for a method further out (passed
 * on by returning it). Every code maps to one label: a code whose block index was reused by a later
 * block gets a new pad.
 */
final class ExitPad {
    /** Where call sites jump with the exit code on the stack (and nothing under it). */
    final Label entry = new Label();
    /** The own codes and the labels they branch to. */
    final Map<Integer, Label> targets = new TreeMap<>();
    /** Whether some call site passes codes on to an outer method. */
    boolean passOn;
    /** Whether a call site jumping here skipped reloading the memory cache after its region. */
    boolean reloadMemory;

    /** Whether every code in {@code codes} (with their labels) can share this pad. */
    boolean accepts(int[] codes, Label[] labels) {
        for (int i = 0; i < codes.length; i++) {
            Label l = targets.get(codes[i]);
            if (l != null && l != labels[i]) return false;
        }
        return true;
    }

    void add(int[] codes, Label[] labels) {
        for (int i = 0; i < codes.length; i++) targets.put(codes[i], labels[i]);
    }
}
