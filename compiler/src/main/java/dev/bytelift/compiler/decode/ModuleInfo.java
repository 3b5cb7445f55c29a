package dev.bytelift.compiler.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.ValType;

/**
 * Everything the module-level sections of a binary say, decoded. Index spaces (functions,
 * tables, memories, globals) list imports first, as in the spec. Function bodies stay as byte
 * ranges: they are validated and translated in one pass later.
 */
public final class ModuleInfo {
    /** An export: its name, kind (0 func, 1 table, 2 memory, 3 global, 4 tag) and index. */
    public record Export(String name, int kind, int index) {}

    /**
     * An element segment.
     *
     * @param mode 0 active, 1 passive, 2 declarative
     */
    public record ElemSegment(int mode, ValType type, int table, ConstExpr offset, List<ConstExpr> items, int position) {}

    /** A data segment; {@code mode} 0 active, 1 passive. */
    public record DataSegment(int mode, int memory, ConstExpr offset, byte[] bytes, int position) {}

    /**
     * A function body: the byte range of its locals and code within the module, whether any of
     * its instructions touches linear memory (if none does, the memory is not cached in a local),
     * and its numbers of instructions, single-byte memory accesses and wider ones (which tell how
     * much of C2's inlining budget its method would need).
     */
    /**
     * A function body, where it is in {@link #bytes}, and what the skim learnt of it.
     * {@code bounded}: without loops or calls of any kind, and at most {@link #BOUNDED_MAX_BYTES}
     * long, so that each run of it does at most that much work (false when not skimmed).
     */
    public record FunctionBody(int start, int end, boolean usesMemory, int instructions, int byteAccesses,
            int wideAccesses, boolean bounded) {
        /** The longest body called bounded: what a call of one (not checking the epoch on entry) may run. */
        public static final int BOUNDED_MAX_BYTES = 1024;
    }

    public final byte[] bytes;
    public final List<FuncType> types = new ArrayList<>();
    public final List<ImportType> imports = new ArrayList<>();
    /**
     * The type index recorded for a function whose declared index does not exist. The module is
     * already invalid ("unknown type"), but decoding goes on to report a malformed part first.
     */
    public static final int UNKNOWN_TYPE = -1;

    /** For each function (imports first), its type index, or {@link #UNKNOWN_TYPE}. */
    public final List<Integer> funcTypes = new ArrayList<>();
    public final List<TableType> tables = new ArrayList<>();
    public final List<MemoryType> memories = new ArrayList<>();
    public final List<GlobalType> globals = new ArrayList<>();
    /** Initialisers of the defined (not imported) tables: null for none (null elements). */
    public final List<ConstExpr> tableInits = new ArrayList<>();
    /** Initialisers of the defined (not imported) globals. */
    public final List<ConstExpr> globalInits = new ArrayList<>();
    /** For each tag (exception handling; imports first), its type index. */
    public final List<Integer> tagTypes = new ArrayList<>();
    public final List<Export> exports = new ArrayList<>();
    public final List<ElemSegment> elems = new ArrayList<>();
    public final List<DataSegment> datas = new ArrayList<>();
    public final List<FunctionBody> bodies = new ArrayList<>();
    /** The defined functions (by index among the bodies) that make tail calls (docs/tail-calls.md). */
    public final java.util.BitSet tailCallers = new java.util.BitSet();
    /**
     * The bodies (by index in {@link #bodies}) whose operand stack may grow very deep by the
     * skimmer's rough count: the translator checks them exactly (translate/DeepStack).
     */
    public final java.util.BitSet deepStackBodies = new java.util.BitSet();
    /** Whether a type has more than a thousand parameters or results (blocks of such types may need translate/DeepStack). */
    public boolean wideTypes;
    public int importedFuncs;
    public int importedTables;
    public int importedMemories;
    public int importedGlobals;
    public int importedTags;
    public int start = -1;
    /** The data count section's value, or -1 if there is none. */
    public int dataCount = -1;
    public String moduleName;
    public final Map<Integer, String> funcNames = new HashMap<>();
    /** Functions that may be referenced by {@code ref.func} in code ("declared" in the spec). */
    public final java.util.Set<Integer> declaredFuncRefs = new java.util.HashSet<>();

    private final List<dev.bytelift.runtime.HeapType> heapTypes = new ArrayList<>();

    /** Type {@code index} as a (concrete) heap type, made once per type. */
    public dev.bytelift.runtime.HeapType heapType(int index) {
        while (heapTypes.size() <= index) heapTypes.add(dev.bytelift.runtime.HeapType.of(types.get(heapTypes.size())));
        return heapTypes.get(index);
    }

    /** The type of {@code ref.func f}: {@code (ref $t)} of the function's type, {@code (ref func)} if unknown. */
    public ValType refFuncType(int f) {
        int t = funcTypes.get(f);
        return ValType.ref(false, t == UNKNOWN_TYPE ? dev.bytelift.runtime.HeapType.FUNC : heapType(t));
    }

    public ModuleInfo(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The type of a function; an empty placeholder while it names an unknown type (see {@link #UNKNOWN_TYPE}). */
    public FuncType funcType(int funcIndex) {
        int t = funcTypes.get(funcIndex);
        return t == UNKNOWN_TYPE ? UNKNOWN_FUNC_TYPE : types.get(t);
    }

    private static final FuncType UNKNOWN_FUNC_TYPE = FuncType.of(List.of(), List.of());

    /** The type of tag {@code tag} (a function type without results). */
    public FuncType tagType(int tag) {
        return types.get(tagTypes.get(tag));
    }

    public int funcCount() {
        return funcTypes.size();
    }

    public int definedFuncCount() {
        return funcTypes.size() - importedFuncs;
    }
}
