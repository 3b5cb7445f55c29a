package dev.bytelift.compiler.validate;

import java.util.Arrays;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.ValType;

/**
 * The operand-stack and control-stack typing of one function body, following the spec's
 * validation algorithm (its appendix "Validation Algorithm"). The translator drives it operator
 * by operator and reads its state (the exact type of every stack slot, the control frames) to
 * emit bytecode and stack-map frames.
 *
 * <p>A {@code null} type on the operand stack is the spec's "unknown" type, which only appears
 * in unreachable code.
 */
public final class FuncValidator {
    public static final int BLOCK = 0, LOOP = 1, IF = 2, ELSE = 3, FUNCTION = 4;
    /** Exception handling's blocks: {@code try_table}; a legacy {@code try}'s body, its catch and catch-all arms. */
    public static final int TRY_TABLE = 5, TRY = 6, CATCH = 7, CATCH_ALL = 8;

    /** One control frame. */
    public static final class Frame {
        public int kind;
        public ValType[] params;
        public ValType[] results;
        /** Operand-stack height below the frame's values. */
        public int height;
        /** Whether the rest of this frame's code is unreachable (stack-polymorphic). */
        public boolean unreachable;
        /** How many non-defaultable locals had been set when the frame began ({@link LocalInits}). */
        int initHeight;

        /** The types a branch to this frame carries: a loop's params, otherwise its results. */
        public ValType[] labelTypes() {
            return kind == LOOP ? params : results;
        }
    }

    private ValType[] stack = new ValType[16];
    private int sp;
    private Frame[] frames = new Frame[8];
    private int depth;
    /** Byte offset of the operator being validated, for error messages. */
    public int offset;

    public InvalidModuleException error(String message) {
        return new InvalidModuleException(message, offset);
    }

    // ---- operand stack

    public void push(ValType t) {
        if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
        stack[sp++] = t;
    }

    /** Pops any operand; returns its type ({@code null} if unknown). */
    public ValType pop() {
        Frame f = frames[depth - 1];
        if (sp == f.height) {
            if (f.unreachable) return null;
            throw error("type mismatch");
        }
        return stack[--sp];
    }

    /** Pops an operand of type {@code expected}; returns its actual type ({@code null} if unknown). */
    public ValType pop(ValType expected) {
        ValType actual = pop();
        if (actual != null && expected != null && !matches(actual, expected)) throw error("type mismatch");
        return actual;
    }

    /**
     * Whether an operand of type {@code actual} may be used where {@code expected} is required: the
     * one place subtyping lives (in WebAssembly 2.0 it is equality; typed function references and
     * GC add reference subtypes).
     */
    public static boolean matches(ValType actual, ValType expected) {
        return actual == expected || actual.isSubtypeOf(expected);
    }

    /** Pops a reference operand; returns its type, the bottom reference {@code (ref bot)} if unknown. */
    public ValType popRef() {
        ValType t = pop();
        if (t == null) return ValType.ref(false, dev.bytelift.runtime.HeapType.BOTTOM);
        if (!t.isReference()) throw error("type mismatch");
        return t;
    }

    // ---- non-defaultable locals (typed function references)

    private final LocalInits inits = new LocalInits();

    /** The function's locals as declared (parameters first, all set): those without a default start unset. */
    public void setLocals(LocalTypes types) {
        inits.reset(types);
    }

    /** Checks that local {@code i} was set on every path here ("uninitialized local"). */
    public void checkLocalGet(int i) {
        if (!inits.isSet(i)) throw error("uninitialized local");
    }

    /** Records that local {@code i} is set from here to the end of the innermost block. */
    public void localSet(int i) {
        inits.set(i);
    }

    /** Whether each of {@code actual} matches the {@code expected} at its position (and as many). */
    public static boolean matches(ValType[] actual, ValType[] expected) {
        if (actual.length != expected.length) return false;
        for (int i = 0; i < actual.length; i++) if (!matches(actual[i], expected[i])) return false;
        return true;
    }

    public void pop(ValType[] expected) {
        for (int i = expected.length - 1; i >= 0; i--) pop(expected[i]);
    }

    public void push(ValType[] types) {
        for (ValType t : types) push(t);
    }

    /** The current operand-stack height. */
    public int height() {
        return sp;
    }

    /** The type of operand-stack slot {@code i} (0 = bottom). */
    public ValType typeAt(int i) {
        return stack[i];
    }

    /** The type of the operand {@code n} slots below the top (0 = top), or null if unknown. */
    public ValType peek(int n) {
        int i = sp - 1 - n;
        return i >= frames[depth - 1].height ? stack[i] : null;
    }

    // ---- control stack

    public Frame pushFrame(int kind, ValType[] params, ValType[] results) {
        if (depth == frames.length) frames = Arrays.copyOf(frames, depth * 2);
        Frame f = frames[depth];
        if (f == null) frames[depth] = f = new Frame();
        f.kind = kind;
        f.params = params;
        f.results = results;
        f.height = sp;
        f.unreachable = false;
        f.initHeight = inits.height();
        depth++;
        push(params);
        return f;
    }

    /** Checks the end of the innermost frame and pops it (its results are not pushed). */
    public Frame popFrame() {
        if (depth == 0) throw error("type mismatch");
        Frame f = frames[depth - 1];
        pop(f.results);
        if (sp != f.height) throw error("type mismatch");
        inits.resetTo(f.initHeight);
        depth--;
        return f;
    }

    /** The frame {@code relativeDepth} levels out (0 = innermost); "unknown label" if none. */
    public Frame frame(int relativeDepth) {
        if (relativeDepth < 0 || relativeDepth >= depth) throw error("unknown label");
        return frames[depth - 1 - relativeDepth];
    }

    public Frame innermost() {
        return frames[depth - 1];
    }

    public int depth() {
        return depth;
    }

    /** Marks the rest of the innermost frame unreachable and drops its operands. */
    public void setUnreachable() {
        Frame f = frames[depth - 1];
        sp = f.height;
        f.unreachable = true;
    }

    /** Checks that the operands on top match {@code types} without popping them (for br_if / br_table). */
    public void checkTop(ValType[] types) {
        for (int i = types.length - 1; i >= 0; i--) pop(types[i]);
        push(types);
    }
}
