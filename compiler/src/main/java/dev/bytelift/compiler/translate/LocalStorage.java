package dev.bytelift.compiler.translate;

import dev.bytelift.runtime.ValType;

/**
 * Where a function's Wasm locals live: JVM locals ({@link JvmLocals}), or, in a split function,
 * two arrays all its pieces share ({@link FrameArrayLocals}).
 */
abstract class LocalStorage extends TranslatorPart {
    /** The type of each local, parameters first. */
    final ValType[] types;

    LocalStorage(FunctionTranslator t, ValType[] types) {
        super(t);
        this.types = types;
    }

    /**
     * Lays out what the function's own method needs after its parameters, depth and context,
     * from JVM slot {@code slot} (declaring the stack-map frame types); returns the next free slot.
     */
    abstract int layOut(int slot, int[] paramSlots);

    /** In the prologue: gives every local its initial value (parameters their arguments, the rest zero). */
    abstract void initialise(int[] paramSlots);

    /** Pushes local {@code i}. */
    abstract void load(int i);

    /** Stores the value on top of the stack into local {@code i}. */
    abstract void store(int i);

    /**
     * Where the persistent long named {@code key} lives in the method being written (see
     * {@link PersistentLong}); from {@link Instrumentation#declareLocals} only.
     */
    abstract PersistentLong persistentLong(String key);

    /**
     * Whether a method may cache a value in a JVM local it fills on entry: not when the function's
     * code is spread over many methods that would each have to fill it.
     */
    boolean cachesValues() {
        return true;
    }

    /** Before the function's own method returns (not a region's exit). */
    void beforeReturn() {}

    /** After the whole body: out-of-line code (handlers), which must end in a jump or throw. */
    void functionExit() {}
}
