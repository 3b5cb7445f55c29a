package dev.bytelift.compiler.translate;

import java.util.Arrays;
import dev.bytelift.runtime.ValType;

/**
 * Keeps the JVM operand stack empty at loop headers. HotSpot compiles a loop on-stack (OSR) only
 * when nothing is on the operand stack at its header (C1: "stack not empty at OSR entry point",
 * C2: "OSR starts with non-empty stack"), and a loop that cannot be OSR-compiled runs interpreted
 * for as long as it loops. A Wasm loop entered with values under it, or with block parameters,
 * would have them on the JVM stack there, so such a loop moves them into JVM locals first:
 *
 * <ul>
 *   <li>the values under the loop in this method (validator slots from the emitter's stack base
 *       up to the loop's height) go to locals declared in every frame until the loop ends, and the
 *       stack base rises to the loop's height ({@link MethodState#stackSlots} says where each is);
 *       they come back onto the stack under the loop's results at its end, and a branch out of the
 *       loop reloads those its target keeps ({@link ControlLowering#branchTo});</li>
 *   <li>the parameters go to locals the header reads ({@link Block#paramSlots}); a branch back to
 *       the loop stores the new ones there and drops what else is on the stack.</li>
 * </ul>
 *
 * A loop with nothing under it in this method and no parameters (the common case) is compiled as
 * before. The parameters' locals are declared only at the header, so inner loops reuse them.
 */
final class LoopHeaders extends TranslatorPart {
    /**
     * A loop with values of more slots than this under it and as parameters keeps them on the
     * operand stack (correct, only not OSR-compilable): each value moved costs a store and a load
     * per branch out of the loop, which must not push a method of many stacked values past the
     * JVM's 64 KiB of bytecode. Compilers leave one or two values under a loop.
     */
    static final int MAX_LOOP_SLOTS = 64;
    /** Nor may the locals of a method's open loops take more slots than this (the JVM allows 65,535). */
    static final int MAX_SLOTS = 30_000;

    LoopHeaders(FunctionTranslator t) {
        super(t);
    }

    /**
     * Before loop {@code b}'s header (its frame pushed, its parameters on top): moves the values
     * on this method's stack into locals and raises the stack base past them.
     */
    void enter(Block b) {
        int base = e().stackBase();
        int height = b.frame.height;
        int top = v.height();
        if (top == base) return;
        int slots = 0;
        for (int i = base; i < top; i++) slots += v.typeAt(i).slots();
        if (slots > MAX_LOOP_SLOTS || e().firstUndeclaredSlot() + slots > MAX_SLOTS) return;
        b.localsMark = e().frameLocalCount();
        b.slotMark = e().firstUndeclaredSlot();
        int[] values = e().declareLocals(types(base, height));
        if (ms().stackSlots.length < height) ms().stackSlots = Arrays.copyOf(ms().stackSlots, Math.max(height, 2 * ms().stackSlots.length));
        System.arraycopy(values, 0, ms().stackSlots, base, values.length);
        b.paramSlots = e().declareLocals(types(height, top));
        for (int i = top - 1; i >= height; i--) e().store(v.typeAt(i), b.paramSlots[i - height]);
        for (int i = height - 1; i >= base; i--) e().store(v.typeAt(i), ms().stackSlots[i]);
        e().setStackBase(top);
    }

    /** After loop {@code b}'s header label and checks: pushes its parameters back onto the stack. */
    void afterHeader(Block b) {
        if (b.paramSlots == null) return;
        ValType[] params = b.frame.params;
        for (int i = 0; i < params.length; i++) e().load(params[i], b.paramSlots[i]);
        // the parameters' locals are declared at the header only (read there, written by branches
        // back to it): later frames leave them out, and inner loops reuse them
        int entries = 0;
        for (ValType t : params) entries += t == ValType.V128 ? 2 : 1;
        int firstParamSlot = params.length > 0 ? b.paramSlots[0] : e().firstUndeclaredSlot();
        e().releaseLocals(e().frameLocalCount() - entries, firstParamSlot);
        e().setStackBase(b.frame.height);
    }

    /**
     * At loop {@code b}'s end (its results pushed, on top of the operand stack if the end is
     * reachable): brings the values under it back onto the stack, below the results.
     */
    void exit(Block b, ValType[] results) {
        if (b.paramSlots == null) return;
        int height = b.frame.height;
        if (e().live && height > b.stackBase) {
            int[] temps = new int[results.length];
            for (int i = results.length - 1; i >= 0; i--) {
                temps[i] = e().temp(results[i]);
                e().store(results[i], temps[i]);
            }
            for (int i = b.stackBase; i < height; i++) e().load(v.typeAt(i), ms().stackSlots[i]);
            for (int i = 0; i < results.length; i++) e().load(results[i], temps[i]);
        }
        e().releaseLocals(b.localsMark, b.slotMark);
        e().setStackBase(b.stackBase);
    }

    /** Pushes the values in this method's locals for validator slots [from, to) (branching out of loops). */
    void reload(int from, int to) {
        for (int i = from; i < to; i++) e().load(v.typeAt(i), ms().stackSlots[i]);
    }

    private ValType[] types(int from, int to) {
        ValType[] t = new ValType[to - from];
        for (int i = from; i < to; i++) t[i - from] = v.typeAt(i);
        return t;
    }
}
