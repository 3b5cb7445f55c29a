package dev.bytelift.compiler.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.BitSet;
import org.objectweb.asm.MethodVisitor;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The JVM method being written: a function's own method, or a piece of a split function (a
 * region, see {@link Regions}). A region's state is pushed when it starts and popped when it
 * ends, as one unit, giving back the state of the method that calls it.
 */
final class MethodState {
    /** The method that calls this region, or null for the function's own method. */
    final MethodState outer;
    final CodeEmitter e;
    /** This method's instances of the instrumentation (each keeps per-method state). */
    final List<Instrumentation> instrumentation;
    /** Those of {@link #instrumentation} that act before or after operators ({@link OperatorHooks}). */
    final Instrumentation[] operatorHooks;
    int depthSlot;
    int ctxSlot;
    /** The local caching memory 0's array, or -1; the next local caches its size in bytes. */
    int memSlot = -1;
    /**
     * The locals caching the other memories' arrays, by memory index (-1: none), or null
     * ({@link MemoryCaches}); each array's next local caches that memory's size.
     */
    int[] memSlots;
    /** The split frame's {@code long[]} and {@code Object[]} (split functions only), or -1. */
    int lSlot = -1;
    int rSlot = -1;
    /** A region's int local holding a {@code br_table}'s index for its shared exit, or -1. */
    int brIndexSlot = -1;
    /** The next free JVM local. */
    int nextSlot;
    /** Blocks with an index up to this one belong to the methods that called this region (-1: none). */
    int rootIndex = -1;
    /** The verification types of the locals every stack-map frame declares. */
    final List<Object> frameLocals = new ArrayList<>();
    /** Permanent locals to zero in the prologue: frame type and slot. */
    final List<Object[]> extraLocals = new ArrayList<>();
    /** The emitter's instruction count where this method began (regions are sized by it). */
    long methodStart;
    /**
     * The JVM local holding each validator stack slot that a loop moved off this method's operand
     * stack (those below the emitter's stack base and above {@link #base}; see {@link LoopHeaders}).
     */
    int[] stackSlots = new int[0];
    /** The exit codes a region returns (see {@link Regions}); null in the function's own method. */
    BitSet exitCodes;
    /** Whether this method may change memory 0's array (calls, memory.grow). */
    boolean mayChangeMemory;
    /**
     * Whether the memory cache may be out of date at the instruction being written (something that
     * may grow memory ran since it was loaded): the next access reloads it (see
     * {@link FunctionTranslator#loadMemoryArray}).
     */
    boolean memoryStale;
    /** The shared exit-code dispatches of the regions this method calls, emitted at its end. */
    final List<ExitPad> pads = new ArrayList<>();
    /** This method's views of the function's persistent longs, in the order instrumentation declared them. */
    List<PersistentLong> persistent = List.of(); // (most methods have none: no list each)
    /** This method's exception handlers, written at its end. */
    final ExceptionRanges exceptionRanges = new ExceptionRanges();
    /** A region's arguments holding the persistent longs passed to it (see {@link PersistentLong}), or null. */
    int[] longArguments;

    // a region's own method
    String owner;
    String name;
    String desc;
    MethodVisitor mv;
    /** The validator stack height at which the region's operand values begin. */
    int base;
    /** A case group's entry code parameter (slot 0), or -1 (see {@link CaseGroups}). */
    int entrySlot = -1;
    /** The emitter's instruction count at the end of a case group's prologue. */
    long topEnd = -1;
    /** Whether the method that starts this region does not call it: the driver further out does. */
    boolean driven;
    /** The region this one no longer calls itself, the head of a chain linked by this field, or null (see {@link CaseGroups}). */
    MethodState drive;
    /** How many case groups up to this one the same driver calls (see {@link CaseGroups}). */
    int chainLength;

    MethodState(MethodState outer, CodeEmitter e, List<Instrumentation> instrumentation) {
        this.outer = outer;
        this.e = e;
        this.instrumentation = instrumentation;
        this.operatorHooks = OperatorHooks.of(instrumentation);
    }

    boolean isRegion() {
        return outer != null;
    }
}
