package dev.bytelift.compiler.decode;

/** The immediates that follow an operator's opcode in the binary format (see {@link OperatorReader}). */
public enum Imm {
    NONE,
    /** {@code blocktype}: empty, one value type, or a type index (s33). */
    BLOCK_TYPE,
    /** A label index. */
    LABEL,
    /** {@code br_table}: a vector of label indices and a default. */
    LABELS,
    /** A function index. */
    FUNC,
    /** {@code call_ref}: a type index. */
    TYPE,
    /** {@code call_indirect}: a type index, then a table index. */
    TYPE_TABLE,
    /** {@code select t*}: a vector of value types. */
    VALTYPES,
    LOCAL,
    GLOBAL,
    TABLE,
    /** {@code memarg}: alignment ({@code log2}) and offset. */
    MEMARG,
    /** A memory index (in WebAssembly 2.0 a zero byte). */
    MEMORY,
    I32,
    I64,
    F32,
    F64,
    REF_TYPE,
    /** {@code memory.init}: a data index, then a memory index. */
    DATA_MEMORY,
    DATA,
    /** {@code memory.copy}: destination, then source memory index. */
    MEMORY_MEMORY,
    /** {@code table.init}: an element index, then a table index. */
    ELEM_TABLE,
    ELEM,
    /** {@code table.copy}: destination, then source table index. */
    TABLE_TABLE,
    /** {@code v128.const}: 16 bytes. */
    V128,
    /** A lane index byte. */
    LANE,
    /** A {@code memarg}, then a lane index byte. */
    MEMARG_LANE,
    /** {@code i8x16.shuffle}: 16 lane index bytes. */
    SHUFFLE,
    /** A tag index (exception handling). */
    TAG,
    /** {@code try_table}: a block type, then a vector of catch clauses (kind byte, tag index unless a catch-all, label). */
    TRY_TABLE
}
