package dev.bytelift.compiler.decode;

import dev.bytelift.runtime.ValType;

/**
 * Decodes one operator and all its immediates at a time, reporting malformed encodings with the
 * spec's messages; nothing is validated. The body skimmer and the translator both read through it,
 * so an encoding is decoded in one place. The immediates of the operator last read stay available
 * until the next one is read (they are fields, so reading allocates nothing).
 */
public final class OperatorReader {
    private final ByteReader in;
    /** What the operators read may use, or null when that has been checked already. */
    private final Features features;
    /** Resolves type indices in value types (typed references), or null while skimming. */
    private final TypeReader.Resolver types;

    private Op op;
    private int offset;
    private int immediateOffset;
    private int index;
    private int index2;
    private long blockType;
    private int align;
    private long memoryOffset;
    private int memory;
    private long bits;
    private long bitsHi;
    private ValType valType;
    private int count;
    private int[] labels = new int[8];

    /** A reader that checks nothing of features (the body was skimmed with them already). */
    public OperatorReader(ByteReader in) {
        this(in, null);
    }

    /** A reader that fails on operators and value types of disabled features. */
    public OperatorReader(ByteReader in, Features features) {
        this(in, features, null);
    }

    /**
     * A reader that fails on operators and value types of disabled features and resolves the type
     * indices of typed references with {@code types} (null: left unresolved, as in skimming).
     */
    public OperatorReader(ByteReader in, Features features, TypeReader.Resolver types) {
        this.in = in;
        this.features = features == null || features.all() ? null : features;
        this.types = types;
    }

    /** The underlying bytes, positioned after the operator last read. */
    public ByteReader bytes() {
        return in;
    }

    /** Decodes the operator at the current position and its immediates. */
    public Op next() {
        offset = in.pos();
        Op o = readOpcode();
        // the commonest kinds without the switch over all of them (readImmediates is too big to inline)
        Imm kind = o.immediates();
        if (kind == Imm.NONE) {
            op = o;
            immediateOffset = in.pos();
        } else if (kind == Imm.LOCAL || kind == Imm.LABEL || kind == Imm.GLOBAL || kind == Imm.FUNC) {
            op = o;
            immediateOffset = in.pos();
            index = in.u32();
        } else if (kind == Imm.I32) {
            op = o;
            immediateOffset = in.pos();
            bits = in.s32();
        } else {
            readImmediates(o);
        }
        return o;
    }

    /**
     * Decodes only the opcode at the current position (and a prefixed operator's sub-opcode), or
     * returns null, having read one byte, if no operator begins with that byte. The immediates
     * stay unread (constant expressions stop at the first operator they do not allow).
     */
    public Op peekOpcodeOrNull() {
        offset = in.pos();
        int b = in.u8();
        Op o = b == Op.MISC_PREFIX || b == Op.SIMD_PREFIX ? Op.prefixed(b, in.u32()) : Op.oneByte(b);
        if (o != null && features != null) {
            if (o.proposal() == Proposal.EXCEPTIONS && !features.has(dev.bytelift.runtime.Feature.EXCEPTIONS)) return null; // as in 2.0
            features.require(o, offset);
        }
        return o;
    }

    private Op readOpcode() {
        int b = in.u8();
        Op o = b == Op.MISC_PREFIX || b == Op.SIMD_PREFIX ? Op.prefixed(b, in.u32()) : Op.oneByte(b);
        if (o == null) throw in.malformed("illegal opcode", offset);
        if (features != null) {
            // exception handling's opcodes were illegal in 2.0: disabled, they still are
            if (o.proposal() == Proposal.EXCEPTIONS && !features.has(dev.bytelift.runtime.Feature.EXCEPTIONS)) {
                throw in.malformed("illegal opcode", offset);
            }
            features.require(o, offset);
        }
        return o;
    }

