package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.Scratch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebAssembly 2.0 SIMD instruction set as the tests expect it, written down independently of
 * {@link SimdTable}: sub-opcode, text name, operand types, result type and immediates (from the
 * spec's binary format and the validation rules; the opcode/name pairs match
 * {@code wasm-objdump -d} of the testsuite's SIMD modules).
 */
final class SimdSignatures {
    private SimdSignatures() {}

    /** One instruction. {@code result} is null when it produces nothing. */
    record Sig(int opcode, String name, List<String> operands, String result, String immediates) {

        boolean hasMemarg() {
            return immediates.startsWith("mem");
        }

        boolean hasLane() {
            return immediates.endsWith("lane");
        }

        /** The Java parameter types the ABI prescribes for this instruction's method. */
        List<Class<?>> parameterTypes() {
            List<Class<?>> p = new ArrayList<>();
            for (String t : operands) {
                if (t.equals("v128")) {
                    p.add(long.class);
                    p.add(long.class);
                } else {
                    p.add(javaType(t));
                }
            }
            if (hasMemarg()) {
                p.add(byte[].class); // the memory's array, its size, the static offset
                p.add(int.class);
                p.add(int.class);
            }
            if (hasLane()) {
                p.add(int.class);
            }
            if (immediates.equals("shuffle")) {
                p.add(long.class);
                p.add(long.class);
            }
            if ("v128".equals(result)) {
                p.add(Scratch.class);
            }
            return p;
        }

        Class<?> returnType() {
            if (result == null) {
                return void.class;
            }
            return result.equals("v128") ? long.class : javaType(result);
        }
    }

    static Class<?> javaType(String wasmType) {
        switch (wasmType) {
            case "i32": return int.class;
            case "i64": return long.class;
            case "f32": return float.class;
            case "f64": return double.class;
            case "v128": return long.class;
            default: throw new IllegalArgumentException(wasmType);
        }
    }

    // opcode  name  operands  result  immediates ("-" = none)
    private static final String TABLE = """
            00 v128.load                        i32            v128 mem
            01 v128.load8x8_s                   i32            v128 mem
            02 v128.load8x8_u                   i32            v128 mem
            03 v128.load16x4_s                  i32            v128 mem
            04 v128.load16x4_u                  i32            v128 mem
            05 v128.load32x2_s                  i32            v128 mem
            06 v128.load32x2_u                  i32            v128 mem
            07 v128.load8_splat                 i32            v128 mem
            08 v128.load16_splat                i32            v128 mem
            09 v128.load32_splat                i32            v128 mem
            0a v128.load64_splat                i32            v128 mem
            0b v128.store                       i32,v128       -    mem
            0c v128.const                       -              v128 const
            0d i8x16.shuffle                    v128,v128      v128 shuffle
            0e i8x16.swizzle                    v128,v128      v128 -
            0f i8x16.splat                      i32            v128 -
            10 i16x8.splat                      i32            v128 -
            11 i32x4.splat                      i32            v128 -
            12 i64x2.splat                      i64            v128 -
            13 f32x4.splat                      f32            v128 -
            14 f64x2.splat                      f64            v128 -
            15 i8x16.extract_lane_s             v128           i32  lane
            16 i8x16.extract_lane_u             v128           i32  lane
            17 i8x16.replace_lane               v128,i32       v128 lane
            18 i16x8.extract_lane_s             v128           i32  lane
            19 i16x8.extract_lane_u             v128           i32  lane
            1a i16x8.replace_lane               v128,i32       v128 lane
            1b i32x4.extract_lane               v128           i32  lane
            1c i32x4.replace_lane               v128,i32       v128 lane
            1d i64x2.extract_lane               v128           i64  lane
            1e i64x2.replace_lane               v128,i64       v128 lane
            1f f32x4.extract_lane               v128           f32  lane
            20 f32x4.replace_lane               v128,f32       v128 lane
            21 f64x2.extract_lane               v128           f64  lane
            22 f64x2.replace_lane               v128,f64       v128 lane
            23 i8x16.eq                         v128,v128      v128 -
            24 i8x16.ne                         v128,v128      v128 -
            25 i8x16.lt_s                       v128,v128      v128 -
            26 i8x16.lt_u                       v128,v128      v128 -
            27 i8x16.gt_s                       v128,v128      v128 -
            28 i8x16.gt_u                       v128,v128      v128 -
            29 i8x16.le_s                       v128,v128      v128 -
            2a i8x16.le_u                       v128,v128      v128 -
            2b i8x16.ge_s                       v128,v128      v128 -
            2c i8x16.ge_u                       v128,v128      v128 -
            2d i16x8.eq                         v128,v128      v128 -
            2e i16x8.ne                         v128,v128      v128 -
            2f i16x8.lt_s                       v128,v128      v128 -
            30 i16x8.lt_u                       v128,v128      v128 -
            31 i16x8.gt_s                       v128,v128      v128 -
            32 i16x8.gt_u                       v128,v128      v128 -
            33 i16x8.le_s                       v128,v128      v128 -
            34 i16x8.le_u                       v128,v128      v128 -
            35 i16x8.ge_s                       v128,v128      v128 -
            36 i16x8.ge_u                       v128,v128      v128 -
            37 i32x4.eq                         v128,v128      v128 -
            38 i32x4.ne                         v128,v128      v128 -
            39 i32x4.lt_s                       v128,v128      v128 -
            3a i32x4.lt_u                       v128,v128      v128 -
            3b i32x4.gt_s                       v128,v128      v128 -
            3c i32x4.gt_u                       v128,v128      v128 -
            3d i32x4.le_s                       v128,v128      v128 -
            3e i32x4.le_u                       v128,v128      v128 -
            3f i32x4.ge_s                       v128,v128      v128 -
            40 i32x4.ge_u                       v128,v128      v128 -
            41 f32x4.eq                         v128,v128      v128 -
            42 f32x4.ne                         v128,v128      v128 -
            43 f32x4.lt                         v128,v128      v128 -
            44 f32x4.gt                         v128,v128      v128 -
            45 f32x4.le                         v128,v128      v128 -
            46 f32x4.ge                         v128,v128      v128 -
            47 f64x2.eq                         v128,v128      v128 -
            48 f64x2.ne                         v128,v128      v128 -
            49 f64x2.lt                         v128,v128      v128 -
            4a f64x2.gt                         v128,v128      v128 -
            4b f64x2.le                         v128,v128      v128 -
            4c f64x2.ge                         v128,v128      v128 -
            4d v128.not                         v128           v128 -
            4e v128.and                         v128,v128      v128 -
            4f v128.andnot                      v128,v128      v128 -
            50 v128.or                          v128,v128      v128 -
            51 v128.xor                         v128,v128      v128 -
            52 v128.bitselect                   v128,v128,v128 v128 -
            53 v128.any_true                    v128           i32  -
            54 v128.load8_lane                  i32,v128       v128 mem,lane
            55 v128.load16_lane                 i32,v128       v128 mem,lane
            56 v128.load32_lane                 i32,v128       v128 mem,lane
            57 v128.load64_lane                 i32,v128       v128 mem,lane
            58 v128.store8_lane                 i32,v128       -    mem,lane
            59 v128.store16_lane                i32,v128       -    mem,lane
            5a v128.store32_lane                i32,v128       -    mem,lane
            5b v128.store64_lane                i32,v128       -    mem,lane
            5c v128.load32_zero                 i32            v128 mem
            5d v128.load64_zero                 i32            v128 mem
            5e f32x4.demote_f64x2_zero          v128           v128 -
            5f f64x2.promote_low_f32x4          v128           v128 -
            60 i8x16.abs                        v128           v128 -
            61 i8x16.neg                        v128           v128 -
            62 i8x16.popcnt                     v128           v128 -
            63 i8x16.all_true                   v128           i32  -
            64 i8x16.bitmask                    v128           i32  -
            65 i8x16.narrow_i16x8_s             v128,v128      v128 -
            66 i8x16.narrow_i16x8_u             v128,v128      v128 -
            67 f32x4.ceil                       v128           v128 -
            68 f32x4.floor                      v128           v128 -
            69 f32x4.trunc                      v128           v128 -
            6a f32x4.nearest                    v128           v128 -
            6b i8x16.shl                        v128,i32       v128 -
            6c i8x16.shr_s                      v128,i32       v128 -
            6d i8x16.shr_u                      v128,i32       v128 -
            6e i8x16.add                        v128,v128      v128 -
            6f i8x16.add_sat_s                  v128,v128      v128 -
            70 i8x16.add_sat_u                  v128,v128      v128 -
            71 i8x16.sub                        v128,v128      v128 -
            72 i8x16.sub_sat_s                  v128,v128      v128 -
            73 i8x16.sub_sat_u                  v128,v128      v128 -
            74 f64x2.ceil                       v128           v128 -
            75 f64x2.floor                      v128           v128 -
            76 i8x16.min_s                      v128,v128      v128 -
            77 i8x16.min_u                      v128,v128      v128 -
            78 i8x16.max_s                      v128,v128      v128 -
            79 i8x16.max_u                      v128,v128      v128 -
            7a f64x2.trunc                      v128           v128 -
            7b i8x16.avgr_u                     v128,v128      v128 -
            7c i16x8.extadd_pairwise_i8x16_s    v128           v128 -
            7d i16x8.extadd_pairwise_i8x16_u    v128           v128 -
            7e i32x4.extadd_pairwise_i16x8_s    v128           v128 -
            7f i32x4.extadd_pairwise_i16x8_u    v128           v128 -
            80 i16x8.abs                        v128           v128 -
            81 i16x8.neg                        v128           v128 -
            82 i16x8.q15mulr_sat_s              v128,v128      v128 -
            83 i16x8.all_true                   v128           i32  -
            84 i16x8.bitmask                    v128           i32  -
            85 i16x8.narrow_i32x4_s             v128,v128      v128 -
            86 i16x8.narrow_i32x4_u             v128,v128      v128 -
            87 i16x8.extend_low_i8x16_s         v128           v128 -
            88 i16x8.extend_high_i8x16_s        v128           v128 -
            89 i16x8.extend_low_i8x16_u         v128           v128 -
            8a i16x8.extend_high_i8x16_u        v128           v128 -
            8b i16x8.shl                        v128,i32       v128 -
            8c i16x8.shr_s                      v128,i32       v128 -
            8d i16x8.shr_u                      v128,i32       v128 -
            8e i16x8.add                        v128,v128      v128 -
            8f i16x8.add_sat_s                  v128,v128      v128 -
            90 i16x8.add_sat_u                  v128,v128      v128 -
            91 i16x8.sub                        v128,v128      v128 -
            92 i16x8.sub_sat_s                  v128,v128      v128 -
            93 i16x8.sub_sat_u                  v128,v128      v128 -
            94 f64x2.nearest                    v128           v128 -
            95 i16x8.mul                        v128,v128      v128 -
            96 i16x8.min_s                      v128,v128      v128 -
            97 i16x8.min_u                      v128,v128      v128 -
            98 i16x8.max_s                      v128,v128      v128 -
            99 i16x8.max_u                      v128,v128      v128 -
            9b i16x8.avgr_u                     v128,v128      v128 -
            9c i16x8.extmul_low_i8x16_s         v128,v128      v128 -
            9d i16x8.extmul_high_i8x16_s        v128,v128      v128 -
            9e i16x8.extmul_low_i8x16_u         v128,v128      v128 -
            9f i16x8.extmul_high_i8x16_u        v128,v128      v128 -
            a0 i32x4.abs                        v128           v128 -
            a1 i32x4.neg                        v128           v128 -
            a3 i32x4.all_true                   v128           i32  -
            a4 i32x4.bitmask                    v128           i32  -
            a7 i32x4.extend_low_i16x8_s         v128           v128 -
            a8 i32x4.extend_high_i16x8_s        v128           v128 -
            a9 i32x4.extend_low_i16x8_u         v128           v128 -
            aa i32x4.extend_high_i16x8_u        v128           v128 -
            ab i32x4.shl                        v128,i32       v128 -
            ac i32x4.shr_s                      v128,i32       v128 -
            ad i32x4.shr_u                      v128,i32       v128 -
            ae i32x4.add                        v128,v128      v128 -
            b1 i32x4.sub                        v128,v128      v128 -
            b5 i32x4.mul                        v128,v128      v128 -
            b6 i32x4.min_s                      v128,v128      v128 -
            b7 i32x4.min_u                      v128,v128      v128 -
            b8 i32x4.max_s                      v128,v128      v128 -
            b9 i32x4.max_u                      v128,v128      v128 -
            ba i32x4.dot_i16x8_s                v128,v128      v128 -
            bc i32x4.extmul_low_i16x8_s         v128,v128      v128 -
            bd i32x4.extmul_high_i16x8_s        v128,v128      v128 -
            be i32x4.extmul_low_i16x8_u         v128,v128      v128 -
            bf i32x4.extmul_high_i16x8_u        v128,v128      v128 -
            c0 i64x2.abs                        v128           v128 -
            c1 i64x2.neg                        v128           v128 -
            c3 i64x2.all_true                   v128           i32  -
            c4 i64x2.bitmask                    v128           i32  -
            c7 i64x2.extend_low_i32x4_s         v128           v128 -
            c8 i64x2.extend_high_i32x4_s        v128           v128 -
            c9 i64x2.extend_low_i32x4_u         v128           v128 -
            ca i64x2.extend_high_i32x4_u        v128           v128 -
            cb i64x2.shl                        v128,i32       v128 -
            cc i64x2.shr_s                      v128,i32       v128 -
            cd i64x2.shr_u                      v128,i32       v128 -
            ce i64x2.add                        v128,v128      v128 -
            d1 i64x2.sub                        v128,v128      v128 -
            d5 i64x2.mul                        v128,v128      v128 -
            d6 i64x2.eq                         v128,v128      v128 -
            d7 i64x2.ne                         v128,v128      v128 -
            d8 i64x2.lt_s                       v128,v128      v128 -
            d9 i64x2.gt_s                       v128,v128      v128 -
            da i64x2.le_s                       v128,v128      v128 -
            db i64x2.ge_s                       v128,v128      v128 -
            dc i64x2.extmul_low_i32x4_s         v128,v128      v128 -
            dd i64x2.extmul_high_i32x4_s        v128,v128      v128 -
            de i64x2.extmul_low_i32x4_u         v128,v128      v128 -
            df i64x2.extmul_high_i32x4_u        v128,v128      v128 -
            e0 f32x4.abs                        v128           v128 -
            e1 f32x4.neg                        v128           v128 -
            e3 f32x4.sqrt                       v128           v128 -
            e4 f32x4.add                        v128,v128      v128 -
            e5 f32x4.sub                        v128,v128      v128 -
            e6 f32x4.mul                        v128,v128      v128 -
            e7 f32x4.div                        v128,v128      v128 -
            e8 f32x4.min                        v128,v128      v128 -
            e9 f32x4.max                        v128,v128      v128 -
            ea f32x4.pmin                       v128,v128      v128 -
            eb f32x4.pmax                       v128,v128      v128 -
            ec f64x2.abs                        v128           v128 -
            ed f64x2.neg                        v128           v128 -
            ef f64x2.sqrt                       v128           v128 -
            f0 f64x2.add                        v128,v128      v128 -
            f1 f64x2.sub                        v128,v128      v128 -
            f2 f64x2.mul                        v128,v128      v128 -
            f3 f64x2.div                        v128,v128      v128 -
            f4 f64x2.min                        v128,v128      v128 -
            f5 f64x2.max                        v128,v128      v128 -
            f6 f64x2.pmin                       v128,v128      v128 -
            f7 f64x2.pmax                       v128,v128      v128 -
            f8 i32x4.trunc_sat_f32x4_s          v128           v128 -
            f9 i32x4.trunc_sat_f32x4_u          v128           v128 -
            fa f32x4.convert_i32x4_s            v128           v128 -
            fb f32x4.convert_i32x4_u            v128           v128 -
            fc i32x4.trunc_sat_f64x2_s_zero     v128           v128 -
            fd i32x4.trunc_sat_f64x2_u_zero     v128           v128 -
            fe f64x2.convert_low_i32x4_s        v128           v128 -
            ff f64x2.convert_low_i32x4_u        v128           v128 -
            """;

    /** All 236 instructions (including v128.const), by sub-opcode. */
    static final Map<Integer, Sig> ALL;

    static {
        Map<Integer, Sig> m = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            List<String> operands = f[2].equals("-") ? List.of() : Arrays.asList(f[2].split(","));
            String result = f[3].equals("-") ? null : f[3];
            Sig sig = new Sig(Integer.parseInt(f[0], 16), f[1], List.copyOf(operands), result, f[4]);
            if (m.put(sig.opcode(), sig) != null) {
                throw new IllegalStateException("duplicate " + line);
            }
        }
        ALL = Collections.unmodifiableMap(m);
    }

    static Sig byName(String name) {
        for (Sig s : ALL.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
