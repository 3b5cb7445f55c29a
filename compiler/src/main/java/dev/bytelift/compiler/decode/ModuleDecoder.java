package dev.bytelift.compiler.decode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Decodes the module-level sections of a binary into a {@link ModuleInfo} and validates what
 * can be validated at module level (indices, limits, constant expressions, exports, start).
 * Malformed input raises {@code MalformedModuleException} at once; the first validation error is
 * raised once the whole binary has decoded, so that a malformed module always reports as such.
 */
public final class ModuleDecoder {
    private static final int MAGIC = 0x6D736100;
    private static final int MAX_PAGES = 65536;

    private final ByteReader in;
    private final ModuleInfo m;
    private InvalidModuleException firstInvalid;
    /** A type Bytelift cannot compile; raised only for a module that is otherwise valid at module level. */
    private ImplementationLimitException firstLimit;
    private int declaredFuncs = -1;
    private final Features features;
    /** Whether the type section is being read (where a type index may name the type being defined). */
    private boolean inTypeSection;

    /** Whether function bodies are read ({@link BodySkimmer}) or only stepped over ({@link #decodeCompiled}). */
    private final boolean skimBodies;
    private final ConstExprDecoder constExprs = new ConstExprDecoder(this);
    /** Told about each body's operators as they are skimmed, or null. */
    private BodyListener listener;
    /** The threads that may skim a large code section ({@link #skimInParallel}); 1: the calling thread only. */
    private int skimThreads = 1;
    private int parallelSkimMinBytes = CodeSectionReader.PARALLEL_SKIM_MIN_BYTES;

    private ModuleDecoder(byte[] bytes, Features features, boolean skimBodies) {
        this.in = new ByteReader(bytes);
        this.m = new ModuleInfo(bytes);
        this.features = features;
        this.skimBodies = skimBodies;
    }

    /** Decodes and validates the module-level parts of {@code bytes}, which may use every feature. */
    public static ModuleInfo decode(byte[] bytes) {
        return decode(bytes, Features.ALL);
    }

    /** Decodes and validates the module-level parts of {@code bytes}, which may use {@code features}. */
    public static ModuleInfo decode(byte[] bytes, Features features) {
        return decode(bytes, features, true);
    }

    /**
     * As {@link #decode(byte[], Features)} for a binary that was decoded and validated when it was
     * compiled (a deserialised module's, under its checksum): function bodies are stepped over,
     * not read, so their {@link ModuleInfo.FunctionBody} counts are zero and
     * {@link ModuleInfo#tailCallers} is empty; only loading, never translating, may use the result.
     * Reading every operator was most of the time a large module took to deserialise.
     */
    public static ModuleInfo decodeCompiled(byte[] bytes, Features features) {
        return decode(bytes, features, false);
    }

    /**
     * As {@link #decode(byte[], Features)}, with {@code listener} told about each function body's
     * operators as the skimmer decodes them (lazy compilation validates the bodies in that pass).
     */
    public static ModuleInfo decode(byte[] bytes, Features features, BodyListener listener) {
        return decode(bytes, features, true, listener);
    }

    private static ModuleInfo decode(byte[] bytes, Features features, boolean skimBodies) {
        return decode(bytes, features, skimBodies, null);
    }

    /**
     * As {@link #decode(byte[], Features)}, skimming a large code section on up to {@code threads}
     * threads (the calling one included; see {@link CodeSectionReader}): the same result, and the
     * same error, on any number.
     */
    public static ModuleInfo decode(byte[] bytes, Features features, int threads) {
        return decode(bytes, features, threads, CodeSectionReader.PARALLEL_SKIM_MIN_BYTES);
    }

    /** As {@link #decode(byte[], Features, int)} from a code section of {@code parallelMinBytes} on (tests). */
    static ModuleInfo decode(byte[] bytes, Features features, int threads, int parallelMinBytes) {
        ModuleDecoder d = new ModuleDecoder(bytes, features, true);
        d.skimThreads = Math.max(1, threads);
        d.parallelSkimMinBytes = parallelMinBytes;
        return d.finishDecode();
    }

    private static ModuleInfo decode(byte[] bytes, Features features, boolean skimBodies, BodyListener listener) {
        ModuleDecoder d = new ModuleDecoder(bytes, features, skimBodies);
        d.listener = listener;
        return d.finishDecode();
    }

    private ModuleInfo finishDecode() {
        decodeModule();
        if (firstInvalid != null) throw firstInvalid;
        if (firstLimit != null) throw firstLimit;
        return m;
    }