    /** Decodes {@code o}'s immediates at the current position. */
    public void readImmediates(Op o) {
        op = o;
        immediateOffset = in.pos();
        switch (o.immediates()) {
            case NONE -> { }
            case BLOCK_TYPE -> readBlockType();
            case LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, DATA, ELEM -> index = in.u32();
            case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE -> {
                index = in.u32();
                index2 = in.u32();
            }
            case LABELS -> readLabels();
            case VALTYPES -> readValTypes();
            case MEMARG -> readMemarg();
            case MEMORY -> memory = index = memoryIndex();
            case DATA_MEMORY -> {
                index = in.u32();
                memory = index2 = memoryIndex();
            }
            case MEMORY_MEMORY -> {
                memory = index = memoryIndex();
                index2 = memoryIndex();
            }
            case I32 -> bits = in.s32();
            case I64 -> bits = in.s64();
            case F32 -> bits = in.f32Bits();
            case F64 -> bits = in.f64Bits();
            case REF_TYPE -> valType = refType();
            case V128 -> {
                bits = in.f64Bits();
                bitsHi = in.f64Bits();
            }
            case LANE -> index = in.u8();
            case MEMARG_LANE -> {
                readMemarg();
                index = in.u8();
            }
            case SHUFFLE -> readShuffle();
            case TAG -> index = in.u32();
            case TRY_TABLE -> readTryTable();
        }
    }

    private void readBlockType() {
        int at = in.pos();
        blockType = in.s33();
        if (blockType < 0 && blockType != -64) {
            int code = (int) (blockType & 0x7F);
            ValType t = code == TypeReader.REF_NULL || code == TypeReader.REF
                    ? TypeReader.afterPrefix(code, in, features, types, at) : ValType.fromCode(code);
            valType = t;
            if (t == null) throw in.malformed("malformed value type", at);
            if (features != null) features.requireValueType(t, at);
        }
    }

    private void readLabels() {
        int n = in.u32Count();
        if (n > in.remaining()) throw in.malformed("unexpected end of section or function");
        if (labels.length < n) labels = new int[Math.max(n, labels.length * 2)];
        for (int i = 0; i < n; i++) labels[i] = in.u32();
        count = n;
        index = in.u32();
    }

    private int[] catchKinds = new int[4];
    private int[] catchTags = new int[4];

