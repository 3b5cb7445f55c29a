package dev.bytelift.runtime.internal.simd;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Maps the sub-opcode of each {@code 0xFD}-prefixed (SIMD) instruction (WebAssembly 2.0's, and 3.0's relaxed SIMD at 0x100-0x113) to the
 * static method implementing it. The method's name is the instruction's text name with
 * {@code '.'} replaced by {@code '_'}; its parameters and result follow the runtime's v128 ABI
 * (see the classes of this package).
 *
 * <p>{@code v128.const} (0x0C) has no method: the translator materialises constants itself.
 */
public final class SimdTable {
    private SimdTable() {}

    private static final Class<?> MEM = SimdMemory.class;
    private static final Class<?> LANES = SimdLanes.class;
    private static final Class<?> BITWISE = SimdBitwise.class;
    private static final Class<?> COMPARE = SimdCompare.class;
    private static final Class<?> INT = SimdIntArith.class;
    private static final Class<?> FLOAT = SimdFloatArith.class;
    private static final Class<?> CONVERT = SimdConvert.class;
    private static final Class<?> RELAXED = SimdRelaxed.class;

    /** The sub-opcode of {@code v128.const}. */
    public static final int V128_CONST = 0x0C;

    private static final Method[] METHODS = new Method[0x114];
    private static final String[] NAMES = new String[0x114];

