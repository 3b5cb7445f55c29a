package dev.bytelift.compiler.decode;

import static dev.bytelift.compiler.decode.Imm.*;
import static dev.bytelift.compiler.decode.Proposal.*;

import dev.bytelift.runtime.ValType;

/**
 * Every WebAssembly operator, in encoding order: its encoding (an opcode byte, or a {@code 0xFC} /
 * {@code 0xFD} prefix and a sub-opcode), its text-format name, its immediates, the proposal that
 * introduced it and what the rest of the compiler needs to know of it (the {@link F} flags). An
 * operator whose typing is fixed carries its signature ({@code "ii:i"}: operand types, then result
 * types, one letter each: {@code i} i32, {@code l} i64, {@code f} f32, {@code d} f64, {@code v}
 * v128); memory accesses carry their natural alignment ({@code log2} of the access width), lane
 * operators their lane count.
 *
 * <p>Decoding, validation, translation, fuel metering and constant expressions all ask this table;
 * no other part of the compiler names an opcode by its number. To add an operator, add its line
 * here, then handle it where {@code OpTableTest} says it is missing. (This file is long because it
 * is the table, one line per operator; the code that reads it is short.)
 */
public enum Op {
    // ---- control
    UNREACHABLE(0x00, "unreachable", NONE, MVP, F.LEAVES),
    NOP(0x01, "nop", NONE, MVP, 0),
    BLOCK(0x02, "block", BLOCK_TYPE, MVP, F.BLOCK),
    LOOP(0x03, "loop", BLOCK_TYPE, MVP, F.BLOCK),
    IF(0x04, "if", BLOCK_TYPE, MVP, F.BLOCK),
    ELSE(0x05, "else", NONE, MVP, 0),
    // exception handling: the legacy try/catch (BRANCH: the arm before ends like a branch), throw, throw_ref
    TRY(0x06, "try", BLOCK_TYPE, EXCEPTIONS, F.BLOCK),
    CATCH(0x07, "catch", TAG, EXCEPTIONS, F.BRANCH),
    THROW(0x08, "throw", TAG, EXCEPTIONS, F.LEAVES),
    RETHROW(0x09, "rethrow", LABEL, EXCEPTIONS, F.LEAVES),
    THROW_REF(0x0A, "throw_ref", NONE, EXCEPTIONS, F.LEAVES),
    END(0x0B, "end", NONE, MVP, 0),
    BR(0x0C, "br", LABEL, MVP, F.BRANCH),
    BR_IF(0x0D, "br_if", LABEL, MVP, F.BRANCH),
    BR_TABLE(0x0E, "br_table", LABELS, MVP, F.BRANCH),
    RETURN(0x0F, "return", NONE, MVP, F.LEAVES),
    CALL(0x10, "call", FUNC, MVP, F.CALL),
    CALL_INDIRECT(0x11, "call_indirect", TYPE_TABLE, MVP, F.CALL),
    DELEGATE(0x18, "delegate", LABEL, EXCEPTIONS, F.BRANCH),
    CATCH_ALL(0x19, "catch_all", NONE, EXCEPTIONS, F.BRANCH),
    RETURN_CALL(0x12, "return_call", FUNC, TAIL_CALL, F.CALL | F.LEAVES),
    RETURN_CALL_INDIRECT(0x13, "return_call_indirect", TYPE_TABLE, TAIL_CALL, F.CALL | F.LEAVES),

    // ---- parametric
    DROP(0x1A, "drop", NONE, MVP, 0),
    SELECT(0x1B, "select", NONE, MVP, 0),
    SELECT_TYPED(0x1C, "select", VALTYPES, REFERENCE_TYPES, 0),
    TRY_TABLE(0x1F, "try_table", Imm.TRY_TABLE, EXCEPTIONS, F.BLOCK),

    // ---- variables
    LOCAL_GET(0x20, "local.get", LOCAL, MVP, 0),
    LOCAL_SET(0x21, "local.set", LOCAL, MVP, 0),
    LOCAL_TEE(0x22, "local.tee", LOCAL, MVP, 0),
    GLOBAL_GET(0x23, "global.get", GLOBAL, MVP, F.CONSTANT),
    GLOBAL_SET(0x24, "global.set", GLOBAL, MVP, 0),

    // ---- tables (reference types)
    TABLE_GET(0x25, "table.get", TABLE, REFERENCE_TYPES, F.TRAPS),
    TABLE_SET(0x26, "table.set", TABLE, REFERENCE_TYPES, F.TRAPS),