    /** A {@code try_table}'s block type and catch clauses (kind 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref). */
    private void readTryTable() {
        readBlockType();
        int n = in.u32Count();
        if (n > in.remaining()) throw in.malformed("unexpected end of section or function");
        if (labels.length < n) labels = new int[Math.max(n, labels.length * 2)];
        if (catchKinds.length < n) {
            catchKinds = new int[Math.max(n, catchKinds.length * 2)];
            catchTags = new int[catchKinds.length];
        }
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int kind = in.u8();
            if (kind > 3) throw in.malformed("malformed handler kind", at);
            catchKinds[i] = kind;
            catchTags[i] = kind < 2 ? in.u32() : -1;
            labels[i] = in.u32();
        }
        count = n;
    }

    /** The kind of a {@code try_table}'s catch clause {@code i}: 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref. */
    public int catchKind(int i) {
        return catchKinds[i];
    }

    /** The tag of a {@code try_table}'s catch clause {@code i} (-1 for a catch-all); its label is {@link #label}. */
    public int catchTag(int i) {
        return catchTags[i];
    }

    private void readValTypes() {
        int n = in.u32Count();
        if (n > in.remaining()) throw in.malformed("unexpected end of section or function");
        valType = null;
        for (int i = 0; i < n; i++) {
            ValType t = TypeReader.valType(in, features, types);
            if (i == 0) valType = t;
        }
        count = n;
    }

    private void readMemarg() {
        int at = in.pos();
        int flags = in.u32();
        // multi-memory: flag 64 says a memory index follows; the alignment is what is left
        boolean multi = features == null || features.has(dev.bytelift.runtime.Feature.MULTI_MEMORY);
        int limit = multi ? 128 : 32;
        if (Integer.compareUnsigned(flags, limit) >= 0) {
            throw in.malformed("malformed memop flags", at);
        }
        memory = 0;
        if ((flags & 64) != 0) {
            memory = in.u32();
            flags &= 63;
        }
        this.align = flags;
        // memory64: a u64 offset (validation bounds it by the memory's address type)
        boolean is64 = features == null || features.has(dev.bytelift.runtime.Feature.MEMORY64);
        memoryOffset = is64 ? in.u64() : Integer.toUnsignedLong(in.u32());
    }

    /** A memory index: a zero byte in WebAssembly 2.0, any u32 with multi-memory. */
    private int memoryIndex() {
        if (features == null || features.has(dev.bytelift.runtime.Feature.MULTI_MEMORY)) return in.u32();
        return zeroByte();
    }

    private void readShuffle() {
        long lo = 0, hi = 0;
        for (int i = 0; i < 16; i++) {
            long lane = in.u8();
            if (i < 8) lo |= lane << (8 * i);
            else hi |= lane << (8 * (i - 8));
        }
        bits = lo;
        bitsHi = hi;
    }

    private int zeroByte() {
        int at = in.pos();
        if (in.u8() != 0) throw in.malformed("zero byte expected", at);
        return 0;
    }

    /** {@code ref.null}'s heap type, as the nullable reference type it makes. */
    private ValType refType() {
        return ValType.ref(true, TypeReader.heapType(in, features, types));
    }

    // ---- the operator last read

    public Op op() {
        return op;
    }

    /** Where the operator starts in the module. */
    public int offset() {
        return offset;
    }

    /** Where its immediates start in the module. */
    public int immediateOffset() {
        return immediateOffset;
    }

    /**
     * The first index immediate: the label, function, local, global, table, type (of
     * {@code call_indirect}), data, element or memory index; {@code br_table}'s default label; the
     * lane of a lane operator.
     */
    public int index() {
        return index;
    }

    /**
     * The second index immediate: the table of {@code call_indirect} and {@code table.init}, the
     * source of {@code table.copy} and {@code memory.copy}, the memory of {@code memory.init}.
     */
    public int index2() {
        return index2;
    }

    /** The alignment ({@code log2}) of a {@code memarg}. */
    public int align() {
        return align;
    }

    /** The offset of a {@code memarg} of a 32-bit memory (its low 32 bits). */
    public int memoryOffset() {
        return (int) memoryOffset;
    }

    /** The offset of a {@code memarg}, unsigned 64-bit (memory64). */
    public long memoryOffset64() {
        return memoryOffset;
    }

    /**
     * The memory of the operator last read: a {@code memarg}'s, {@code memory.size/grow/fill}'s,
     * {@code memory.init}'s, {@code memory.copy}'s destination (its source is {@link #index2}).
     */
    public int memory() {
        return memory;
    }

    /**
     * A block type: -64 for none, a negative value type code (as s33; {@link #valType()} is the
     * type, also for a typed reference), or a type index.
     */
    public long blockType() {
        return blockType;
    }

    /** A constant's bits (an i32 sign-extended); the low half of a v128 or a shuffle's first 8 lanes. */
    public long bits() {
        return bits;
    }

    /** The high half of a v128 constant, or a shuffle's last 8 lanes. */
    public long bitsHi() {
        return bitsHi;
    }

    /**
     * The reference type of {@code ref.null}; the first type of {@code select t*} (null if none);
     * the value type of a one-result block type.
     */
    public ValType valType() {
        return valType;
    }

    /** The number of labels of {@code br_table} (without the default), or of types of {@code select t*}. */
    public int count() {
        return count;
    }

    /** {@code br_table}'s label {@code i}; the label of a {@code try_table}'s catch clause {@code i}. */
    public int label(int i) {
        return labels[i];
    }
}
