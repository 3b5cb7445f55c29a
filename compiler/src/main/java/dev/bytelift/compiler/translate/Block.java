package dev.bytelift.compiler.translate;

import org.objectweb.asm.Label;
import dev.bytelift.compiler.validate.FuncValidator.Frame;

/** The translator's state of one control frame, kept in step with the validator's frames. */
final class Block {
    /** Its depth from the function's block (0). */
    int index;
    /** The label after its end (blocks and ifs), created when first branched to. */
    Label end;
    Label loopStart;
    /** Where an if's else arm (or, without one, its end) begins. */
    Label elseLabel;
    boolean endUsed;
    boolean startReachable;
    boolean hasElse;
    Frame frame;
    /**
     * The method's stack base when it opened (see {@link LoopHeaders}): where the JVM operand stack
     * begins at its end, and, unless it is a loop that keeps its values in locals, at its label.
     */
    int stackBase;
    /** A loop's header takes its parameters from these locals (null: from the operand stack). */
    int[] paramSlots;
    /** The locals declared in frames before a loop moved its values to locals: entries, first slot. */
    int localsMark;
    int slotMark;
    /** Whether a branch to its end may leave the memory cache stale ({@link MethodState#memoryStale}). */
    boolean endStale;
    /** Whether the memory cache may be stale where an if jumps to its else arm (or end). */
    boolean elseStale;
    /** When it was opened: blocks are numbered in opening order (exit pads compare them). */
    long serial;
}