    static {
        NAMES[V128_CONST] = "v128.const";
        e(0x00, MEM, "v128.load");
        e(0x01, MEM, "v128.load8x8_s");
        e(0x02, MEM, "v128.load8x8_u");
        e(0x03, MEM, "v128.load16x4_s");
        e(0x04, MEM, "v128.load16x4_u");
        e(0x05, MEM, "v128.load32x2_s");
        e(0x06, MEM, "v128.load32x2_u");
        e(0x07, MEM, "v128.load8_splat");
        e(0x08, MEM, "v128.load16_splat");
        e(0x09, MEM, "v128.load32_splat");
        e(0x0A, MEM, "v128.load64_splat");
        e(0x0B, MEM, "v128.store");
        e(0x0D, LANES, "i8x16.shuffle");
        e(0x0E, LANES, "i8x16.swizzle");
        e(0x0F, LANES, "i8x16.splat");
        e(0x10, LANES, "i16x8.splat");
        e(0x11, LANES, "i32x4.splat");
        e(0x12, LANES, "i64x2.splat");
        e(0x13, LANES, "f32x4.splat");
        e(0x14, LANES, "f64x2.splat");
        e(0x15, LANES, "i8x16.extract_lane_s");
        e(0x16, LANES, "i8x16.extract_lane_u");
        e(0x17, LANES, "i8x16.replace_lane");
        e(0x18, LANES, "i16x8.extract_lane_s");
        e(0x19, LANES, "i16x8.extract_lane_u");
        e(0x1A, LANES, "i16x8.replace_lane");
        e(0x1B, LANES, "i32x4.extract_lane");
        e(0x1C, LANES, "i32x4.replace_lane");
        e(0x1D, LANES, "i64x2.extract_lane");
        e(0x1E, LANES, "i64x2.replace_lane");
        e(0x1F, LANES, "f32x4.extract_lane");
        e(0x20, LANES, "f32x4.replace_lane");
        e(0x21, LANES, "f64x2.extract_lane");
        e(0x22, LANES, "f64x2.replace_lane");
        e(0x23, COMPARE, "i8x16.eq");
        e(0x24, COMPARE, "i8x16.ne");
        e(0x25, COMPARE, "i8x16.lt_s");
        e(0x26, COMPARE, "i8x16.lt_u");
        e(0x27, COMPARE, "i8x16.gt_s");
        e(0x28, COMPARE, "i8x16.gt_u");
        e(0x29, COMPARE, "i8x16.le_s");
        e(0x2A, COMPARE, "i8x16.le_u");
        e(0x2B, COMPARE, "i8x16.ge_s");
        e(0x2C, COMPARE, "i8x16.ge_u");
        e(0x2D, COMPARE, "i16x8.eq");
        e(0x2E, COMPARE, "i16x8.ne");
        e(0x2F, COMPARE, "i16x8.lt_s");
        e(0x30, COMPARE, "i16x8.lt_u");
        e(0x31, COMPARE, "i16x8.gt_s");
        e(0x32, COMPARE, "i16x8.gt_u");
        e(0x33, COMPARE, "i16x8.le_s");
        e(0x34, COMPARE, "i16x8.le_u");
        e(0x35, COMPARE, "i16x8.ge_s");
        e(0x36, COMPARE, "i16x8.ge_u");
        e(0x37, COMPARE, "i32x4.eq");
        e(0x38, COMPARE, "i32x4.ne");
        e(0x39, COMPARE, "i32x4.lt_s");
        e(0x3A, COMPARE, "i32x4.lt_u");
        e(0x3B, COMPARE, "i32x4.gt_s");
        e(0x3C, COMPARE, "i32x4.gt_u");
        e(0x3D, COMPARE, "i32x4.le_s");
        e(0x3E, COMPARE, "i32x4.le_u");
        e(0x3F, COMPARE, "i32x4.ge_s");
        e(0x40, COMPARE, "i32x4.ge_u");
        e(0x41, COMPARE, "f32x4.eq");
        e(0x42, COMPARE, "f32x4.ne");
        e(0x43, COMPARE, "f32x4.lt");
        e(0x44, COMPARE, "f32x4.gt");
        e(0x45, COMPARE, "f32x4.le");
        e(0x46, COMPARE, "f32x4.ge");
        e(0x47, COMPARE, "f64x2.eq");
        e(0x48, COMPARE, "f64x2.ne");
        e(0x49, COMPARE, "f64x2.lt");
        e(0x4A, COMPARE, "f64x2.gt");
        e(0x4B, COMPARE, "f64x2.le");
        e(0x4C, COMPARE, "f64x2.ge");
        e(0x4D, BITWISE, "v128.not");
        e(0x4E, BITWISE, "v128.and");
        e(0x4F, BITWISE, "v128.andnot");
        e(0x50, BITWISE, "v128.or");
        e(0x51, BITWISE, "v128.xor");
        e(0x52, BITWISE, "v128.bitselect");
        e(0x53, BITWISE, "v128.any_true");
        e(0x54, MEM, "v128.load8_lane");
        e(0x55, MEM, "v128.load16_lane");
        e(0x56, MEM, "v128.load32_lane");
        e(0x57, MEM, "v128.load64_lane");
        e(0x58, MEM, "v128.store8_lane");
        e(0x59, MEM, "v128.store16_lane");
        e(0x5A, MEM, "v128.store32_lane");
        e(0x5B, MEM, "v128.store64_lane");
        e(0x5C, MEM, "v128.load32_zero");
        e(0x5D, MEM, "v128.load64_zero");
        e(0x5E, CONVERT, "f32x4.demote_f64x2_zero");
        e(0x5F, CONVERT, "f64x2.promote_low_f32x4");
        e(0x60, INT, "i8x16.abs");
        e(0x61, INT, "i8x16.neg");
        e(0x62, INT, "i8x16.popcnt");
        e(0x63, BITWISE, "i8x16.all_true");
        e(0x64, BITWISE, "i8x16.bitmask");
        e(0x65, CONVERT, "i8x16.narrow_i16x8_s");
        e(0x66, CONVERT, "i8x16.narrow_i16x8_u");
        e(0x67, FLOAT, "f32x4.ceil");
        e(0x68, FLOAT, "f32x4.floor");
        e(0x69, FLOAT, "f32x4.trunc");
        e(0x6A, FLOAT, "f32x4.nearest");
        e(0x6B, INT, "i8x16.shl");
        e(0x6C, INT, "i8x16.shr_s");
        e(0x6D, INT, "i8x16.shr_u");
        e(0x6E, INT, "i8x16.add");
        e(0x6F, INT, "i8x16.add_sat_s");
        e(0x70, INT, "i8x16.add_sat_u");
        e(0x71, INT, "i8x16.sub");
        e(0x72, INT, "i8x16.sub_sat_s");
        e(0x73, INT, "i8x16.sub_sat_u");
        e(0x74, FLOAT, "f64x2.ceil");
        e(0x75, FLOAT, "f64x2.floor");
        e(0x76, INT, "i8x16.min_s");
        e(0x77, INT, "i8x16.min_u");
        e(0x78, INT, "i8x16.max_s");
        e(0x79, INT, "i8x16.max_u");
        e(0x7A, FLOAT, "f64x2.trunc");
        e(0x7B, INT, "i8x16.avgr_u");
        e(0x7C, INT, "i16x8.extadd_pairwise_i8x16_s");
        e(0x7D, INT, "i16x8.extadd_pairwise_i8x16_u");
        e(0x7E, INT, "i32x4.extadd_pairwise_i16x8_s");
        e(0x7F, INT, "i32x4.extadd_pairwise_i16x8_u");
        e(0x80, INT, "i16x8.abs");
        e(0x81, INT, "i16x8.neg");
        e(0x82, INT, "i16x8.q15mulr_sat_s");
        e(0x83, BITWISE, "i16x8.all_true");
        e(0x84, BITWISE, "i16x8.bitmask");
        e(0x85, CONVERT, "i16x8.narrow_i32x4_s");
        e(0x86, CONVERT, "i16x8.narrow_i32x4_u");
        e(0x87, CONVERT, "i16x8.extend_low_i8x16_s");
        e(0x88, CONVERT, "i16x8.extend_high_i8x16_s");
        e(0x89, CONVERT, "i16x8.extend_low_i8x16_u");
        e(0x8A, CONVERT, "i16x8.extend_high_i8x16_u");
        e(0x8B, INT, "i16x8.shl");
        e(0x8C, INT, "i16x8.shr_s");
        e(0x8D, INT, "i16x8.shr_u");
        e(0x8E, INT, "i16x8.add");
        e(0x8F, INT, "i16x8.add_sat_s");
        e(0x90, INT, "i16x8.add_sat_u");
        e(0x91, INT, "i16x8.sub");
        e(0x92, INT, "i16x8.sub_sat_s");
        e(0x93, INT, "i16x8.sub_sat_u");
        e(0x94, FLOAT, "f64x2.nearest");
        e(0x95, INT, "i16x8.mul");
        e(0x96, INT, "i16x8.min_s");
        e(0x97, INT, "i16x8.min_u");
        e(0x98, INT, "i16x8.max_s");
        e(0x99, INT, "i16x8.max_u");
        e(0x9B, INT, "i16x8.avgr_u");
        e(0x9C, INT, "i16x8.extmul_low_i8x16_s");
        e(0x9D, INT, "i16x8.extmul_high_i8x16_s");
        e(0x9E, INT, "i16x8.extmul_low_i8x16_u");
        e(0x9F, INT, "i16x8.extmul_high_i8x16_u");
        e(0xA0, INT, "i32x4.abs");
        e(0xA1, INT, "i32x4.neg");
        e(0xA3, BITWISE, "i32x4.all_true");
        e(0xA4, BITWISE, "i32x4.bitmask");
        e(0xA7, CONVERT, "i32x4.extend_low_i16x8_s");
        e(0xA8, CONVERT, "i32x4.extend_high_i16x8_s");
        e(0xA9, CONVERT, "i32x4.extend_low_i16x8_u");
        e(0xAA, CONVERT, "i32x4.extend_high_i16x8_u");
        e(0xAB, INT, "i32x4.shl");
        e(0xAC, INT, "i32x4.shr_s");
        e(0xAD, INT, "i32x4.shr_u");
        e(0xAE, INT, "i32x4.add");
        e(0xB1, INT, "i32x4.sub");
        e(0xB5, INT, "i32x4.mul");
        e(0xB6, INT, "i32x4.min_s");
        e(0xB7, INT, "i32x4.min_u");
        e(0xB8, INT, "i32x4.max_s");
        e(0xB9, INT, "i32x4.max_u");
        e(0xBA, INT, "i32x4.dot_i16x8_s");
        e(0xBC, INT, "i32x4.extmul_low_i16x8_s");
        e(0xBD, INT, "i32x4.extmul_high_i16x8_s");
        e(0xBE, INT, "i32x4.extmul_low_i16x8_u");
        e(0xBF, INT, "i32x4.extmul_high_i16x8_u");
        e(0xC0, INT, "i64x2.abs");
        e(0xC1, INT, "i64x2.neg");
        e(0xC3, BITWISE, "i64x2.all_true");
        e(0xC4, BITWISE, "i64x2.bitmask");
        e(0xC7, CONVERT, "i64x2.extend_low_i32x4_s");
        e(0xC8, CONVERT, "i64x2.extend_high_i32x4_s");
        e(0xC9, CONVERT, "i64x2.extend_low_i32x4_u");
        e(0xCA, CONVERT, "i64x2.extend_high_i32x4_u");
        e(0xCB, INT, "i64x2.shl");
        e(0xCC, INT, "i64x2.shr_s");
        e(0xCD, INT, "i64x2.shr_u");
        e(0xCE, INT, "i64x2.add");
        e(0xD1, INT, "i64x2.sub");
        e(0xD5, INT, "i64x2.mul");
        e(0xD6, COMPARE, "i64x2.eq");
        e(0xD7, COMPARE, "i64x2.ne");
        e(0xD8, COMPARE, "i64x2.lt_s");
        e(0xD9, COMPARE, "i64x2.gt_s");
        e(0xDA, COMPARE, "i64x2.le_s");
        e(0xDB, COMPARE, "i64x2.ge_s");
        e(0xDC, INT, "i64x2.extmul_low_i32x4_s");
        e(0xDD, INT, "i64x2.extmul_high_i32x4_s");
        e(0xDE, INT, "i64x2.extmul_low_i32x4_u");
        e(0xDF, INT, "i64x2.extmul_high_i32x4_u");
        e(0xE0, FLOAT, "f32x4.abs");
        e(0xE1, FLOAT, "f32x4.neg");
        e(0xE3, FLOAT, "f32x4.sqrt");
        e(0xE4, FLOAT, "f32x4.add");
        e(0xE5, FLOAT, "f32x4.sub");
        e(0xE6, FLOAT, "f32x4.mul");
        e(0xE7, FLOAT, "f32x4.div");
        e(0xE8, FLOAT, "f32x4.min");
        e(0xE9, FLOAT, "f32x4.max");
        e(0xEA, FLOAT, "f32x4.pmin");
        e(0xEB, FLOAT, "f32x4.pmax");
        e(0xEC, FLOAT, "f64x2.abs");
        e(0xED, FLOAT, "f64x2.neg");
        e(0xEF, FLOAT, "f64x2.sqrt");
        e(0xF0, FLOAT, "f64x2.add");
        e(0xF1, FLOAT, "f64x2.sub");
        e(0xF2, FLOAT, "f64x2.mul");
        e(0xF3, FLOAT, "f64x2.div");
        e(0xF4, FLOAT, "f64x2.min");
        e(0xF5, FLOAT, "f64x2.max");
        e(0xF6, FLOAT, "f64x2.pmin");
        e(0xF7, FLOAT, "f64x2.pmax");
        e(0xF8, CONVERT, "i32x4.trunc_sat_f32x4_s");
        e(0xF9, CONVERT, "i32x4.trunc_sat_f32x4_u");
        e(0xFA, CONVERT, "f32x4.convert_i32x4_s");
        e(0xFB, CONVERT, "f32x4.convert_i32x4_u");
        e(0xFC, CONVERT, "i32x4.trunc_sat_f64x2_s_zero");
        e(0xFD, CONVERT, "i32x4.trunc_sat_f64x2_u_zero");
        e(0xFE, CONVERT, "f64x2.convert_low_i32x4_s");
        e(0xFF, CONVERT, "f64x2.convert_low_i32x4_u");
        // relaxed SIMD (WebAssembly 3.0)
        e(0x100, RELAXED, "i8x16.relaxed_swizzle");
        e(0x101, RELAXED, "i32x4.relaxed_trunc_f32x4_s");
        e(0x102, RELAXED, "i32x4.relaxed_trunc_f32x4_u");
        e(0x103, RELAXED, "i32x4.relaxed_trunc_f64x2_s_zero");
        e(0x104, RELAXED, "i32x4.relaxed_trunc_f64x2_u_zero");
        e(0x105, RELAXED, "f32x4.relaxed_madd");
        e(0x106, RELAXED, "f32x4.relaxed_nmadd");
        e(0x107, RELAXED, "f64x2.relaxed_madd");
        e(0x108, RELAXED, "f64x2.relaxed_nmadd");
        e(0x109, RELAXED, "i8x16.relaxed_laneselect");
        e(0x10A, RELAXED, "i16x8.relaxed_laneselect");
        e(0x10B, RELAXED, "i32x4.relaxed_laneselect");
        e(0x10C, RELAXED, "i64x2.relaxed_laneselect");
        e(0x10D, RELAXED, "f32x4.relaxed_min");
        e(0x10E, RELAXED, "f32x4.relaxed_max");
        e(0x10F, RELAXED, "f64x2.relaxed_min");
        e(0x110, RELAXED, "f64x2.relaxed_max");
        e(0x111, RELAXED, "i16x8.relaxed_q15mulr_s");
        e(0x112, RELAXED, "i16x8.relaxed_dot_i8x16_i7x16_s");
        e(0x113, RELAXED, "i32x4.relaxed_dot_i8x16_i7x16_add_s");
    }

