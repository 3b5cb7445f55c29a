package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.MEM;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMOPS;
import static dev.bytelift.runtime.ValType.F32;
import static dev.bytelift.runtime.ValType.F64;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.MemoryAccess;

/**
 * Loads, stores and the bulk memory operators on memory 0, whose {@code byte[]} and size are cached
 * in locals: each helper checks the access against the size ({@code MemoryAccess#index}); a
 * {@code memarg} offset past the largest memory is passed as {@code MemoryAccess.MAX_OFFSET}, as
 * out of bounds for every address. The operator table types
 * them all, and the validator checks their immediates ({@code OperatorValidator#checkImmediates}):
 * this class lowers them.
 */
final class MemoryLowering extends Lowering {
    /** The lowering of operators on other memories than a 32-bit memory 0. */
    private final MultiMemoryLowering multi;

    MemoryLowering(FunctionTranslator t) {
        super(t);
        this.multi = new MultiMemoryLowering(t, this);
    }

    /**
     * Whether {@code op} (just read) only involves memory 0 and it is 32-bit: then it compiles
     * exactly as in WebAssembly 2.0.
     */
    boolean simple(Op op) {
        return ops.simpleMemory(op);
    }

    /** Whether memory {@code k} (which exists) has 64-bit addresses. */
    boolean is64(int k) {
        return ops.is64(k);
    }

    @Override
    void lower(Op op) {
        if (op.immediates() != dev.bytelift.compiler.decode.Imm.MEMARG && !simple(op)) {
            multi.lower(op); // memory.size/grow/fill/copy/init of other memories
            return;
        }
        switch (op) {
            case I32_LOAD -> load(I32, "i32Load");
            case I64_LOAD -> load(I64, "i64Load");
            case F32_LOAD -> load(F32, "f32Load");
            case F64_LOAD -> load(F64, "f64Load");
            case I32_LOAD8_S -> load(I32, "i32Load8S");
            case I32_LOAD8_U -> load(I32, "i32Load8U");
            case I32_LOAD16_S -> load(I32, "i32Load16S");
            case I32_LOAD16_U -> load(I32, "i32Load16U");
            case I64_LOAD8_S -> load(I64, "i64Load8S");
            case I64_LOAD8_U -> load(I64, "i64Load8U");
            case I64_LOAD16_S -> load(I64, "i64Load16S");
            case I64_LOAD16_U -> load(I64, "i64Load16U");
            case I64_LOAD32_S -> load(I64, "i64Load32S");
            case I64_LOAD32_U -> load(I64, "i64Load32U");
            case I32_STORE -> store(I32, "i32Store");
            case I64_STORE -> store(I64, "i64Store");
            case F32_STORE -> store(F32, "f32Store");
            case F64_STORE -> store(F64, "f64Store");
            case I32_STORE8 -> store(I32, "i32Store8");
            case I32_STORE16 -> store(I32, "i32Store16");
            case I64_STORE8 -> store(I64, "i64Store8");
            case I64_STORE16 -> store(I64, "i64Store16");
            case I64_STORE32 -> store(I64, "i64Store32");
            case MEMORY_SIZE -> memorySize();
            case MEMORY_GROW -> memoryGrow();
            case MEMORY_INIT -> memoryInit();
            case DATA_DROP -> dataDrop();
            case MEMORY_COPY -> memoryCopy();
            case MEMORY_FILL -> memoryFill();
            default -> throw new IllegalStateException("not a memory operator: " + op);
        }
    }

    /**
     * Pushes what follows the operands of a load, store or SIMD memory operator: the memory's
     * array and the static offset (see {@link MultiMemoryLowering#memarg} for other memories).
     */
    void pushMemarg(Op op) {
        if (simple(op)) {
            fn.loadMemoryArray();
            e().iconst(MemoryAccess.clampOffset(r.memoryOffset()));
        } else {
            multi.memarg(op);
        }
    }

    void load(ValType t, String helper) {
        pushMemarg(r.op());
        e().invokeStatic(MEM, helper, Descriptors.load(t));
    }

    private void store(ValType t, String helper) {
        pushMemarg(r.op());
        e().invokeStatic(MEM, helper, Descriptors.store(t));
    }

    private void memorySize() {
        fn.loadMemorySize(0);
        e().iconst(16);
        e().insn(IUSHR);
    }

    private void memoryGrow() {
        fn.dropMemoryCache();
        e().varInsn(ALOAD, ms().ctxSlot);
        e().invokeStatic(MEMOPS, "grow", "(IL" + CTX + ";)I");
        fn.memoryMayHaveGrown();
    }

    private void memoryInit() {
        fn.loadMemoryArray();
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "data", "[[B");
        e().iconst(r.index());
        e().insn(AALOAD);
        e().invokeStatic(MEMOPS, "init", "(III[BI[B)V");
    }

    private void dataDrop() {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().iconst(r.index());
        e().invokeStatic(MEMOPS, "dataDrop", "(L" + CTX + ";I)V");
    }

    private void memoryCopy() {
        fn.loadMemoryArray();
        e().invokeStatic(MEMOPS, "copy", "(III[BI)V");
    }

    private void memoryFill() {
        fn.loadMemoryArray();
        e().invokeStatic(MEMOPS, "fill", "(III[BI)V");
    }
}