    // ---- memory
    I32_LOAD(0x28, "i32.load", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:i", 2),
    I64_LOAD(0x29, "i64.load", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 3),
    F32_LOAD(0x2A, "f32.load", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:f", 2),
    F64_LOAD(0x2B, "f64.load", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:d", 3),
    I32_LOAD8_S(0x2C, "i32.load8_s", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:i", 0),
    I32_LOAD8_U(0x2D, "i32.load8_u", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:i", 0),
    I32_LOAD16_S(0x2E, "i32.load16_s", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:i", 1),
    I32_LOAD16_U(0x2F, "i32.load16_u", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:i", 1),
    I64_LOAD8_S(0x30, "i64.load8_s", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 0),
    I64_LOAD8_U(0x31, "i64.load8_u", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 0),
    I64_LOAD16_S(0x32, "i64.load16_s", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 1),
    I64_LOAD16_U(0x33, "i64.load16_u", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 1),
    I64_LOAD32_S(0x34, "i64.load32_s", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 2),
    I64_LOAD32_U(0x35, "i64.load32_u", MEMARG, MVP, F.TRAPS | F.MEMORY, "i:l", 2),
    I32_STORE(0x36, "i32.store", MEMARG, MVP, F.TRAPS | F.MEMORY, "ii:", 2),
    I64_STORE(0x37, "i64.store", MEMARG, MVP, F.TRAPS | F.MEMORY, "il:", 3),
    F32_STORE(0x38, "f32.store", MEMARG, MVP, F.TRAPS | F.MEMORY, "if:", 2),
    F64_STORE(0x39, "f64.store", MEMARG, MVP, F.TRAPS | F.MEMORY, "id:", 3),
    I32_STORE8(0x3A, "i32.store8", MEMARG, MVP, F.TRAPS | F.MEMORY, "ii:", 0),
    I32_STORE16(0x3B, "i32.store16", MEMARG, MVP, F.TRAPS | F.MEMORY, "ii:", 1),
    I64_STORE8(0x3C, "i64.store8", MEMARG, MVP, F.TRAPS | F.MEMORY, "il:", 0),
    I64_STORE16(0x3D, "i64.store16", MEMARG, MVP, F.TRAPS | F.MEMORY, "il:", 1),
    I64_STORE32(0x3E, "i64.store32", MEMARG, MVP, F.TRAPS | F.MEMORY, "il:", 2),
    MEMORY_SIZE(0x3F, "memory.size", MEMORY, MVP, F.MEMORY, ":i"),
    MEMORY_GROW(0x40, "memory.grow", MEMORY, MVP, F.MEMORY, "i:i"),

    // ---- constants
    I32_CONST(0x41, "i32.const", I32, MVP, F.CONSTANT, ":i"),
    I64_CONST(0x42, "i64.const", I64, MVP, F.CONSTANT, ":l"),
    F32_CONST(0x43, "f32.const", F32, MVP, F.CONSTANT, ":f"),
    F64_CONST(0x44, "f64.const", F64, MVP, F.CONSTANT, ":d"),

    // ---- i32 comparisons
    I32_EQZ(0x45, "i32.eqz", NONE, MVP, 0, "i:i"),
    I32_EQ(0x46, "i32.eq", NONE, MVP, 0, "ii:i"),
    I32_NE(0x47, "i32.ne", NONE, MVP, 0, "ii:i"),
    I32_LT_S(0x48, "i32.lt_s", NONE, MVP, 0, "ii:i"),
    I32_LT_U(0x49, "i32.lt_u", NONE, MVP, 0, "ii:i"),
    I32_GT_S(0x4A, "i32.gt_s", NONE, MVP, 0, "ii:i"),
    I32_GT_U(0x4B, "i32.gt_u", NONE, MVP, 0, "ii:i"),
    I32_LE_S(0x4C, "i32.le_s", NONE, MVP, 0, "ii:i"),
    I32_LE_U(0x4D, "i32.le_u", NONE, MVP, 0, "ii:i"),
    I32_GE_S(0x4E, "i32.ge_s", NONE, MVP, 0, "ii:i"),
    I32_GE_U(0x4F, "i32.ge_u", NONE, MVP, 0, "ii:i"),

    // ---- i64 comparisons
    I64_EQZ(0x50, "i64.eqz", NONE, MVP, 0, "l:i"),
    I64_EQ(0x51, "i64.eq", NONE, MVP, 0, "ll:i"),
    I64_NE(0x52, "i64.ne", NONE, MVP, 0, "ll:i"),
    I64_LT_S(0x53, "i64.lt_s", NONE, MVP, 0, "ll:i"),
    I64_LT_U(0x54, "i64.lt_u", NONE, MVP, 0, "ll:i"),
    I64_GT_S(0x55, "i64.gt_s", NONE, MVP, 0, "ll:i"),
    I64_GT_U(0x56, "i64.gt_u", NONE, MVP, 0, "ll:i"),
    I64_LE_S(0x57, "i64.le_s", NONE, MVP, 0, "ll:i"),
    I64_LE_U(0x58, "i64.le_u", NONE, MVP, 0, "ll:i"),
    I64_GE_S(0x59, "i64.ge_s", NONE, MVP, 0, "ll:i"),
    I64_GE_U(0x5A, "i64.ge_u", NONE, MVP, 0, "ll:i"),

    // ---- float comparisons
    F32_EQ(0x5B, "f32.eq", NONE, MVP, 0, "ff:i"),
    F32_NE(0x5C, "f32.ne", NONE, MVP, 0, "ff:i"),
    F32_LT(0x5D, "f32.lt", NONE, MVP, 0, "ff:i"),
    F32_GT(0x5E, "f32.gt", NONE, MVP, 0, "ff:i"),
    F32_LE(0x5F, "f32.le", NONE, MVP, 0, "ff:i"),
    F32_GE(0x60, "f32.ge", NONE, MVP, 0, "ff:i"),
    F64_EQ(0x61, "f64.eq", NONE, MVP, 0, "dd:i"),
    F64_NE(0x62, "f64.ne", NONE, MVP, 0, "dd:i"),
    F64_LT(0x63, "f64.lt", NONE, MVP, 0, "dd:i"),
    F64_GT(0x64, "f64.gt", NONE, MVP, 0, "dd:i"),
    F64_LE(0x65, "f64.le", NONE, MVP, 0, "dd:i"),
    F64_GE(0x66, "f64.ge", NONE, MVP, 0, "dd:i"),

    // ---- i32 arithmetic
    I32_CLZ(0x67, "i32.clz", NONE, MVP, 0, "i:i"),
    I32_CTZ(0x68, "i32.ctz", NONE, MVP, 0, "i:i"),
    I32_POPCNT(0x69, "i32.popcnt", NONE, MVP, 0, "i:i"),
    I32_ADD(0x6A, "i32.add", NONE, MVP, F.CONSTANT, "ii:i"),
    I32_SUB(0x6B, "i32.sub", NONE, MVP, F.CONSTANT, "ii:i"),
    I32_MUL(0x6C, "i32.mul", NONE, MVP, F.CONSTANT, "ii:i"),
    I32_DIV_S(0x6D, "i32.div_s", NONE, MVP, F.TRAPS, "ii:i"),
    I32_DIV_U(0x6E, "i32.div_u", NONE, MVP, F.TRAPS, "ii:i"),
    I32_REM_S(0x6F, "i32.rem_s", NONE, MVP, F.TRAPS, "ii:i"),
    I32_REM_U(0x70, "i32.rem_u", NONE, MVP, F.TRAPS, "ii:i"),
    I32_AND(0x71, "i32.and", NONE, MVP, 0, "ii:i"),
    I32_OR(0x72, "i32.or", NONE, MVP, 0, "ii:i"),
    I32_XOR(0x73, "i32.xor", NONE, MVP, 0, "ii:i"),
    I32_SHL(0x74, "i32.shl", NONE, MVP, 0, "ii:i"),
    I32_SHR_S(0x75, "i32.shr_s", NONE, MVP, 0, "ii:i"),
    I32_SHR_U(0x76, "i32.shr_u", NONE, MVP, 0, "ii:i"),
    I32_ROTL(0x77, "i32.rotl", NONE, MVP, 0, "ii:i"),
    I32_ROTR(0x78, "i32.rotr", NONE, MVP, 0, "ii:i"),

    // ---- i64 arithmetic
    I64_CLZ(0x79, "i64.clz", NONE, MVP, 0, "l:l"),
    I64_CTZ(0x7A, "i64.ctz", NONE, MVP, 0, "l:l"),
    I64_POPCNT(0x7B, "i64.popcnt", NONE, MVP, 0, "l:l"),
    I64_ADD(0x7C, "i64.add", NONE, MVP, F.CONSTANT, "ll:l"),
    I64_SUB(0x7D, "i64.sub", NONE, MVP, F.CONSTANT, "ll:l"),
    I64_MUL(0x7E, "i64.mul", NONE, MVP, F.CONSTANT, "ll:l"),
    I64_DIV_S(0x7F, "i64.div_s", NONE, MVP, F.TRAPS, "ll:l"),
    I64_DIV_U(0x80, "i64.div_u", NONE, MVP, F.TRAPS, "ll:l"),
    I64_REM_S(0x81, "i64.rem_s", NONE, MVP, F.TRAPS, "ll:l"),
    I64_REM_U(0x82, "i64.rem_u", NONE, MVP, F.TRAPS, "ll:l"),
    I64_AND(0x83, "i64.and", NONE, MVP, 0, "ll:l"),
    I64_OR(0x84, "i64.or", NONE, MVP, 0, "ll:l"),
    I64_XOR(0x85, "i64.xor", NONE, MVP, 0, "ll:l"),
    I64_SHL(0x86, "i64.shl", NONE, MVP, 0, "ll:l"),
    I64_SHR_S(0x87, "i64.shr_s", NONE, MVP, 0, "ll:l"),
    I64_SHR_U(0x88, "i64.shr_u", NONE, MVP, 0, "ll:l"),
    I64_ROTL(0x89, "i64.rotl", NONE, MVP, 0, "ll:l"),
    I64_ROTR(0x8A, "i64.rotr", NONE, MVP, 0, "ll:l"),

    // ---- f32 arithmetic
    F32_ABS(0x8B, "f32.abs", NONE, MVP, 0, "f:f"),
    F32_NEG(0x8C, "f32.neg", NONE, MVP, 0, "f:f"),
    F32_CEIL(0x8D, "f32.ceil", NONE, MVP, 0, "f:f"),
    F32_FLOOR(0x8E, "f32.floor", NONE, MVP, 0, "f:f"),
    F32_TRUNC(0x8F, "f32.trunc", NONE, MVP, 0, "f:f"),
    F32_NEAREST(0x90, "f32.nearest", NONE, MVP, 0, "f:f"),
    F32_SQRT(0x91, "f32.sqrt", NONE, MVP, 0, "f:f"),
    F32_ADD(0x92, "f32.add", NONE, MVP, 0, "ff:f"),
    F32_SUB(0x93, "f32.sub", NONE, MVP, 0, "ff:f"),
    F32_MUL(0x94, "f32.mul", NONE, MVP, 0, "ff:f"),
    F32_DIV(0x95, "f32.div", NONE, MVP, 0, "ff:f"),
    F32_MIN(0x96, "f32.min", NONE, MVP, 0, "ff:f"),
    F32_MAX(0x97, "f32.max", NONE, MVP, 0, "ff:f"),
    F32_COPYSIGN(0x98, "f32.copysign", NONE, MVP, 0, "ff:f"),

    // ---- f64 arithmetic
    F64_ABS(0x99, "f64.abs", NONE, MVP, 0, "d:d"),
    F64_NEG(0x9A, "f64.neg", NONE, MVP, 0, "d:d"),
    F64_CEIL(0x9B, "f64.ceil", NONE, MVP, 0, "d:d"),
    F64_FLOOR(0x9C, "f64.floor", NONE, MVP, 0, "d:d"),
    F64_TRUNC(0x9D, "f64.trunc", NONE, MVP, 0, "d:d"),
    F64_NEAREST(0x9E, "f64.nearest", NONE, MVP, 0, "d:d"),
    F64_SQRT(0x9F, "f64.sqrt", NONE, MVP, 0, "d:d"),
    F64_ADD(0xA0, "f64.add", NONE, MVP, 0, "dd:d"),
    F64_SUB(0xA1, "f64.sub", NONE, MVP, 0, "dd:d"),
    F64_MUL(0xA2, "f64.mul", NONE, MVP, 0, "dd:d"),
    F64_DIV(0xA3, "f64.div", NONE, MVP, 0, "dd:d"),
    F64_MIN(0xA4, "f64.min", NONE, MVP, 0, "dd:d"),
    F64_MAX(0xA5, "f64.max", NONE, MVP, 0, "dd:d"),
    F64_COPYSIGN(0xA6, "f64.copysign", NONE, MVP, 0, "dd:d"),

    // ---- conversions
    I32_WRAP_I64(0xA7, "i32.wrap_i64", NONE, MVP, 0, "l:i"),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", NONE, MVP, F.TRAPS, "f:i"),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", NONE, MVP, F.TRAPS, "f:i"),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", NONE, MVP, F.TRAPS, "d:i"),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", NONE, MVP, F.TRAPS, "d:i"),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", NONE, MVP, 0, "i:l"),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", NONE, MVP, 0, "i:l"),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", NONE, MVP, F.TRAPS, "f:l"),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", NONE, MVP, F.TRAPS, "f:l"),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", NONE, MVP, F.TRAPS, "d:l"),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", NONE, MVP, F.TRAPS, "d:l"),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", NONE, MVP, 0, "i:f"),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", NONE, MVP, 0, "i:f"),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", NONE, MVP, 0, "l:f"),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", NONE, MVP, 0, "l:f"),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", NONE, MVP, 0, "d:f"),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", NONE, MVP, 0, "i:d"),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", NONE, MVP, 0, "i:d"),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", NONE, MVP, 0, "l:d"),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", NONE, MVP, 0, "l:d"),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", NONE, MVP, 0, "f:d"),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", NONE, MVP, 0, "f:i"),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", NONE, MVP, 0, "d:l"),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", NONE, MVP, 0, "i:f"),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", NONE, MVP, 0, "l:d"),

    // ---- sign extension
    I32_EXTEND8_S(0xC0, "i32.extend8_s", NONE, SIGN_EXTENSION, 0, "i:i"),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", NONE, SIGN_EXTENSION, 0, "i:i"),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", NONE, SIGN_EXTENSION, 0, "l:l"),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", NONE, SIGN_EXTENSION, 0, "l:l"),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", NONE, SIGN_EXTENSION, 0, "l:l"),

    // ---- references
    REF_NULL(0xD0, "ref.null", REF_TYPE, REFERENCE_TYPES, F.CONSTANT),
    REF_IS_NULL(0xD1, "ref.is_null", NONE, REFERENCE_TYPES, 0),
    REF_FUNC(0xD2, "ref.func", FUNC, REFERENCE_TYPES, F.CONSTANT),

    // ---- typed function references (call_ref and return_call_ref out of encoding order, kept together)
    CALL_REF(0x14, "call_ref", TYPE, FUNCTION_REFERENCES, F.CALL | F.TRAPS),
    RETURN_CALL_REF(0x15, "return_call_ref", TYPE, TAIL_CALL, F.CALL | F.TRAPS | F.LEAVES),
    REF_AS_NON_NULL(0xD4, "ref.as_non_null", NONE, FUNCTION_REFERENCES, F.TRAPS),
    BR_ON_NULL(0xD5, "br_on_null", LABEL, FUNCTION_REFERENCES, F.BRANCH),
    BR_ON_NON_NULL(0xD6, "br_on_non_null", LABEL, FUNCTION_REFERENCES, F.BRANCH),

    // ---- 0xFC: non-trapping float-to-int
    I32_TRUNC_SAT_F32_S(0xFC, 0, "i32.trunc_sat_f32_s", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "f:i", -1, 0),
    I32_TRUNC_SAT_F32_U(0xFC, 1, "i32.trunc_sat_f32_u", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "f:i", -1, 0),
    I32_TRUNC_SAT_F64_S(0xFC, 2, "i32.trunc_sat_f64_s", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "d:i", -1, 0),
    I32_TRUNC_SAT_F64_U(0xFC, 3, "i32.trunc_sat_f64_u", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "d:i", -1, 0),
    I64_TRUNC_SAT_F32_S(0xFC, 4, "i64.trunc_sat_f32_s", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "f:l", -1, 0),
    I64_TRUNC_SAT_F32_U(0xFC, 5, "i64.trunc_sat_f32_u", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "f:l", -1, 0),
    I64_TRUNC_SAT_F64_S(0xFC, 6, "i64.trunc_sat_f64_s", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "d:l", -1, 0),
    I64_TRUNC_SAT_F64_U(0xFC, 7, "i64.trunc_sat_f64_u", NONE, NON_TRAPPING_FLOAT_TO_INT, 0, "d:l", -1, 0),

    // ---- 0xFC: bulk memory and tables
    MEMORY_INIT(0xFC, 8, "memory.init", DATA_MEMORY, BULK_MEMORY, F.TRAPS | F.MEMORY | F.BULK, "iii:", -1, 0),
    DATA_DROP(0xFC, 9, "data.drop", DATA, BULK_MEMORY, F.MEMORY, ":", -1, 0),
    MEMORY_COPY(0xFC, 10, "memory.copy", MEMORY_MEMORY, BULK_MEMORY, F.TRAPS | F.MEMORY | F.BULK, "iii:", -1, 0),
    MEMORY_FILL(0xFC, 11, "memory.fill", MEMORY, BULK_MEMORY, F.TRAPS | F.MEMORY | F.BULK, "iii:", -1, 0),
    TABLE_INIT(0xFC, 12, "table.init", ELEM_TABLE, BULK_MEMORY, F.TRAPS | F.BULK, null, -1, 0),
    ELEM_DROP(0xFC, 13, "elem.drop", ELEM, BULK_MEMORY, 0, ":", -1, 0),
    TABLE_COPY(0xFC, 14, "table.copy", TABLE_TABLE, BULK_MEMORY, F.TRAPS | F.BULK, null, -1, 0),
    TABLE_GROW(0xFC, 15, "table.grow", TABLE, REFERENCE_TYPES, 0, null, -1, 0),
    TABLE_SIZE(0xFC, 16, "table.size", TABLE, REFERENCE_TYPES, 0, null, -1, 0),
    TABLE_FILL(0xFC, 17, "table.fill", TABLE, REFERENCE_TYPES, F.TRAPS | F.BULK, null, -1, 0),

    // ---- 0xFD: SIMD (memory, constants, lanes, then by shape)
    V128_LOAD(0xFD, 0x00, "v128.load", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 4, 0),
    V128_LOAD8X8_S(0xFD, 0x01, "v128.load8x8_s", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD8X8_U(0xFD, 0x02, "v128.load8x8_u", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD16X4_S(0xFD, 0x03, "v128.load16x4_s", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD16X4_U(0xFD, 0x04, "v128.load16x4_u", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD32X2_S(0xFD, 0x05, "v128.load32x2_s", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD32X2_U(0xFD, 0x06, "v128.load32x2_u", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_LOAD8_SPLAT(0xFD, 0x07, "v128.load8_splat", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 0, 0),
    V128_LOAD16_SPLAT(0xFD, 0x08, "v128.load16_splat", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 1, 0),
    V128_LOAD32_SPLAT(0xFD, 0x09, "v128.load32_splat", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 2, 0),
    V128_LOAD64_SPLAT(0xFD, 0x0A, "v128.load64_splat", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    V128_STORE(0xFD, 0x0B, "v128.store", MEMARG, SIMD, F.TRAPS | F.MEMORY, "iv:", 4, 0),
    V128_CONST(0xFD, 0x0C, "v128.const", V128, SIMD, F.CONSTANT, ":v", -1, 0),
    I8X16_SHUFFLE(0xFD, 0x0D, "i8x16.shuffle", SHUFFLE, SIMD, 0, "vv:v", -1, 32),
    I8X16_SWIZZLE(0xFD, 0x0E, "i8x16.swizzle", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_SPLAT(0xFD, 0x0F, "i8x16.splat", NONE, SIMD, 0, "i:v", -1, 0),
    I16X8_SPLAT(0xFD, 0x10, "i16x8.splat", NONE, SIMD, 0, "i:v", -1, 0),
    I32X4_SPLAT(0xFD, 0x11, "i32x4.splat", NONE, SIMD, 0, "i:v", -1, 0),
    I64X2_SPLAT(0xFD, 0x12, "i64x2.splat", NONE, SIMD, 0, "l:v", -1, 0),
    F32X4_SPLAT(0xFD, 0x13, "f32x4.splat", NONE, SIMD, 0, "f:v", -1, 0),
    F64X2_SPLAT(0xFD, 0x14, "f64x2.splat", NONE, SIMD, 0, "d:v", -1, 0),
    I8X16_EXTRACT_LANE_S(0xFD, 0x15, "i8x16.extract_lane_s", LANE, SIMD, 0, "v:i", -1, 16),
    I8X16_EXTRACT_LANE_U(0xFD, 0x16, "i8x16.extract_lane_u", LANE, SIMD, 0, "v:i", -1, 16),
    I8X16_REPLACE_LANE(0xFD, 0x17, "i8x16.replace_lane", LANE, SIMD, 0, "vi:v", -1, 16),
    I16X8_EXTRACT_LANE_S(0xFD, 0x18, "i16x8.extract_lane_s", LANE, SIMD, 0, "v:i", -1, 8),
    I16X8_EXTRACT_LANE_U(0xFD, 0x19, "i16x8.extract_lane_u", LANE, SIMD, 0, "v:i", -1, 8),
    I16X8_REPLACE_LANE(0xFD, 0x1A, "i16x8.replace_lane", LANE, SIMD, 0, "vi:v", -1, 8),
    I32X4_EXTRACT_LANE(0xFD, 0x1B, "i32x4.extract_lane", LANE, SIMD, 0, "v:i", -1, 4),
    I32X4_REPLACE_LANE(0xFD, 0x1C, "i32x4.replace_lane", LANE, SIMD, 0, "vi:v", -1, 4),
    I64X2_EXTRACT_LANE(0xFD, 0x1D, "i64x2.extract_lane", LANE, SIMD, 0, "v:l", -1, 2),
    I64X2_REPLACE_LANE(0xFD, 0x1E, "i64x2.replace_lane", LANE, SIMD, 0, "vl:v", -1, 2),
    F32X4_EXTRACT_LANE(0xFD, 0x1F, "f32x4.extract_lane", LANE, SIMD, 0, "v:f", -1, 4),
    F32X4_REPLACE_LANE(0xFD, 0x20, "f32x4.replace_lane", LANE, SIMD, 0, "vf:v", -1, 4),
    F64X2_EXTRACT_LANE(0xFD, 0x21, "f64x2.extract_lane", LANE, SIMD, 0, "v:d", -1, 2),
    F64X2_REPLACE_LANE(0xFD, 0x22, "f64x2.replace_lane", LANE, SIMD, 0, "vd:v", -1, 2),
    I8X16_EQ(0xFD, 0x23, "i8x16.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_NE(0xFD, 0x24, "i8x16.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_LT_S(0xFD, 0x25, "i8x16.lt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_LT_U(0xFD, 0x26, "i8x16.lt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_GT_S(0xFD, 0x27, "i8x16.gt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_GT_U(0xFD, 0x28, "i8x16.gt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_LE_S(0xFD, 0x29, "i8x16.le_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_LE_U(0xFD, 0x2A, "i8x16.le_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_GE_S(0xFD, 0x2B, "i8x16.ge_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_GE_U(0xFD, 0x2C, "i8x16.ge_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EQ(0xFD, 0x2D, "i16x8.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_NE(0xFD, 0x2E, "i16x8.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_LT_S(0xFD, 0x2F, "i16x8.lt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_LT_U(0xFD, 0x30, "i16x8.lt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_GT_S(0xFD, 0x31, "i16x8.gt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_GT_U(0xFD, 0x32, "i16x8.gt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_LE_S(0xFD, 0x33, "i16x8.le_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_LE_U(0xFD, 0x34, "i16x8.le_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_GE_S(0xFD, 0x35, "i16x8.ge_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_GE_U(0xFD, 0x36, "i16x8.ge_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_EQ(0xFD, 0x37, "i32x4.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_NE(0xFD, 0x38, "i32x4.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_LT_S(0xFD, 0x39, "i32x4.lt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_LT_U(0xFD, 0x3A, "i32x4.lt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_GT_S(0xFD, 0x3B, "i32x4.gt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_GT_U(0xFD, 0x3C, "i32x4.gt_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_LE_S(0xFD, 0x3D, "i32x4.le_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_LE_U(0xFD, 0x3E, "i32x4.le_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_GE_S(0xFD, 0x3F, "i32x4.ge_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_GE_U(0xFD, 0x40, "i32x4.ge_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_EQ(0xFD, 0x41, "f32x4.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_NE(0xFD, 0x42, "f32x4.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_LT(0xFD, 0x43, "f32x4.lt", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_GT(0xFD, 0x44, "f32x4.gt", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_LE(0xFD, 0x45, "f32x4.le", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_GE(0xFD, 0x46, "f32x4.ge", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_EQ(0xFD, 0x47, "f64x2.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_NE(0xFD, 0x48, "f64x2.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_LT(0xFD, 0x49, "f64x2.lt", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_GT(0xFD, 0x4A, "f64x2.gt", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_LE(0xFD, 0x4B, "f64x2.le", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_GE(0xFD, 0x4C, "f64x2.ge", NONE, SIMD, 0, "vv:v", -1, 0),
    V128_NOT(0xFD, 0x4D, "v128.not", NONE, SIMD, 0, "v:v", -1, 0),
    V128_AND(0xFD, 0x4E, "v128.and", NONE, SIMD, 0, "vv:v", -1, 0),
    V128_ANDNOT(0xFD, 0x4F, "v128.andnot", NONE, SIMD, 0, "vv:v", -1, 0),
    V128_OR(0xFD, 0x50, "v128.or", NONE, SIMD, 0, "vv:v", -1, 0),
    V128_XOR(0xFD, 0x51, "v128.xor", NONE, SIMD, 0, "vv:v", -1, 0),
    V128_BITSELECT(0xFD, 0x52, "v128.bitselect", NONE, SIMD, 0, "vvv:v", -1, 0),
    V128_ANY_TRUE(0xFD, 0x53, "v128.any_true", NONE, SIMD, 0, "v:i", -1, 0),
    V128_LOAD8_LANE(0xFD, 0x54, "v128.load8_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:v", 0, 16),
    V128_LOAD16_LANE(0xFD, 0x55, "v128.load16_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:v", 1, 8),
    V128_LOAD32_LANE(0xFD, 0x56, "v128.load32_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:v", 2, 4),
    V128_LOAD64_LANE(0xFD, 0x57, "v128.load64_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:v", 3, 2),
    V128_STORE8_LANE(0xFD, 0x58, "v128.store8_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:", 0, 16),
    V128_STORE16_LANE(0xFD, 0x59, "v128.store16_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:", 1, 8),
    V128_STORE32_LANE(0xFD, 0x5A, "v128.store32_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:", 2, 4),
    V128_STORE64_LANE(0xFD, 0x5B, "v128.store64_lane", MEMARG_LANE, SIMD, F.TRAPS | F.MEMORY, "iv:", 3, 2),
    V128_LOAD32_ZERO(0xFD, 0x5C, "v128.load32_zero", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 2, 0),
    V128_LOAD64_ZERO(0xFD, 0x5D, "v128.load64_zero", MEMARG, SIMD, F.TRAPS | F.MEMORY, "i:v", 3, 0),
    F32X4_DEMOTE_F64X2_ZERO(0xFD, 0x5E, "f32x4.demote_f64x2_zero", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_PROMOTE_LOW_F32X4(0xFD, 0x5F, "f64x2.promote_low_f32x4", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_ABS(0xFD, 0x60, "i8x16.abs", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_NEG(0xFD, 0x61, "i8x16.neg", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_POPCNT(0xFD, 0x62, "i8x16.popcnt", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_ALL_TRUE(0xFD, 0x63, "i8x16.all_true", NONE, SIMD, 0, "v:i", -1, 0),
    I8X16_BITMASK(0xFD, 0x64, "i8x16.bitmask", NONE, SIMD, 0, "v:i", -1, 0),
    I8X16_NARROW_I16X8_S(0xFD, 0x65, "i8x16.narrow_i16x8_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_NARROW_I16X8_U(0xFD, 0x66, "i8x16.narrow_i16x8_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_CEIL(0xFD, 0x67, "f32x4.ceil", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_FLOOR(0xFD, 0x68, "f32x4.floor", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_TRUNC(0xFD, 0x69, "f32x4.trunc", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_NEAREST(0xFD, 0x6A, "f32x4.nearest", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_SHL(0xFD, 0x6B, "i8x16.shl", NONE, SIMD, 0, "vi:v", -1, 0),
    I8X16_SHR_S(0xFD, 0x6C, "i8x16.shr_s", NONE, SIMD, 0, "vi:v", -1, 0),
    I8X16_SHR_U(0xFD, 0x6D, "i8x16.shr_u", NONE, SIMD, 0, "vi:v", -1, 0),
    I8X16_ADD(0xFD, 0x6E, "i8x16.add", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_ADD_SAT_S(0xFD, 0x6F, "i8x16.add_sat_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_ADD_SAT_U(0xFD, 0x70, "i8x16.add_sat_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_SUB(0xFD, 0x71, "i8x16.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_SUB_SAT_S(0xFD, 0x72, "i8x16.sub_sat_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_SUB_SAT_U(0xFD, 0x73, "i8x16.sub_sat_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_CEIL(0xFD, 0x74, "f64x2.ceil", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_FLOOR(0xFD, 0x75, "f64x2.floor", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_MIN_S(0xFD, 0x76, "i8x16.min_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_MIN_U(0xFD, 0x77, "i8x16.min_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_MAX_S(0xFD, 0x78, "i8x16.max_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I8X16_MAX_U(0xFD, 0x79, "i8x16.max_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_TRUNC(0xFD, 0x7A, "f64x2.trunc", NONE, SIMD, 0, "v:v", -1, 0),
    I8X16_AVGR_U(0xFD, 0x7B, "i8x16.avgr_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTADD_PAIRWISE_I8X16_S(0xFD, 0x7C, "i16x8.extadd_pairwise_i8x16_s", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_EXTADD_PAIRWISE_I8X16_U(0xFD, 0x7D, "i16x8.extadd_pairwise_i8x16_u", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_EXTADD_PAIRWISE_I16X8_S(0xFD, 0x7E, "i32x4.extadd_pairwise_i16x8_s", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_EXTADD_PAIRWISE_I16X8_U(0xFD, 0x7F, "i32x4.extadd_pairwise_i16x8_u", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_ABS(0xFD, 0x80, "i16x8.abs", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_NEG(0xFD, 0x81, "i16x8.neg", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_Q15MULR_SAT_S(0xFD, 0x82, "i16x8.q15mulr_sat_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_ALL_TRUE(0xFD, 0x83, "i16x8.all_true", NONE, SIMD, 0, "v:i", -1, 0),
    I16X8_BITMASK(0xFD, 0x84, "i16x8.bitmask", NONE, SIMD, 0, "v:i", -1, 0),
    I16X8_NARROW_I32X4_S(0xFD, 0x85, "i16x8.narrow_i32x4_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_NARROW_I32X4_U(0xFD, 0x86, "i16x8.narrow_i32x4_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTEND_LOW_I8X16_S(0xFD, 0x87, "i16x8.extend_low_i8x16_s", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_EXTEND_HIGH_I8X16_S(0xFD, 0x88, "i16x8.extend_high_i8x16_s", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_EXTEND_LOW_I8X16_U(0xFD, 0x89, "i16x8.extend_low_i8x16_u", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_EXTEND_HIGH_I8X16_U(0xFD, 0x8A, "i16x8.extend_high_i8x16_u", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_SHL(0xFD, 0x8B, "i16x8.shl", NONE, SIMD, 0, "vi:v", -1, 0),
    I16X8_SHR_S(0xFD, 0x8C, "i16x8.shr_s", NONE, SIMD, 0, "vi:v", -1, 0),
    I16X8_SHR_U(0xFD, 0x8D, "i16x8.shr_u", NONE, SIMD, 0, "vi:v", -1, 0),
    I16X8_ADD(0xFD, 0x8E, "i16x8.add", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_ADD_SAT_S(0xFD, 0x8F, "i16x8.add_sat_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_ADD_SAT_U(0xFD, 0x90, "i16x8.add_sat_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_SUB(0xFD, 0x91, "i16x8.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_SUB_SAT_S(0xFD, 0x92, "i16x8.sub_sat_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_SUB_SAT_U(0xFD, 0x93, "i16x8.sub_sat_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_NEAREST(0xFD, 0x94, "f64x2.nearest", NONE, SIMD, 0, "v:v", -1, 0),
    I16X8_MUL(0xFD, 0x95, "i16x8.mul", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_MIN_S(0xFD, 0x96, "i16x8.min_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_MIN_U(0xFD, 0x97, "i16x8.min_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_MAX_S(0xFD, 0x98, "i16x8.max_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_MAX_U(0xFD, 0x99, "i16x8.max_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_AVGR_U(0xFD, 0x9B, "i16x8.avgr_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTMUL_LOW_I8X16_S(0xFD, 0x9C, "i16x8.extmul_low_i8x16_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTMUL_HIGH_I8X16_S(0xFD, 0x9D, "i16x8.extmul_high_i8x16_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTMUL_LOW_I8X16_U(0xFD, 0x9E, "i16x8.extmul_low_i8x16_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I16X8_EXTMUL_HIGH_I8X16_U(0xFD, 0x9F, "i16x8.extmul_high_i8x16_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_ABS(0xFD, 0xA0, "i32x4.abs", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_NEG(0xFD, 0xA1, "i32x4.neg", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_ALL_TRUE(0xFD, 0xA3, "i32x4.all_true", NONE, SIMD, 0, "v:i", -1, 0),
    I32X4_BITMASK(0xFD, 0xA4, "i32x4.bitmask", NONE, SIMD, 0, "v:i", -1, 0),
    I32X4_EXTEND_LOW_I16X8_S(0xFD, 0xA7, "i32x4.extend_low_i16x8_s", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_EXTEND_HIGH_I16X8_S(0xFD, 0xA8, "i32x4.extend_high_i16x8_s", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_EXTEND_LOW_I16X8_U(0xFD, 0xA9, "i32x4.extend_low_i16x8_u", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_EXTEND_HIGH_I16X8_U(0xFD, 0xAA, "i32x4.extend_high_i16x8_u", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_SHL(0xFD, 0xAB, "i32x4.shl", NONE, SIMD, 0, "vi:v", -1, 0),
    I32X4_SHR_S(0xFD, 0xAC, "i32x4.shr_s", NONE, SIMD, 0, "vi:v", -1, 0),
    I32X4_SHR_U(0xFD, 0xAD, "i32x4.shr_u", NONE, SIMD, 0, "vi:v", -1, 0),
    I32X4_ADD(0xFD, 0xAE, "i32x4.add", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_SUB(0xFD, 0xB1, "i32x4.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_MUL(0xFD, 0xB5, "i32x4.mul", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_MIN_S(0xFD, 0xB6, "i32x4.min_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_MIN_U(0xFD, 0xB7, "i32x4.min_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_MAX_S(0xFD, 0xB8, "i32x4.max_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_MAX_U(0xFD, 0xB9, "i32x4.max_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_DOT_I16X8_S(0xFD, 0xBA, "i32x4.dot_i16x8_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_EXTMUL_LOW_I16X8_S(0xFD, 0xBC, "i32x4.extmul_low_i16x8_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_EXTMUL_HIGH_I16X8_S(0xFD, 0xBD, "i32x4.extmul_high_i16x8_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_EXTMUL_LOW_I16X8_U(0xFD, 0xBE, "i32x4.extmul_low_i16x8_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_EXTMUL_HIGH_I16X8_U(0xFD, 0xBF, "i32x4.extmul_high_i16x8_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_ABS(0xFD, 0xC0, "i64x2.abs", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_NEG(0xFD, 0xC1, "i64x2.neg", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_ALL_TRUE(0xFD, 0xC3, "i64x2.all_true", NONE, SIMD, 0, "v:i", -1, 0),
    I64X2_BITMASK(0xFD, 0xC4, "i64x2.bitmask", NONE, SIMD, 0, "v:i", -1, 0),
    I64X2_EXTEND_LOW_I32X4_S(0xFD, 0xC7, "i64x2.extend_low_i32x4_s", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_EXTEND_HIGH_I32X4_S(0xFD, 0xC8, "i64x2.extend_high_i32x4_s", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_EXTEND_LOW_I32X4_U(0xFD, 0xC9, "i64x2.extend_low_i32x4_u", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_EXTEND_HIGH_I32X4_U(0xFD, 0xCA, "i64x2.extend_high_i32x4_u", NONE, SIMD, 0, "v:v", -1, 0),
    I64X2_SHL(0xFD, 0xCB, "i64x2.shl", NONE, SIMD, 0, "vi:v", -1, 0),
    I64X2_SHR_S(0xFD, 0xCC, "i64x2.shr_s", NONE, SIMD, 0, "vi:v", -1, 0),
    I64X2_SHR_U(0xFD, 0xCD, "i64x2.shr_u", NONE, SIMD, 0, "vi:v", -1, 0),
    I64X2_ADD(0xFD, 0xCE, "i64x2.add", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_SUB(0xFD, 0xD1, "i64x2.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_MUL(0xFD, 0xD5, "i64x2.mul", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_EQ(0xFD, 0xD6, "i64x2.eq", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_NE(0xFD, 0xD7, "i64x2.ne", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_LT_S(0xFD, 0xD8, "i64x2.lt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_GT_S(0xFD, 0xD9, "i64x2.gt_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_LE_S(0xFD, 0xDA, "i64x2.le_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_GE_S(0xFD, 0xDB, "i64x2.ge_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_EXTMUL_LOW_I32X4_S(0xFD, 0xDC, "i64x2.extmul_low_i32x4_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_EXTMUL_HIGH_I32X4_S(0xFD, 0xDD, "i64x2.extmul_high_i32x4_s", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_EXTMUL_LOW_I32X4_U(0xFD, 0xDE, "i64x2.extmul_low_i32x4_u", NONE, SIMD, 0, "vv:v", -1, 0),
    I64X2_EXTMUL_HIGH_I32X4_U(0xFD, 0xDF, "i64x2.extmul_high_i32x4_u", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_ABS(0xFD, 0xE0, "f32x4.abs", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_NEG(0xFD, 0xE1, "f32x4.neg", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_SQRT(0xFD, 0xE3, "f32x4.sqrt", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_ADD(0xFD, 0xE4, "f32x4.add", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_SUB(0xFD, 0xE5, "f32x4.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_MUL(0xFD, 0xE6, "f32x4.mul", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_DIV(0xFD, 0xE7, "f32x4.div", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_MIN(0xFD, 0xE8, "f32x4.min", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_MAX(0xFD, 0xE9, "f32x4.max", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_PMIN(0xFD, 0xEA, "f32x4.pmin", NONE, SIMD, 0, "vv:v", -1, 0),
    F32X4_PMAX(0xFD, 0xEB, "f32x4.pmax", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_ABS(0xFD, 0xEC, "f64x2.abs", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_NEG(0xFD, 0xED, "f64x2.neg", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_SQRT(0xFD, 0xEF, "f64x2.sqrt", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_ADD(0xFD, 0xF0, "f64x2.add", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_SUB(0xFD, 0xF1, "f64x2.sub", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_MUL(0xFD, 0xF2, "f64x2.mul", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_DIV(0xFD, 0xF3, "f64x2.div", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_MIN(0xFD, 0xF4, "f64x2.min", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_MAX(0xFD, 0xF5, "f64x2.max", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_PMIN(0xFD, 0xF6, "f64x2.pmin", NONE, SIMD, 0, "vv:v", -1, 0),
    F64X2_PMAX(0xFD, 0xF7, "f64x2.pmax", NONE, SIMD, 0, "vv:v", -1, 0),
    I32X4_TRUNC_SAT_F32X4_S(0xFD, 0xF8, "i32x4.trunc_sat_f32x4_s", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_TRUNC_SAT_F32X4_U(0xFD, 0xF9, "i32x4.trunc_sat_f32x4_u", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_CONVERT_I32X4_S(0xFD, 0xFA, "f32x4.convert_i32x4_s", NONE, SIMD, 0, "v:v", -1, 0),
    F32X4_CONVERT_I32X4_U(0xFD, 0xFB, "f32x4.convert_i32x4_u", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_TRUNC_SAT_F64X2_S_ZERO(0xFD, 0xFC, "i32x4.trunc_sat_f64x2_s_zero", NONE, SIMD, 0, "v:v", -1, 0),
    I32X4_TRUNC_SAT_F64X2_U_ZERO(0xFD, 0xFD, "i32x4.trunc_sat_f64x2_u_zero", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_CONVERT_LOW_I32X4_S(0xFD, 0xFE, "f64x2.convert_low_i32x4_s", NONE, SIMD, 0, "v:v", -1, 0),
    F64X2_CONVERT_LOW_I32X4_U(0xFD, 0xFF, "f64x2.convert_low_i32x4_u", NONE, SIMD, 0, "v:v", -1, 0),
    // ---- 0xFD 0x100-0x113: relaxed SIMD (3.0), one deterministic result each (runtime SimdRelaxed)
    I8X16_RELAXED_SWIZZLE(0xFD, 0x100, "i8x16.relaxed_swizzle", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    I32X4_RELAXED_TRUNC_F32X4_S(0xFD, 0x101, "i32x4.relaxed_trunc_f32x4_s", NONE, RELAXED_SIMD, 0, "v:v", -1, 0),
    I32X4_RELAXED_TRUNC_F32X4_U(0xFD, 0x102, "i32x4.relaxed_trunc_f32x4_u", NONE, RELAXED_SIMD, 0, "v:v", -1, 0),
    I32X4_RELAXED_TRUNC_F64X2_S_ZERO(0xFD, 0x103, "i32x4.relaxed_trunc_f64x2_s_zero", NONE, RELAXED_SIMD, 0, "v:v", -1, 0),
    I32X4_RELAXED_TRUNC_F64X2_U_ZERO(0xFD, 0x104, "i32x4.relaxed_trunc_f64x2_u_zero", NONE, RELAXED_SIMD, 0, "v:v", -1, 0),
    F32X4_RELAXED_MADD(0xFD, 0x105, "f32x4.relaxed_madd", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    F32X4_RELAXED_NMADD(0xFD, 0x106, "f32x4.relaxed_nmadd", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    F64X2_RELAXED_MADD(0xFD, 0x107, "f64x2.relaxed_madd", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    F64X2_RELAXED_NMADD(0xFD, 0x108, "f64x2.relaxed_nmadd", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    I8X16_RELAXED_LANESELECT(0xFD, 0x109, "i8x16.relaxed_laneselect", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    I16X8_RELAXED_LANESELECT(0xFD, 0x10A, "i16x8.relaxed_laneselect", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    I32X4_RELAXED_LANESELECT(0xFD, 0x10B, "i32x4.relaxed_laneselect", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    I64X2_RELAXED_LANESELECT(0xFD, 0x10C, "i64x2.relaxed_laneselect", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0),
    F32X4_RELAXED_MIN(0xFD, 0x10D, "f32x4.relaxed_min", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    F32X4_RELAXED_MAX(0xFD, 0x10E, "f32x4.relaxed_max", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    F64X2_RELAXED_MIN(0xFD, 0x10F, "f64x2.relaxed_min", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    F64X2_RELAXED_MAX(0xFD, 0x110, "f64x2.relaxed_max", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    I16X8_RELAXED_Q15MULR_S(0xFD, 0x111, "i16x8.relaxed_q15mulr_s", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    I16X8_RELAXED_DOT_I8X16_I7X16_S(0xFD, 0x112, "i16x8.relaxed_dot_i8x16_i7x16_s", NONE, RELAXED_SIMD, 0, "vv:v", -1, 0),
    I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S(0xFD, 0x113, "i32x4.relaxed_dot_i8x16_i7x16_add_s", NONE, RELAXED_SIMD, 0, "vvv:v", -1, 0);

    /** Operator flags. */
    public static final class F {
        private F() {}

        /** It may trap (besides through a call): memory and table accesses, division, truncation. */
        public static final int TRAPS = 1;
        /** It calls a function (which may trap, reenter or change memory). */
        public static final int CALL = 1 << 1;
        /** Control never goes on to the next operator: it returns or traps unconditionally. */
        public static final int LEAVES = 1 << 2;
        /** A branch to a label. */
        public static final int BRANCH = 1 << 3;
        /** It opens a block (block, loop, if). */
        public static final int BLOCK = 1 << 4;
        /**
         * It reads or writes memory 0, or its size (the function caches the memory's array). Also
         * set on {@code data.drop}, as it always was: clearing it would change generated code.
         */
        public static final int MEMORY = 1 << 5;
        /**
         * Allowed in constant expressions ({@code i32}/{@code i64} {@code add}, {@code sub},
         * {@code mul} only with {@link dev.bytelift.runtime.Feature#EXTENDED_CONST}).
         */
        public static final int CONSTANT = 1 << 6;
        /**
         * A bulk operator: its work grows with its last operand, a byte or element count, which
         * fuel metering charges per element ({@link dev.bytelift.runtime.OperatorCost#costPerElement}).
         */
        public static final int BULK = 1 << 7;
    }

    /** The groups the translator lowers operators in, each by its own class. */
    public enum Family { CONTROL, CALL, PARAMETRIC, VARIABLE, TABLE, MEMORY, NUMERIC, REFERENCE, SIMD, EXCEPTION }

    /** The prefix byte of the miscellaneous operators. */
    public static final int MISC_PREFIX = 0xFC;
    /** The prefix byte of the SIMD operators. */
    public static final int SIMD_PREFIX = 0xFD;

    private final int prefix;
    private final int code;
    private final String text;
    private final Imm imm;
    private final Proposal proposal;
    private final int flags;
    private final ValType[] params;
    private final ValType[] results;
    private final int alignLog2;
    private final int lanes;
    private Family family;

    Op(int code, String text, Imm imm, Proposal proposal, int flags) {
        this(0, code, text, imm, proposal, flags, null, -1, 0);
    }

    Op(int code, String text, Imm imm, Proposal proposal, int flags, String signature) {
        this(0, code, text, imm, proposal, flags, signature, -1, 0);
    }

    Op(int code, String text, Imm imm, Proposal proposal, int flags, String signature, int alignLog2) {
        this(0, code, text, imm, proposal, flags, signature, alignLog2, 0);
    }

    Op(int prefix, int code, String text, Imm imm, Proposal proposal, int flags, String signature, int alignLog2,
            int lanes) {
        this.prefix = prefix;
        this.code = code;
        this.text = text;
        this.imm = imm;
        this.proposal = proposal;
        this.flags = flags;
        int colon = signature == null ? -1 : signature.indexOf(':');
        this.params = signature == null ? null : types(signature.substring(0, colon));
        this.results = signature == null ? null : types(signature.substring(colon + 1));
        this.alignLog2 = alignLog2;
        this.lanes = lanes;
    }

    private static ValType[] types(String letters) {
        ValType[] t = new ValType[letters.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                case 'v' -> ValType.V128;
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return t;
    }

    /** 0 for a one-byte operator, else its prefix ({@link #MISC_PREFIX}, {@link #SIMD_PREFIX}). */
    public int prefix() {
        return prefix;
    }

    /** The opcode byte, or the sub-opcode after the prefix. */
    public int code() {
        return code;
    }

    /** The name in the text format ({@code "i32.add"}). */
    public String text() {
        return text;
    }

    public Imm immediates() {
        return imm;
    }

    public Proposal proposal() {
        return proposal;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The operand types of an operator whose typing is fixed, else null (see {@link #hasSignature}). */
    public ValType[] params() {
        return params;
    }

    /** The result types of an operator whose typing is fixed, else null. */
    public ValType[] results() {
        return results;
    }

    /** Whether the operand and result types are fixed (otherwise they depend on immediates or context). */
    public boolean hasSignature() {
        return params != null;
    }

    /** The natural alignment ({@code log2} of the access width) of a memory access, else -1. */
    public int alignLog2() {
        return alignLog2;
    }

    /** The lane count a lane immediate must stay below (32 for a shuffle), else 0. */
    public int lanes() {
        return lanes;
    }

    public Family family() {
        return family;
    }

    /** The first byte of the encoding: the opcode, or the prefix. */
    public int firstByte() {
        return prefix == 0 ? code : prefix;
    }

    /** The sub-opcode of a prefixed operator, or -1. */
    public int subOpcode() {
        return prefix == 0 ? -1 : code;
    }

    private static final Op[] ONE_BYTE = new Op[256];
    private static final Op[] MISC = new Op[32];
    private static final Op[] SIMD_OPS = new Op[0x114];

    static {
        family(Family.CONTROL, UNREACHABLE, RETURN);
        family(Family.CALL, CALL, CALL_INDIRECT);
        family(Family.CALL, RETURN_CALL, RETURN_CALL_INDIRECT);
        family(Family.PARAMETRIC, DROP, SELECT_TYPED);
        family(Family.VARIABLE, LOCAL_GET, GLOBAL_SET);
        family(Family.TABLE, TABLE_GET, TABLE_SET);
        family(Family.MEMORY, I32_LOAD, MEMORY_GROW);
        family(Family.NUMERIC, I32_CONST, I64_EXTEND32_S);
        family(Family.REFERENCE, REF_NULL, REF_FUNC);
        family(Family.CALL, CALL_REF, RETURN_CALL_REF);
        family(Family.REFERENCE, REF_AS_NON_NULL, REF_AS_NON_NULL);
        family(Family.CONTROL, BR_ON_NULL, BR_ON_NON_NULL);
        family(Family.NUMERIC, I32_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F64_U);
        family(Family.MEMORY, MEMORY_INIT, MEMORY_FILL);
        family(Family.TABLE, TABLE_INIT, TABLE_FILL);
        family(Family.SIMD, V128_LOAD, values()[values().length - 1]);
        family(Family.EXCEPTION, TRY, THROW_REF);
        family(Family.EXCEPTION, DELEGATE, CATCH_ALL);
        family(Family.EXCEPTION, TRY_TABLE, TRY_TABLE);
        for (Op op : values()) {
            if (op.family == null) throw new ExceptionInInitializerError(op + " belongs to no family");
            Op[] table = op.prefix == 0 ? ONE_BYTE : op.prefix == MISC_PREFIX ? MISC : SIMD_OPS;
            if (table[op.code] != null) throw new ExceptionInInitializerError("two operators encoded as " + op);
            table[op.code] = op;
        }
    }

    /** Puts the operators from {@code first} to {@code last} (in table order) in {@code f}. */
    private static void family(Family f, Op first, Op last) {
        for (int i = first.ordinal(); i <= last.ordinal(); i++) values()[i].family = f;
    }

    /** The one-byte operator {@code opcode}, or null (also for the prefixes). */
    public static Op oneByte(int opcode) {
        return opcode >= 0 && opcode < 256 ? ONE_BYTE[opcode] : null;
    }

    /** The operator with this prefix and sub-opcode, or null. */
    public static Op prefixed(int prefix, int sub) {
        Op[] table = prefix == MISC_PREFIX ? MISC : prefix == SIMD_PREFIX ? SIMD_OPS : null;
        return table != null && sub >= 0 && sub < table.length ? table[sub] : null;
    }

    /** Whether {@code opcode} begins some operator: a one-byte operator or a prefix. */
    public static boolean beginsOperator(int opcode) {
        return oneByte(opcode) != null || opcode == MISC_PREFIX || opcode == SIMD_PREFIX;
    }
}