    void invalid(String message, int at) {
        if (firstInvalid == null) firstInvalid = new InvalidModuleException(message, at);
    }

    /** Where the section being decoded ends (a constant expression that runs past it ends early). */
    private int sectionEnd = Integer.MAX_VALUE;

    private void decodeModule() {
        if (in.remaining() < 4) throw in.malformed("unexpected end", 0);
        if (in.f32Bits() != MAGIC) throw in.malformed("magic header not detected", 0);
        if (in.remaining() < 4) throw in.malformed("unexpected end", in.pos());
        if (in.f32Bits() != 1) throw in.malformed("unknown binary version", 4);
        int lastOrder = 0;
        while (!in.atEnd()) {
            int idPos = in.pos();
            int id = in.u8();
            int sizePos = in.pos();
            int size = in.u32Count();
            if (size > in.remaining()) throw in.malformed("length out of bounds", sizePos);
            int start = in.pos();
            int end = start + size;
            sectionEnd = end;
            if (id != 0) {
                int order = sectionOrder(id);
                // disabled, exception handling's tag section is unknown, as in 2.0
                if (order < 0 || id == 13 && !features.has(Feature.EXCEPTIONS)) throw in.malformed("malformed section id", idPos);
                if (order <= lastOrder) throw in.malformed("unexpected content after last section", idPos);
                lastOrder = order;
            }
            // like the spec's decoder, reads are not bounded by the section: its size is checked after
            switch (id) {
                case 0: customSection(end); break;
                case 1: typeSection(); break;
                case 2: importSection(); break;
                case 3: functionSection(); break;
                case 4: tableSection(); break;
                case 5: memorySection(); break;
                case 6: globalSection(); break;
                case 7: exportSection(); break;
                case 8: startSection(); break;
                case 9: elementSection(); break;
                case 10: codeSection(); break;
                case 11: dataSection(); break;
                case 13: ExceptionSections.tagSection(this, in, m, features, idPos); break;
                case 12:
                    features.require(Feature.BULK_MEMORY, idPos);
                    m.dataCount = in.u32Count();
                    break;
                default: throw in.malformed("malformed section id", idPos);
            }
            if (in.pos() != end) throw in.malformed("section size mismatch", in.pos());
        }
        int defined = declaredFuncs < 0 ? 0 : declaredFuncs;
        if (m.bodies.size() != defined) {
            throw in.malformed("function and code section have inconsistent lengths", in.pos());
        }
        if (m.dataCount >= 0 && m.dataCount != m.datas.size()) {
            throw in.malformed("data count and data section have inconsistent lengths", in.pos());
        }
    }

    /** The required position of a known section, or -1. The data count section sits before code. */
    private static int sectionOrder(int id) {
        switch (id) {
            case 1: return 1;
            case 2: return 2;
            case 3: return 3;
            case 4: return 4;
            case 5: return 5;
            case 13: return 6; // the tag section (exception handling) sits between memory and global
            case 6: return 7;
            case 7: return 8;
            case 8: return 9;
            case 9: return 10;
            case 12: return 11;
            case 10: return 12;
            case 11: return 13;
            default: return -1;
        }
    }

    // ---- types

    ValType valType() {
        return TypeReader.valType(in, features, this::heapType);
    }

    ValType refType() {
        return TypeReader.refType(in, features, this::heapType);
    }

    /** Type index {@code index} as a heap type: only the types defined so far exist (3.0, no recursion groups). */
    dev.bytelift.runtime.HeapType heapType(int index, int at) {
        if (index < m.types.size()) return m.heapType(index);
        // a type that refers to itself is a recursive type, which comes with GC
        if (index == m.types.size() && inTypeSection) throw new dev.bytelift.runtime.DisabledFeatureException(Feature.GC, at);
        invalid("unknown type", at);
        return dev.bytelift.runtime.HeapType.FUNC;
    }

    /** Limits and their address type: WebAssembly 3.0's encoding with memory64, else 2.0's (always i32). */
    private Limits64.Typed typedLimits(boolean memory) {
        if (features.has(Feature.MEMORY64)) return Limits64.read(in, memory, (msg, at) -> invalid(msg, at));
        return new Limits64.Typed(limits(memory), ValType.I32);
    }

