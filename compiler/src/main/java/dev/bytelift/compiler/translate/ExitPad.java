package dev.bytelift.compiler.translate;

import java.util.Arrays;
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
 * <p>Only codes that are plain jumps go to a pad: a branch to a block of this method that carries
 * no values and leaves the stack at the method's base, or a code for a method further out (passed
 * on by returning it). Call sites share a pad only if their regions have exactly the same exits
 * (an interpreter's cases mostly do: "next opcode" or "leave"), so that the pad adds no path a
 * call site could not take, which would make C2 see loops that are not there.
 */
final class ExitPad {
    /** Where call sites jump with the exit code on the stack (and nothing under it). */
    final Label entry = new Label();
    /** The own codes, ascending, and the labels they branch to. */
    final int[] codes;
    final Label[] targets;
    /** Whether the call sites pass other codes on to an outer method. */
    final boolean passOn;
    /** Whether a call site jumping here skipped reloading the memory cache after its region. */
    boolean reloadMemory;

    ExitPad(int[] codes, Label[] targets, boolean passOn) {
        this.codes = codes;
        this.targets = targets;
        this.passOn = passOn;
    }

    /** Whether a call site with these exits can share this pad: exactly the same ones. */
    boolean sameExits(int[] codes, Label[] targets, boolean passOn) {
        if (passOn != this.passOn || !Arrays.equals(codes, this.codes)) return false;
        for (int i = 0; i < targets.length; i++) if (targets[i] != this.targets[i]) return false;
        return true;
    }
}
