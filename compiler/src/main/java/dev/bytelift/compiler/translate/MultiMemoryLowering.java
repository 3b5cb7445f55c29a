package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMOPS;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMORY;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.MemoryOps64;

/**
 * Memory operators on any memory but a 32-bit memory 0 (multi-memory and memory64), which
 * {@link MemoryLowering} compiles as in WebAssembly 2.0. Each memory's array comes from its own
 * cache ({@link MemoryCaches}); a 64-bit address and the memarg's 64-bit offset become one
 * {@code int} index ({@link MemoryOps64#ea}, -1 when out of reach, so the 32-bit helpers' bounds
 * check traps), after which loads and stores are the 32-bit ones with offset 0.
 */
final class MultiMemoryLowering extends TranslatorPart {
    static final String MEMOPS64 = MemoryOps64.class.getName().replace('.', '/');

    private final MemoryLowering memory;

    MultiMemoryLowering(FunctionTranslator t, MemoryLowering memory) {
        super(t);
        this.memory = memory;
    }

    private boolean is64(int k) {
        return memory.is64(k);
    }

    private static ValType at(boolean is64) {
        return is64 ? I64 : I32;
    }

    /**
     * Pushes what a load/store helper takes after the operands, the operands being on the stack:
     * the array and the static offset; for a 64-bit memory, the address below the other operands is
     * first made an index (they wait in temporaries meanwhile) and the offset is 0.
     */
    void memarg(Op op) {
        int k = r.memory();
        if (!is64(k)) {
            fn.loadMemoryArray(k);
            e().iconst(MemoryAccess.clampOffset(r.memoryOffset()));
            return;
        }
        ValType[] ps = op.params();
        int[] slots = new int[ps.length];
        for (int i = ps.length - 1; i >= 1; i--) {
            slots[i] = e().temp(ps[i]);
            e().store(ps[i], slots[i]);
        }
        e().lconst(r.memoryOffset64());
        e().invokeStatic(MEMOPS64, "ea", "(JJ)I");
        for (int i = 1; i < ps.length; i++) e().load(ps[i], slots[i]);
        fn.loadMemoryArray(k);
        e().iconst(0);
    }

    void lower(Op op) {
        switch (op) {
            case MEMORY_SIZE -> {
                fn.loadMemorySize(r.memory());
                e().iconst(16);
                e().insn(IUSHR);
                if (is64(r.memory())) e().insn(I2L);
            }
            case MEMORY_GROW -> {
                boolean is64 = is64(r.memory());
                fn.dropMemoryCache();
                pushVMMemory(r.memory());
                e().invokeStatic(MEMOPS64, is64 ? "grow" : "grow32", "(" + (is64 ? "J" : "I") + "L" + MEMORY + ";)" + (is64 ? "J" : "I"));
                fn.memoryMayHaveGrown();
            }
            case MEMORY_FILL -> {
                fn.loadMemoryArray(r.memory());
                if (is64(r.memory())) e().invokeStatic(MEMOPS64, "fill", "(JIJ[BI)V");
                else e().invokeStatic(MEMOPS, "fill", "(III[BI)V");
            }
            case MEMORY_COPY -> {
                boolean d = is64(r.index()), s = is64(r.index2());
                fn.loadMemoryArray(r.index());
                fn.loadMemoryArray(r.index2());
                String desc = "(" + at(d).descriptor() + at(s).descriptor() + at(d && s).descriptor() + "[BI[BI)V";
                e().invokeStatic(MEMOPS64, "copy", desc);
            }
            case MEMORY_INIT -> {
                fn.loadMemoryArray(r.memory());
                e().varInsn(ALOAD, ms().ctxSlot);
                e().field(GETFIELD, CTX, "data", "[[B");
                e().iconst(r.index());
                e().insn(AALOAD);
                if (is64(r.memory())) e().invokeStatic(MEMOPS64, "init", "(JII[BI[B)V");
                else e().invokeStatic(MEMOPS, "init", "(III[BI[B)V");
            }
            default -> throw new IllegalStateException("not a memory operator of its own lowering: " + op);
        }
    }

    private void pushVMMemory(int k) {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "memories", "[L" + MEMORY + ";");
        e().iconst(k);
        e().insn(AALOAD);
    }
}
