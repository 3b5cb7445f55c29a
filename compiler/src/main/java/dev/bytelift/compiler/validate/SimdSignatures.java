package dev.bytelift.compiler.validate;

import dev.bytelift.runtime.ValType;

/**
 * The immediates and operand types of every 0xFD-prefixed (SIMD) instruction, by sub-opcode,
 * as the spec's binary format and typing rules give them.
 */
public final class SimdSignatures {
    private SimdSignatures() {}

    /** Immediate kinds. */
    public static final int NONE = 0, MEMARG = 1, MEMARG_LANE = 2, LANE = 3, SHUFFLE = 4, CONST = 5;

    /** One instruction's shape. */
    public record Sig(int immediates, ValType[] params, ValType result, int alignLog2, int lanes) {}

    private static final Sig[] SIGS = new Sig[256];

    private static final ValType V = ValType.V128, I = ValType.I32, L = ValType.I64, F = ValType.F32, D = ValType.F64;

    private static void def(int op, int imm, ValType[] params, ValType result, int align, int lanes) {
        SIGS[op] = new Sig(imm, params, result, align, lanes);
    }

    private static void plain(ValType[] params, ValType result, int... ops) {
        for (int op : ops) def(op, NONE, params, result, 0, 0);
    }

    private static void range(ValType[] params, ValType result, int from, int to) {
        for (int op = from; op <= to; op++) def(op, NONE, params, result, 0, 0);
    }

    static {
        ValType[] v = {V}, vv = {V, V}, vvv = {V, V, V}, vi = {V, I}, i = {I}, iv = {I, V};
        // loads and stores
        def(0x00, MEMARG, i, V, 4, 0);
        for (int op = 0x01; op <= 0x06; op++) def(op, MEMARG, i, V, 3, 0);
        def(0x07, MEMARG, i, V, 0, 0);
        def(0x08, MEMARG, i, V, 1, 0);
        def(0x09, MEMARG, i, V, 2, 0);
        def(0x0A, MEMARG, i, V, 3, 0);
        def(0x0B, MEMARG, iv, null, 4, 0);
        def(0x0C, CONST, new ValType[0], V, 0, 0);
        def(0x0D, SHUFFLE, vv, V, 0, 32);
        plain(vv, V, 0x0E);
        // splat, lanes
        def(0x0F, NONE, i, V, 0, 0);
        def(0x10, NONE, i, V, 0, 0);
        def(0x11, NONE, i, V, 0, 0);
        def(0x12, NONE, new ValType[] {L}, V, 0, 0);
        def(0x13, NONE, new ValType[] {F}, V, 0, 0);
        def(0x14, NONE, new ValType[] {D}, V, 0, 0);
        def(0x15, LANE, v, I, 0, 16);
        def(0x16, LANE, v, I, 0, 16);
        def(0x17, LANE, vi, V, 0, 16);
        def(0x18, LANE, v, I, 0, 8);
        def(0x19, LANE, v, I, 0, 8);
        def(0x1A, LANE, vi, V, 0, 8);
        def(0x1B, LANE, v, I, 0, 4);
        def(0x1C, LANE, vi, V, 0, 4);
        def(0x1D, LANE, v, L, 0, 2);
        def(0x1E, LANE, new ValType[] {V, L}, V, 0, 2);
        def(0x1F, LANE, v, F, 0, 4);
        def(0x20, LANE, new ValType[] {V, F}, V, 0, 4);
        def(0x21, LANE, v, D, 0, 2);
        def(0x22, LANE, new ValType[] {V, D}, V, 0, 2);
        // comparisons
        range(vv, V, 0x23, 0x4C);
        // bitwise
        plain(v, V, 0x4D);
        range(vv, V, 0x4E, 0x51);
        plain(vvv, V, 0x52);
        plain(v, I, 0x53);
        // lane loads/stores, zero loads
        def(0x54, MEMARG_LANE, iv, V, 0, 16);
        def(0x55, MEMARG_LANE, iv, V, 1, 8);
        def(0x56, MEMARG_LANE, iv, V, 2, 4);
        def(0x57, MEMARG_LANE, iv, V, 3, 2);
        def(0x58, MEMARG_LANE, iv, null, 0, 16);
        def(0x59, MEMARG_LANE, iv, null, 1, 8);
        def(0x5A, MEMARG_LANE, iv, null, 2, 4);
        def(0x5B, MEMARG_LANE, iv, null, 3, 2);
        def(0x5C, MEMARG, i, V, 2, 0);
        def(0x5D, MEMARG, i, V, 3, 0);
        plain(v, V, 0x5E, 0x5F);
        // i8x16
        plain(v, V, 0x60, 0x61, 0x62);
        plain(v, I, 0x63, 0x64);
        plain(vv, V, 0x65, 0x66);
        plain(v, V, 0x67, 0x68, 0x69, 0x6A);
        plain(vi, V, 0x6B, 0x6C, 0x6D);
        range(vv, V, 0x6E, 0x73);
        plain(v, V, 0x74, 0x75);
        range(vv, V, 0x76, 0x79);
        plain(v, V, 0x7A);
        plain(vv, V, 0x7B);
        range(v, V, 0x7C, 0x7F);
        // i16x8
        plain(v, V, 0x80, 0x81);
        plain(vv, V, 0x82);
        plain(v, I, 0x83, 0x84);
        plain(vv, V, 0x85, 0x86);
        range(v, V, 0x87, 0x8A);
        plain(vi, V, 0x8B, 0x8C, 0x8D);
        range(vv, V, 0x8E, 0x93);
        plain(v, V, 0x94);
        range(vv, V, 0x95, 0x99);
        plain(vv, V, 0x9B);
        range(vv, V, 0x9C, 0x9F);
        // i32x4
        plain(v, V, 0xA0, 0xA1);
        plain(v, I, 0xA3, 0xA4);
        range(v, V, 0xA7, 0xAA);
        plain(vi, V, 0xAB, 0xAC, 0xAD);
        plain(vv, V, 0xAE, 0xB1, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA);
        range(vv, V, 0xBC, 0xBF);
        // i64x2
        plain(v, V, 0xC0, 0xC1);
        plain(v, I, 0xC3, 0xC4);
        range(v, V, 0xC7, 0xCA);
        plain(vi, V, 0xCB, 0xCC, 0xCD);
        plain(vv, V, 0xCE, 0xD1, 0xD5);
        range(vv, V, 0xD6, 0xDF);
        // f32x4, f64x2
        plain(v, V, 0xE0, 0xE1, 0xE3);
        range(vv, V, 0xE4, 0xEB);
        plain(v, V, 0xEC, 0xED, 0xEF);
        range(vv, V, 0xF0, 0xF7);
        // conversions
        range(v, V, 0xF8, 0xFF);
    }

    /** The signature of sub-opcode {@code op}, or {@code null} if no such instruction exists. */
    public static Sig of(int op) {
        return op >= 0 && op < 256 ? SIGS[op] : null;
    }
}