    private static void e(int opcode, Class<?> owner, String instruction) {
        if (NAMES[opcode] != null) {
            throw new IllegalStateException("SIMD opcode 0x" + Integer.toHexString(opcode) + " listed twice");
        }
        String name = instruction.replace('.', '_');
        Method found = null;
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                if (found != null) {
                    throw new IllegalStateException("overloaded SIMD method " + owner.getName() + "." + name);
                }
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalStateException("missing SIMD method " + owner.getName() + "." + name);
        }
        int mods = found.getModifiers();
        if (!Modifier.isPublic(mods) || !Modifier.isStatic(mods)) {
            throw new IllegalStateException("SIMD method " + owner.getName() + "." + name + " is not public static");
        }
        METHODS[opcode] = found;
        NAMES[opcode] = instruction;
    }

    /**
     * The method implementing the SIMD instruction with this sub-opcode (the u32 after the
     * {@code 0xFD} prefix), or null for {@code v128.const} and for unassigned sub-opcodes.
     */
    public static Method forOpcode(int subOpcode) {
        return subOpcode >= 0 && subOpcode < METHODS.length ? METHODS[subOpcode] : null;
    }

    /**
     * The text name of the SIMD instruction with this sub-opcode (including {@code "v128.const"}),
     * or null if the sub-opcode is unassigned.
     */
    public static String instructionName(int subOpcode) {
        return subOpcode >= 0 && subOpcode < NAMES.length ? NAMES[subOpcode] : null;
    }
}
