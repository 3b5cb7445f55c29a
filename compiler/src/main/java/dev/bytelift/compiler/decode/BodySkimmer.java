package dev.bytelift.compiler.decode;

/**
 * Decodes a function body's locals and instructions without validating or translating them, to
 * find where it really ends and to report malformed encodings in file order, as the spec's
 * decoder does (which reads the body as part of the module, past its declared size if the
 * instructions say so).
 */
final class BodySkimmer {
    private BodySkimmer() {}

    /**
     * What the skim learnt of a body: whether it accesses linear memory, and how many
     * instructions, single-byte memory accesses and wider ones (2 to 16 bytes) it has; whether it
     * makes tail calls (then it is compiled with a trampoline, docs/tail-calls.md); whether it has
     * a loop or a call of any kind (else each run of it is bounded by its size).
     */
    record Counts(boolean usesMemory, int instructions, int byteAccesses, int wideAccesses, boolean tailCalls,
            boolean deepStack, boolean loopsOrCalls) {}

    /**
     * A block whose operand stack may grow past this many values, or a label of more slots (by an
     * upper bound, {@link StackBound}), is a candidate for the deep-stack translation
     * (translate/DeepStack).
     */
    static final int DEEP_STACK_VALUES = 1_000;

    /**
     * Skims the body starting at {@code in.pos()}; leaves {@code in} after its final {@code end}.
     * {@code type} is the function's type, or null if unknown (it names no type).
     */
    static Counts skim(ByteReader in, Features features, ModuleInfo m, dev.bytelift.runtime.FuncType type) {
        return skim(in, features, m, type, null, -1, 0);
    }

    /**
     * As {@link #skim(ByteReader, Features, ModuleInfo, dev.bytelift.runtime.FuncType)}, telling
     * {@code listener} (if not null) about function {@code funcIndex}'s body of {@code size} bytes.
     */
    static Counts skim(ByteReader in, Features features, ModuleInfo m, dev.bytelift.runtime.FuncType type,
            BodyListener listener, int funcIndex, int size) {
        int start = in.pos();
        boolean usesMemory = false, tailCalls = false, loopsOrCalls = false;
        int instructions = 0, byteAccesses = 0, wideAccesses = 0;
        int groups = in.u32Count();
        long total = 0;
        for (int i = 0; i < groups; i++) {
            total += Integer.toUnsignedLong(in.u32());
            TypeReader.valType(in, features, null);
        }
        if (total > 0xFFFFFFFFL) throw in.malformed("too many locals");
        int depth = 0;
        // per open block: may an else come next (an if whose else has not been seen)
        java.util.BitSet elseAllowed = new java.util.BitSet();
        OperatorReader r = new OperatorReader(in, features, listener == null ? null : listener.resolver());
        if (listener != null) listener.start(m, funcIndex, start, start + size, r);
        StackBound stack = new StackBound(m, type, DEEP_STACK_VALUES);
        while (true) {
            Op op = r.next();
            instructions++;
            stack.after(op, r);
            // (before the structure checks below: a failure there is thrown at once all the same)
            if (listener != null) listener.operator(op);
            if (op.has(Op.F.BLOCK)) {
                depth++;
                elseAllowed.set(depth, op == Op.IF);
            } else if (op == Op.ELSE) {
                if (depth == 0 || !elseAllowed.get(depth)) throw in.malformed("END opcode expected", r.offset());
                elseAllowed.clear(depth);
            } else if (op == Op.END || op == Op.DELEGATE) {
                if (depth == 0) {
                    return new Counts(usesMemory, instructions, byteAccesses, wideAccesses, tailCalls,
                            stack.deep(), loopsOrCalls);
                }
                depth--;
            }
            if (op.has(Op.F.MEMORY)) usesMemory = true;
            if (op.has(Op.F.CALL) && op.has(Op.F.LEAVES)) tailCalls = true;
            if (op == Op.LOOP || op.has(Op.F.CALL)) loopsOrCalls = true;
            if (op.immediates() == Imm.MEMARG || op.immediates() == Imm.MEMARG_LANE) {
                // SIMD accesses all count as wide: each is a helper call about as heavy as a wide access
                if (op.prefix() == 0 && op.alignLog2() == 0) byteAccesses++;
                else wideAccesses++;
            }
        }
    }
}