    private Limits limits(boolean memory) {
        int at = in.pos();
        int flags = in.u8();
        if ((flags & 0x80) != 0) throw in.malformed("integer representation too long", at);
        if (flags > 1) throw in.malformed("integer too large", at);
        long min = Integer.toUnsignedLong(in.u32());
        long max = flags == 1 ? Integer.toUnsignedLong(in.u32()) : -1;
        if (memory) {
            if (min > MAX_PAGES || max > MAX_PAGES) invalid("memory size must be at most 65536 pages (4GiB)", at);
        }
        if (max >= 0 && min > max) invalid("size minimum must not be greater than maximum", at);
        return new Limits(min, max);
    }

    private MemoryType memoryType() {
        Limits64.Typed l = typedLimits(true);
        return new MemoryType(l.limits(), l.addressType());
    }

    private TableType tableType() {
        ValType t = refType();
        Limits64.Typed l = typedLimits(false);
        return new TableType(t, l.limits(), l.addressType());
    }

    private GlobalType globalType() {
        ValType t = valType();
        int at = in.pos();
        int mut = in.u8();
        if (mut > 1) throw in.malformed("malformed mutability", at);
        return new GlobalType(t, mut == 1);
    }

    /** A vector length whose elements take at least a byte each: more than the bytes left is malformed. */
    private int vectorLength() {
        int at = in.pos();
        int n = in.u32Count();
        if (n > in.remaining()) throw in.malformed("length out of bounds", at);
        return n;
    }

    // ---- sections

