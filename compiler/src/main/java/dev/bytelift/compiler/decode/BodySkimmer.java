package dev.bytelift.compiler.decode;

import dev.bytelift.compiler.validate.SimdSignatures;

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
     * instructions, single-byte memory accesses and wider ones (2 to 16 bytes) it has.
     */
    record Counts(boolean usesMemory, int instructions, int byteAccesses, int wideAccesses) {}

    /**
     * Skims the body starting at {@code in.pos()}; leaves {@code in} after its final {@code end}.
     */
    static Counts skim(ByteReader in) {
        boolean usesMemory = false;
        int instructions = 0, byteAccesses = 0, wideAccesses = 0;
        int groups = in.u32Count();
        long total = 0;
        for (int i = 0; i < groups; i++) {
            total += Integer.toUnsignedLong(in.u32());
            int at = in.pos();
            if (dev.bytelift.runtime.ValType.fromCode(in.u8()) == null) throw in.malformed("malformed value type", at);
        }
        if (total > 0xFFFFFFFFL) throw in.malformed("too many locals");
        int depth = 0;
        // per open block: may an else come next (an if whose else has not been seen)
        java.util.BitSet elseAllowed = new java.util.BitSet();
        while (true) {
            int at = in.pos();
            int op = in.u8();
            instructions++;
            switch (op) {
                case 0x02, 0x03, 0x04 -> {
                    in.s33();
                    depth++;
                    elseAllowed.set(depth, op == 0x04);
                }
                case 0x05 -> {
                    if (depth == 0 || !elseAllowed.get(depth)) throw in.malformed("END opcode expected", at);
                    elseAllowed.clear(depth);
                }
                case 0x0B -> {
                    if (depth == 0) return new Counts(usesMemory, instructions, byteAccesses, wideAccesses);
                    depth--;
                }
                case 0x00, 0x01, 0x0F, 0x1A, 0x1B, 0xD1 -> { }
                case 0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2 -> in.u32();
                case 0x0E -> {
                    int n = in.u32Count();
                    for (int i = 0; i <= n; i++) in.u32();
                }
                case 0x11 -> { in.u32(); in.u32(); }
                case 0x1C -> {
                    int n = in.u32Count();
                    for (int i = 0; i < n; i++) in.u8();
                }
                case 0x3F, 0x40 -> {
                    zeroByte(in);
                    usesMemory = true;
                }
                case 0x41 -> in.s32();
                case 0x42 -> in.s64();
                case 0x43 -> in.f32Bits();
                case 0x44 -> in.f64Bits();
                case 0xD0 -> in.u8();
                case 0xFC -> usesMemory |= misc(in, at);
                case 0xFD -> {
                    boolean access = simd(in, at);
                    usesMemory |= access;
                    if (access) wideAccesses++;
                }
                default -> {
                    if (op >= 0x28 && op <= 0x3E) {
                        memarg(in);
                        usesMemory = true;
                        if (op == 0x2C || op == 0x2D || op == 0x30 || op == 0x31 || op == 0x3A || op == 0x3C) byteAccesses++;
                        else wideAccesses++;
                    }
                    else if (op < 0x45 || op > 0xC4) throw in.malformed("illegal opcode", at);
                }
            }
        }
    }

    private static void zeroByte(ByteReader in) {
        int at = in.pos();
        if (in.u8() != 0) throw in.malformed("zero byte expected", at);
    }

    private static void memarg(ByteReader in) {
        int at = in.pos();
        int align = in.u32();
        if (Integer.compareUnsigned(align, 32) >= 0) throw in.malformed("malformed memop flags", at);
        in.u32();
    }

    /** Skims a 0xFC instruction; returns whether it accesses memory. */
    private static boolean misc(ByteReader in, int at) {
        int sub = in.u32();
        switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case 8 -> { in.u32(); zeroByte(in); }
            case 9, 13, 15, 16, 17 -> in.u32();
            case 10 -> { zeroByte(in); zeroByte(in); }
            case 11 -> zeroByte(in);
            case 12, 14 -> { in.u32(); in.u32(); }
            default -> throw in.malformed("illegal opcode", at);
        }
        return sub >= 8 && sub <= 11;
    }

    /** Skims a 0xFD instruction; returns whether it accesses memory. */
    private static boolean simd(ByteReader in, int at) {
        int sub = in.u32();
        SimdSignatures.Sig sig = SimdSignatures.of(sub);
        if (sig == null) throw in.malformed("illegal opcode", at);
        switch (sig.immediates()) {
            case SimdSignatures.MEMARG -> memarg(in);
            case SimdSignatures.MEMARG_LANE -> { memarg(in); in.u8(); }
            case SimdSignatures.LANE -> in.u8();
            case SimdSignatures.SHUFFLE, SimdSignatures.CONST -> in.skip(16);
            default -> { }
        }
        int imm = sig.immediates();
        return imm == SimdSignatures.MEMARG || imm == SimdSignatures.MEMARG_LANE;
    }
}
