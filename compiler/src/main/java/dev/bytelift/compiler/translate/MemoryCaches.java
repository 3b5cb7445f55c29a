package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMORY;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Imm;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;

/**
 * The cached arrays of the memories other than memory 0 (multi-memory). Memory 0 keeps its own
 * cache ({@link MethodState#memSlot}, unchanged, so single-memory code stays as it was); each other
 * memory the function accesses gets a local of its own, filled on entry and whenever memory 0's
 * would be: one staleness mark ({@link MethodState#memoryStale}) covers them all, since whatever may
 * grow one memory (a call) may grow any. A memory nobody caches (never the case for a memory the
 * body names) is read from the context at each access.
 */
final class MemoryCaches implements Opcodes {
    /** The memories (other than 0) the body accesses, ascending; empty in single-memory modules. */
    final int[] others;
    /** Whether the body accesses memory 0. */
    final boolean usesMemory0;

    private MemoryCaches(int[] others, boolean usesMemory0) {
        this.others = others;
        this.usesMemory0 = usesMemory0;
    }

    static final MemoryCaches NONE = new MemoryCaches(new int[0], true);

    /**
     * The most memories besides 0 one function caches: each cache is reloaded after every call, and
     * a hostile body could name tens of thousands (JVM locals run out); the rest are read from the
     * context at each access.
     */
    static final int MAX_CACHED = 16;

    /**
     * Scans the code of a body (from {@code in}'s position, after the locals, to its end) for the
     * memories it names. Only for modules of several memories: a single-memory module needs none.
     */
    static MemoryCaches scan(ByteReader in, int memoryCount) {
        BitSet used = new BitSet();
        try {
            OperatorReader r = new OperatorReader(new ByteReader(in.bytes(), in.pos(), in.limit()));
            while (!r.bytes().atEnd()) {
                Op op = r.next();
                if (!op.has(Op.F.MEMORY)) continue;
                Imm imm = op.immediates();
                if (imm == Imm.MEMARG || imm == Imm.MEMARG_LANE || imm == Imm.MEMORY || imm == Imm.DATA_MEMORY) {
                    mark(used, r.memory(), memoryCount);
                } else if (imm == Imm.MEMORY_MEMORY) {
                    mark(used, r.index(), memoryCount);
                    mark(used, r.index2(), memoryCount);
                }
            }
        } catch (RuntimeException malformedOrInvalid) {
            // the translation reports it; what was scanned is cached, the rest read where used
        }
        boolean zero = used.get(0);
        used.clear(0);
        return new MemoryCaches(used.stream().limit(MAX_CACHED).toArray(), zero);
    }

    private static void mark(BitSet used, int memory, int count) {
        if (memory >= 0 && memory < count) used.set(memory);
    }

    /** Lays out the locals of the other memories' arrays in the method {@code s}, from {@code slot}. */
    int layOut(MethodState s, int slot, List<Object> frameLocals) {
        if (others.length == 0) return slot;
        s.memSlots = new int[others[others.length - 1] + 1];
        java.util.Arrays.fill(s.memSlots, -1);
        for (int k : others) {
            s.memSlots[k] = slot;
            slot += 2;
            frameLocals.add("[B");
            frameLocals.add(Opcodes.INTEGER);
        }
        return slot;
    }

    /** Fills the other memories' caches (after memory 0's). */
    void reload(MethodState s) {
        if (s.memSlots == null) return;
        for (int k : others) {
            pushFromContext(s, k);
            s.e.varInsn(ISTORE, s.memSlots[k] + 1);
            s.e.varInsn(ASTORE, s.memSlots[k]);
        }
    }

    /** Pushes memory {@code k}'s current array and size, read from the context. */
    static void pushFromContext(MethodState s, int k) {
        s.e.varInsn(ALOAD, s.ctxSlot);
        s.e.field(GETFIELD, CTX, "memories", "[L" + MEMORY + ";");
        s.e.iconst(k);
        s.e.insn(AALOAD);
        arrayAndSize(s);
    }

    /**
     * Replaces the {@code VMMemory} on the stack by its array and size, the size read first (a
     * volatile field, which a grow writes after the array): memory accesses through
     * {@code Unsafe} rely on the size never exceeding the array's length, even should another
     * thread grow the memory between the two reads (a store is for one thread at a time; this
     * keeps a broken rule from corrupting the heap).
     */
    static void arrayAndSize(MethodState s) {
        s.e.insn(DUP);
        s.e.field(GETFIELD, MEMORY, "size", "I");
        s.e.insn(SWAP);
        s.e.field(GETFIELD, MEMORY, "bytes", "[B");
        s.e.insn(SWAP);
    }

    /** The local caching memory {@code k}'s array in {@code s} (its size in the next), or -1. */
    static int slot(MethodState s, int k) {
        if (k == 0) return s.memSlot;
        return s.memSlots != null && k < s.memSlots.length ? s.memSlots[k] : -1;
    }
}