    private void typeSection() {
        inTypeSection = true;
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int form = in.u8();
            // rec, sub, sub final, array, struct: the GC proposal's type forms (named, not "malformed")
            if (form == 0x4E || form == 0x4F || form == 0x50 || form == 0x5E || form == 0x5F) features.require(Feature.GC, at);
            if (form != 0x60) throw in.malformed("integer representation too long", at);
            ValType[] params = new ValType[vectorLength()];
            for (int k = 0; k < params.length; k++) params[k] = valType();
            ValType[] results = new ValType[vectorLength()];
            if (results.length > 1) features.require(Feature.MULTI_VALUE, at);
            for (int k = 0; k < results.length; k++) results[k] = valType();
            FuncType ft = new FuncType(params, results);
            // a function's type needs a JVM descriptor of its parameters: checked where a type is
            // used as one (functions, imports, tags, call_indirect and call_ref), not for blocks
            if (ft.paramCount() > BodySkimmer.DEEP_STACK_VALUES || ft.resultCount() > BodySkimmer.DEEP_STACK_VALUES) {
                m.wideTypes = true;
            }
            m.types.add(ft);
            m.heapType(i); // made here, once: translation threads only read them
        }
        inTypeSection = false;
    }

    private void importSection() {
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            String module = in.name();
            String name = in.name();
            int at = in.pos();
            int kind = in.u8();
            switch (kind) {
                case 0: {
                    int typeAt = in.pos();
                    int t = in.u32();
                    FuncType ft = FuncType.of(List.of(), List.of());
                    if (Integer.compareUnsigned(t, m.types.size()) >= 0) invalid("unknown type", typeAt);
                    else ft = m.types.get(t);
                    requireCallable(ft, t, typeAt);
                    m.imports.add(new ImportType(module, name, ft));
                    m.funcTypes.add(Integer.compareUnsigned(t, m.types.size()) >= 0 ? ModuleInfo.UNKNOWN_TYPE : t);
                    m.importedFuncs++;
                    break;
                }
                case 1: {
                    TableType tt = tableType();
                    m.imports.add(new ImportType(module, name, tt));
                    m.tables.add(tt);
                    if (m.tables.size() > 1) features.require(Feature.REFERENCE_TYPES, at);
                    m.importedTables++;
                    break;
                }
                case 2: {
                    MemoryType mt = memoryType();
                    m.imports.add(new ImportType(module, name, mt));
                    m.memories.add(mt);
                    m.importedMemories++;
                    break;
                }
                case 3: {
                    GlobalType gt = globalType();
                    m.imports.add(new ImportType(module, name, gt));
                    m.globals.add(gt);
                    m.importedGlobals++;
                    break;
                }
                case 4:
                    if (!features.has(Feature.EXCEPTIONS)) throw in.malformed("malformed import kind", at);
                    ExceptionSections.tagImport(this, in, m, features, module, name, at);
                    break;
                default:
                    throw in.malformed("malformed import kind", at);
            }
        }
        if (m.memories.size() > 1 && !features.has(Feature.MULTI_MEMORY)) invalid("multiple memories", in.pos());
    }

    /**
     * Records the implementation limit (reported once the module is otherwise valid) if functions
     * of {@code ft}, type {@code t}, take more JVM parameter slots than Bytelift allows.
     */
    void requireCallable(FuncType ft, int t, int at) {
        if (!Abi.supports(ft) && firstLimit == null) {
            firstLimit = new ImplementationLimitException("type " + t + ": " + Abi.unsupportedMessage(ft), at);
        }
    }

    private void functionSection() {
        int n = in.u32Count();
        declaredFuncs = n;
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int t = in.u32();
            if (Integer.compareUnsigned(t, m.types.size()) >= 0) {
                invalid("unknown type", at);
                t = ModuleInfo.UNKNOWN_TYPE;
            } else {
                requireCallable(m.types.get(t), t, at);
            }
            m.funcTypes.add(t);
        }
    }

    private void tableSection() {
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            // typed function references: 0x40 0x00, then the table type and an initialiser
            boolean hasInit = in.remaining() > 0 && (in.bytes()[in.pos()] & 0xFF) == 0x40;
            if (hasInit) {
                in.u8();
                features.require(Feature.FUNCTION_REFERENCES, at);
                int zeroAt = in.pos();
                if (in.u8() != 0) throw in.malformed("malformed table", zeroAt);
            }
            TableType tt = tableType();
            ConstExpr init = null;
            if (hasInit) init = constExprs.read(tt.elementType(), constGlobals());
            else if (!tt.elementType().isDefaultable()) invalid("type mismatch", at);
            m.tables.add(tt);
            m.tableInits.add(init);
            if (m.tables.size() > 1) features.require(Feature.REFERENCE_TYPES, at);
        }
    }

    private void memorySection() {
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            m.memories.add(memoryType());
            if (m.memories.size() > 1 && !features.has(Feature.MULTI_MEMORY)) invalid("multiple memories", at);
        }
    }

    private void globalSection() {
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            GlobalType gt = globalType();
            ConstExpr init = constExprs.read(gt.valType(), constGlobals());
            m.globals.add(gt);
            m.globalInits.add(init);
        }
    }

    private void exportSection() {
        int n = in.u32Count();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            String name = in.name();
            int kindAt = in.pos();
            int kind = in.u8();
            int idxAt = in.pos();
            int index = in.u32();
            if (kind > 4 || kind == 4 && !features.has(Feature.EXCEPTIONS)) throw in.malformed("malformed export kind", kindAt);
            if (!names.add(name)) invalid("duplicate export name", at);
            int limit = kind == 0 ? m.funcCount() : kind == 1 ? m.tables.size() : kind == 2 ? m.memories.size()
                    : kind == 4 ? m.tagTypes.size() : m.globals.size();
            if (Integer.compareUnsigned(index, limit) >= 0) {
                invalid("unknown " + (kind == 0 ? "function" : kind == 1 ? "table" : kind == 2 ? "memory" : kind == 4 ? "tag" : "global"), idxAt);
            } else if (kind == 0) {
                m.declaredFuncRefs.add(index);
            }
            m.exports.add(new ModuleInfo.Export(name, kind, index));
        }
    }

    private void startSection() {
        int at = in.pos();
        int f = in.u32();
        if (Integer.compareUnsigned(f, m.funcCount()) >= 0) {
            invalid("unknown function", at);
            return;
        }
        FuncType t = m.funcType(f);
        if (t.paramCount() != 0 || t.resultCount() != 0) invalid("start function", at);
        m.start = f;
    }

    private void elementSection() {
        int n = in.u32Count();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int flags = in.u32();
            if (flags < 0 || flags > 7) throw in.malformed("malformed elements segment kind", at);
            // passive segments and element expressions came with bulk memory, table indices and
            // declarative segments with reference types
            if (flags != 0) features.require((flags & 2) != 0 ? Feature.REFERENCE_TYPES : Feature.BULK_MEMORY, at);
            int mode = (flags & 1) == 0 ? 0 : (flags & 2) == 0 ? 1 : 2;
            int table = 0;
            ConstExpr offset = null;
            int tableAt = in.pos();
            if (flags == 2 || flags == 6) {
                tableAt = in.pos();
                table = in.u32();
            }
            if (mode == 0) offset = constExprs.read(tableAddressType(table), constGlobals());
            boolean exprs = (flags & 4) != 0;
            // 3.0: a segment of function indices is of type (ref func), one of expressions funcref
            ValType type = exprs ? ValType.FUNCREF : ValType.ref(false, dev.bytelift.runtime.HeapType.FUNC);
            if ((flags & 3) != 0) {
                if (exprs) {
                    type = refType();
                } else {
                    int kAt = in.pos();
                    if (in.u8() != 0x00) throw in.malformed("malformed elements segment kind", kAt);
                }
            }
            int count = in.u32Count();
            List<ConstExpr> items = new ArrayList<>(Math.min(count, 1 << 16));
            for (int k = 0; k < count; k++) {
                if (exprs) {
                    items.add(constExprs.read(type, constGlobals()));
                } else {
                    int fAt = in.pos();
                    int f = in.u32();
                    if (Integer.compareUnsigned(f, m.funcCount()) >= 0) invalid("unknown function " + Integer.toUnsignedString(f), fAt);
                    else m.declaredFuncRefs.add(f);
                    items.add(ConstExpr.refFunc(f));
                }
            }
            if (mode == 0) {
                if (Integer.compareUnsigned(table, m.tables.size()) >= 0) invalid("unknown table " + Integer.toUnsignedString(table), tableAt);
                else if (!type.isSubtypeOf(m.tables.get(table).elementType())) invalid("type mismatch", at);
            }
            m.elems.add(new ModuleInfo.ElemSegment(mode, type, table, offset, items, at));
        }
    }

    private void codeSection() {
        new CodeSectionReader(in, m, features).read(skimBodies, listener, skimThreads,
                (long) sectionEnd - in.pos() >= parallelSkimMinBytes);
    }

    private void dataSection() {
        int n = in.u32Count();
        if (m.dataCount >= 0 && n != m.dataCount) {
            throw in.malformed("data count and data section have inconsistent lengths", in.pos());
        }
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int flags = in.u32();
            int memory = 0;
            ConstExpr offset = null;
            int memAt = in.pos();
            switch (flags) {
                case 0:
                    unknownMemory(0, memAt);
                    offset = constExprs.read(memoryAddressType(0), constGlobals());
                    break;
                case 1: features.require(Feature.BULK_MEMORY, at); break;
                case 2:
                    features.require(Feature.BULK_MEMORY, at);
                    memAt = in.pos();
                    memory = in.u32();
                    unknownMemory(memory, memAt);
                    offset = constExprs.read(memoryAddressType(memory), constGlobals());
                    break;
                default: throw in.malformed("malformed data segment kind", at);
            }
            int lenAt = in.pos();
            int len = in.u32Count();
            if (len > in.remaining()) throw in.malformed("unexpected end of section or function", lenAt);
            byte[] data = in.bytes(len);
            if (flags != 1 && Integer.compareUnsigned(memory, m.memories.size()) >= 0) {
                invalid("unknown memory " + Integer.toUnsignedString(memory), memAt);
            }
            m.datas.add(new ModuleInfo.DataSegment(flags == 1 ? 1 : 0, memory, offset, data, at));
        }
    }

    /** Reports an unknown memory of an active data segment before its offset's type (as Wasmtime). */
    private void unknownMemory(int memory, int at) {
        if (Integer.compareUnsigned(memory, m.memories.size()) >= 0) invalid("unknown memory " + Integer.toUnsignedString(memory), at);
    }

    /** The type of an active data segment's offset: its memory's address type (i32 if unknown). */
    private ValType memoryAddressType(int memory) {
        return Integer.compareUnsigned(memory, m.memories.size()) < 0 ? m.memories.get(memory).addressType() : ValType.I32;
    }

    /** The type of an active element segment's offset: its table's address type (i32 if unknown). */
    private ValType tableAddressType(int table) {
        return Integer.compareUnsigned(table, m.tables.size()) < 0 ? m.tables.get(table).addressType() : ValType.I32;
    }

    private void customSection(int end) {
        String name = in.name();
        if (in.pos() > end) throw in.malformed("unexpected end", in.pos());
        if (name.equals("name")) {
            try {
                NameSection.read(new ByteReader(in.bytes(), in.pos(), end), m);
            } catch (RuntimeException ignored) {
                // a malformed name section is ignored, as other engines do
            }
        }
        in.pos(end);
    }

    /**
     * How many globals {@code global.get} in a constant expression may name now: with extended
     * constant expressions every global declared so far (in the global section the earlier ones),
     * in 2.0 only the imported ones.
     */
    private int constGlobals() {
        return features.has(Feature.EXTENDED_CONST) ? m.globals.size() : m.importedGlobals;
    }

    // for ConstExprDecoder
    ByteReader in() {
        return in;
    }

    int sectionEnd() {
        return sectionEnd;
    }

    Features features() {
        return features;
    }

    ModuleInfo info() {
        return m;
    }

    InvalidModuleException firstInvalid() {
        return firstInvalid;
    }
}
