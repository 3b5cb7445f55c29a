package dev.bytelift.compiler.translate;

import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * A {@code long} that instrumentation keeps for a whole activation of the function (the fuel
 * counter), whichever JVM methods the function's code is spread over. Instrumentation asks for one
 * with {@link FunctionTranslator#persistentLong} and reads and writes it through this view of the
 * method being written; the local storage decides where it lives, and hands it over when control
 * passes between the function's methods (region calls and exits, see {@link Regions}):
 * <ul>
 * <li>a function in one method keeps it in a JVM local;
 * <li>a split function whose body is large keeps it in an entry of the frame's {@code long[]},
 * shared by all its methods, so that a region call site stays small (a method may call hundreds
 * of regions, one per case of a {@code br_table});
 * <li>another split function keeps it in a JVM local of each method, so that tight loops count in
 * a register: the caller passes it to a region as an argument, the region hands it back in the
 * frame's {@code long[]}.
 * </ul>
 * Constant additions are summed at compile time ({@link #add}) and written by {@link #flush}, or
 * when the storage hands the value over.
 */
public abstract class PersistentLong implements Opcodes {
    /** Names the value: the same in every method of the function. */
    final String key;
    /** What {@link #add} deferred. */
    long pending;

    PersistentLong(String key) {
        this.key = key;
    }

    /** Adds the constant {@code delta} later: at the next {@link #flush} or hand-over. */
    public final void add(long delta) {
        pending += delta;
    }

    /** Writes what {@link #add} deferred. */
    public final void flush(CodeEmitter e) {
        if (pending == 0) return;
        beginStore(e);
        loadInStore(e);
        e.lconst(pending);
        e.insn(LADD);
        endStore(e);
        pending = 0;
    }

    /** Pushes the value last written (without what {@link #add} deferred since: flush first when that matters). */
    public abstract void load(CodeEmitter e);

    /**
     * Begins a store: pushes what the store needs under the value (nothing for a JVM local). Then
     * push the new value (for a read-modify-write, {@link #loadInStore} pushes the old one) and
     * {@link #endStore}.
     */
    public abstract void beginStore(CodeEmitter e);

    /** Between {@link #beginStore} and {@link #endStore}: pushes the value last written. */
    public abstract void loadInStore(CodeEmitter e);

    /** Stores the {@code long} on top of the stack. */
    public abstract void endStore(CodeEmitter e);

    // ==== the hand-over between the function's methods (the local storage's side, not instrumentation's)

    /** Whether a region gets the value as a {@code long} argument (after the context). */
    boolean passedToRegions() {
        return false;
    }

    /** In the calling method, before a region call (its code comes before the call's arguments). */
    void beforeRegionCall(CodeEmitter e) {}

    /** Pushes the value (with what was deferred) as a region's argument, if {@link #passedToRegions}. */
    void pushArgument(CodeEmitter e) {}

    /** In the calling method, right after a region call returned. */
    void afterRegionCall(CodeEmitter e) {}

    /** In a region, before it returns its exit code to the method that called it. */
    void beforeRegionExit(CodeEmitter e) {}

    /** In a JVM local of the method. */
    static class InLocal extends PersistentLong {
        final int slot;

        InLocal(String key, int slot) {
            super(key);
            this.slot = slot;
        }

        @Override
        public void load(CodeEmitter e) {
            e.varInsn(LLOAD, slot);
        }

        @Override
        public void beginStore(CodeEmitter e) {}

        @Override
        public void loadInStore(CodeEmitter e) {
            e.varInsn(LLOAD, slot);
        }

        @Override
        public void endStore(CodeEmitter e) {
            e.varInsn(LSTORE, slot);
        }
    }

    /** In a JVM local of each method, passed to a region as an argument and handed back in the frame's {@code long[]}. */
    static final class Passed extends InLocal {
        private final MethodState ms;
        private final int index;

        Passed(String key, int slot, MethodState ms, int index) {
            super(key, slot);
            this.ms = ms;
            this.index = index;
        }

        @Override
        boolean passedToRegions() {
            return true;
        }

        @Override
        void pushArgument(CodeEmitter e) {
            e.varInsn(LLOAD, slot);
            if (pending != 0) {
                e.lconst(pending);
                e.insn(LADD);
                pending = 0;
            }
        }

        @Override
        void afterRegionCall(CodeEmitter e) {
            e.varInsn(ALOAD, ms.lSlot);
            e.iconst(index);
            e.insn(LALOAD);
            e.varInsn(LSTORE, slot);
        }

        @Override
        void beforeRegionExit(CodeEmitter e) {
            flush(e);
            e.varInsn(ALOAD, ms.lSlot);
            e.iconst(index);
            e.varInsn(LLOAD, slot);
            e.insn(LASTORE);
        }
    }

    /** In an entry of the frame's {@code long[]}, the same in every method of the function. */
    static final class InFrame extends PersistentLong {
        private final MethodState ms;
        private final int index;

        InFrame(String key, MethodState ms, int index) {
            super(key);
            this.ms = ms;
            this.index = index;
        }

        @Override
        public void load(CodeEmitter e) {
            e.varInsn(ALOAD, ms.lSlot);
            e.iconst(index);
            e.insn(LALOAD);
        }

        @Override
        public void beginStore(CodeEmitter e) {
            e.varInsn(ALOAD, ms.lSlot);
            e.iconst(index);
        }

        @Override
        public void loadInStore(CodeEmitter e) {
            e.insn(DUP2);
            e.insn(LALOAD);
        }

        @Override
        public void endStore(CodeEmitter e) {
            e.insn(LASTORE);
        }

        @Override
        void beforeRegionCall(CodeEmitter e) {
            flush(e);
        }

        @Override
        void beforeRegionExit(CodeEmitter e) {
            flush(e);
        }
    }
}
