package dev.bytelift.compiler.validate;

import static dev.bytelift.runtime.ValType.FUNCREF;
import static dev.bytelift.runtime.ValType.I32;
import static dev.bytelift.runtime.ValType.I64;

import java.util.EnumMap;
import java.util.Map;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Imm;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ValType;

/**
 * The validation rules of the operators whose typing depends on their immediates or on the
 * context (locals, globals, calls, tables, references, memories' address types, lanes), checked
 * against a {@link FuncValidator}'s stacks; control flow and exceptions are {@link
 * ControlValidator}'s. Each rule reads the immediates of the operator the reader has just read,
 * checks them, pops the operands and pushes the results, and returns what the translator needs
 * to lower the operator (a type, a function type): the translator lowers validated operators
 * (wasmparser's split of validation from Cranelift's lowering), and {@link BodyValidator}
 * validates a body with the same rules and no translator. The checks are made in the order the
 * spec's algorithm (and the error messages the spec suites expect) has them.
 */
public final class OperatorValidator {
    final FuncValidator v;
    final ModuleInfo m;
    final OperatorReader r;
    final Features features;
    /** The function's result types. */
    final ValType[] results;
    private LocalTypes locals = LocalTypes.of(new ValType[0], 0);
    /** Operand types with 64-bit addresses, by operator (made once each). */
    private Map<Op, ValType[]> params64; // made when a 64-bit memory is first accessed

    /** The rules for a body of a function with result types {@code results}, read by {@code r}. */
    public OperatorValidator(FuncValidator v, ModuleInfo m, OperatorReader r, Features features, ValType[] results) {
        this.v = v;
        this.m = m;
        this.r = r;
        this.features = features;
        this.results = results;
    }

    /** The function's locals as declared (runs of one type): those without a default start unset. */
    public void setLocals(LocalTypes types) {
        locals = types;
        v.setLocals(types);
    }

    static boolean outside(int index, int size) {
        return Integer.compareUnsigned(index, size) >= 0;
    }

    // ---- operators typed by the operator table (Op#hasSignature)

    /**
     * Validates an operator the operator table types: its immediates, then its operands and
     * results ({@link #params}, {@link #results}).
     */
    public void typed(Op op) {
        // only memory, SIMD and table operators with immediates have any to check
        if (op.immediates() != Imm.NONE) checkImmediates(op);
        v.pop(params(op));
        v.push(results(op));
    }

    /** Checks the immediates of an operator the table types: memories, alignment, lanes, segments. */
    public void checkImmediates(Op op) {
        switch (op.family()) {
            case MEMORY -> {
                switch (op) {
                    case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> requireMemory(r.memory());
                    case MEMORY_COPY -> {
                        requireMemory(r.index());
                        requireMemory(r.index2());
                    }
                    case MEMORY_INIT -> {
                        requireMemory(r.memory());
                        dataIndex();
                    }
                    case DATA_DROP -> dataIndex();
                    default -> checkMemarg(op); // loads and stores
                }
            }
            case SIMD -> {
                switch (op.immediates()) {
                    case MEMARG -> checkMemarg(op);
                    case MEMARG_LANE -> {
                        checkMemarg(op);
                        if (r.index() >= op.lanes()) throw v.error("invalid lane index");
                    }
                    case LANE -> {
                        if (r.index() >= op.lanes()) throw v.error("invalid lane index");
                    }
                    case SHUFFLE -> {
                        for (int i = 0; i < 16; i++) {
                            long l = (i < 8 ? r.bits() >>> (8 * i) : r.bitsHi() >>> (8 * (i - 8))) & 0xFF;
                            if (l >= op.lanes()) throw v.error("invalid lane index");
                        }
                    }
                    default -> { }
                }
            }
            case TABLE -> elemIndex(); // elem.drop, the only table operator the table types
            default -> { }
        }
    }

    /**
     * The operand types of an operator the table types, as validated: its signature's, unless
     * its memories are 64-bit (multi-memory, memory64).
     */
    public ValType[] params(Op op) {
        if (!hasMemoryImmediate(op) || simpleMemory(op)) return op.params();
        switch (op) {
            case MEMORY_SIZE -> {
                return op.params();
            }
            case MEMORY_GROW -> {
                return is64(r.memory()) ? new ValType[] {I64} : op.params();
            }
            case MEMORY_FILL -> {
                return is64(r.memory()) ? new ValType[] {I64, I32, I64} : op.params();
            }
            case MEMORY_INIT -> {
                return is64(r.memory()) ? new ValType[] {I64, I32, I32} : op.params();
            }
            case MEMORY_COPY -> {
                boolean d = is64(r.index()), s = is64(r.index2());
                return new ValType[] {address(d), address(s), address(d && s)}; // the length: the smaller address type
            }
            default -> {
                // loads, stores, SIMD: the address is the first operand
                if (!is64(r.memory())) return op.params();
                if (params64 == null) params64 = new EnumMap<>(Op.class);
                return params64.computeIfAbsent(op, o -> {
                    ValType[] p = o.params().clone();
                    p[0] = I64;
                    return p;
                });
            }
        }
    }

    /** The result types of an operator the table types, as {@link #params}. */
    public ValType[] results(Op op) {
        if ((op == Op.MEMORY_SIZE || op == Op.MEMORY_GROW) && !simpleMemory(op) && is64(r.memory())) return new ValType[] {I64};
        return op.results();
    }

    private static ValType address(boolean is64) {
        return is64 ? I64 : I32;
    }

    private static boolean hasMemoryImmediate(Op op) {
        return switch (op.immediates()) {
            case MEMARG, MEMARG_LANE, MEMORY, DATA_MEMORY, MEMORY_MEMORY -> true;
            default -> false;
        };
    }

    /**
     * Whether {@code op} (just read) only involves memory 0 and it is 32-bit: then it is typed
     * (and compiles) exactly as in WebAssembly 2.0.
     */
    public boolean simpleMemory(Op op) {
        return switch (op.immediates()) {
            case MEMARG, MEMARG_LANE, MEMORY, DATA_MEMORY -> r.memory() == 0 && !is64(0);
            case MEMORY_MEMORY -> r.index() == 0 && r.index2() == 0 && !is64(0);
            default -> true; // data.drop
        };
    }

    /** Whether memory {@code k} exists and has 64-bit addresses. */
    public boolean is64(int k) {
        return k < m.memories.size() && m.memories.get(k).is64();
    }

    /** "unknown memory" unless memory {@code index} exists. */
    public void requireMemory(int index) {
        if (outside(index, m.memories.size())) {
            throw v.error("unknown memory" + (index == 0 ? "" : " " + Integer.toUnsignedString(index)));
        }
    }

    /**
     * Checks that the memarg's memory exists, its alignment is at most {@code op}'s natural one and
     * its offset fits the memory's address type.
     */
    public void checkMemarg(Op op) {
        int k = r.memory();
        requireMemory(k);
        if (r.align() > op.alignLog2()) throw v.error("alignment must not be larger than natural");
        if (!is64(k) && (r.memoryOffset64() >>> 32) != 0) throw v.error("offset out of range");
    }

    /** Checks the data index of {@code memory.init} / {@code data.drop}. */
    private void dataIndex() {
        int d = r.index();
        if (m.dataCount < 0 && !m.datas.isEmpty()) throw r.bytes().malformed("data count section required", r.immediateOffset());
        int count = m.dataCount >= 0 ? m.dataCount : 0;
        if (outside(d, count)) throw v.error("unknown data segment " + Integer.toUnsignedString(d));
    }

    private void elemIndex() {
        int s = r.index();
        if (outside(s, m.elems.size())) throw v.error("unknown elem segment " + Integer.toUnsignedString(s));
    }

    // ---- variables

    /** The type of local {@code i}: "unknown local" if none. */
    public ValType localType(int i) {
        if (outside(i, locals.size())) throw v.error("unknown local");
        return locals.type(i);
    }

    /** {@code local.get i}: the local's type. */
    public ValType localGet(int i) {
        ValType t = localType(i);
        v.checkLocalGet(i);
        v.push(t);
        return t;
    }

    /** {@code local.set i} / {@code local.tee i}: the local's type. */
    public ValType localSet(int i, boolean tee) {
        ValType t = localType(i);
        v.pop(t);
        v.localSet(i);
        if (tee) v.push(t);
        return t;
    }

    private GlobalType global(int g) {
        if (outside(g, m.globals.size())) throw v.error("unknown global");
        return m.globals.get(g);
    }

    /** {@code global.get g}: the global's value type. */
    public ValType globalGet(int g) {
        ValType t = global(g).valType();
        v.push(t);
        return t;
    }

    /** {@code global.set g}: the global's value type. */
    public ValType globalSet(int g) {
        GlobalType gt = global(g);
        if (!gt.mutable()) throw v.error("immutable global"); // 3.0's words (2.0's suite says "global is immutable")
        ValType t = gt.valType();
        v.pop(t);
        return t;
    }

    // ---- parametric

    /** {@code drop}: the dropped operand's type (null if unknown: unreachable code). */
    public ValType drop() {
        return v.pop();
    }

    /** {@code select} (untyped when {@code typed} is null): the type selected (null if unknown). */
    public ValType select(ValType typed) {
        v.pop(I32);
        ValType t2 = v.pop(typed);
        ValType t1 = v.pop(typed);
        ValType t;
        if (typed != null) {
            t = typed;
        } else {
            if ((t1 != null && t1.isReference()) || (t2 != null && t2.isReference())) throw v.error("type mismatch");
            if (t1 != null && t2 != null && t1 != t2) throw v.error("type mismatch");
            t = t1 != null ? t1 : t2;
        }
        v.push(t);
        return t;
    }

    /** {@code select (result t)}. */
    public ValType selectTyped() {
        if (r.count() != 1) throw v.error("invalid result arity");
        return select(r.valType());
    }

    // ---- references

    /** {@code ref.null t}. */
    public void refNull() {
        v.push(r.valType());
    }

    /** {@code ref.is_null}. */
    public void refIsNull() {
        ValType t = v.pop();
        if (t != null && !t.isReference()) throw v.error("type mismatch");
        v.push(I32);
    }

    /** {@code ref.func f}. */
    public void refFunc(int f) {
        if (outside(f, m.funcCount())) throw v.error("unknown function " + Integer.toUnsignedString(f));
        if (!m.declaredFuncRefs.contains(f)) throw v.error("undeclared function reference");
        v.push(m.refFuncType(f));
    }

    /** {@code ref.as_non_null}. */
    public void refAsNonNull() {
        v.push(v.popRef().asNonNullable());
    }

    // ---- calls

    /** Pops {@code ft}'s parameters (without copying them out of the type: this runs for every call). */
    private void popParams(FuncType ft) {
        for (int i = ft.paramCount() - 1; i >= 0; i--) v.pop(ft.param(i));
    }

    private void pushResults(FuncType ft) {
        for (int i = 0, n = ft.resultCount(); i < n; i++) v.push(ft.result(i));
    }

    private FuncType function(int f) {
        if (outside(f, m.funcCount())) throw v.error("unknown function");
        return m.funcType(f);
    }

    /** {@code ft}, type {@code typeIndex} of a call: an implementation limit if no JVM method can take its parameters. */
    private FuncType callable(FuncType ft, int typeIndex) {
        if (!dev.bytelift.runtime.internal.Abi.supports(ft)) {
            throw new dev.bytelift.runtime.ImplementationLimitException(
                    "type " + typeIndex + ": " + dev.bytelift.runtime.internal.Abi.unsupportedMessage(ft), v.offset);
        }
        return ft;
    }

    private FuncType type(int typeIndex) {
        if (outside(typeIndex, m.types.size())) throw v.error("unknown type");
        return m.types.get(typeIndex);
    }

    /** {@code call f}: the callee's type. */
    public FuncType call(int f) {
        FuncType ft = function(f);
        popParams(ft);
        pushResults(ft);
        return ft;
    }

    /** Pops {@code call_ref $t}'s reference and arguments: {@code $t}. */
    private FuncType popRef(int typeIndex) {
        FuncType ft = callable(type(typeIndex), typeIndex);
        v.pop(ValType.ref(true, m.heapType(typeIndex)));
        popParams(ft);
        return ft;
    }

    /** {@code call_ref $t}: {@code $t}. */
    public FuncType callRef(int typeIndex) {
        FuncType ft = popRef(typeIndex);
        pushResults(ft);
        return ft;
    }

    /**
     * The immediates and operands of {@code call_indirect} and {@code return_call_indirect}: checks
     * them and pops the table index ({@code i64} for a 64-bit table) and the arguments; the type.
     */
    private FuncType popIndirect(int typeIndex, int table) {
        if (outside(table, m.tables.size())) throw v.error("unknown table");
        if (outside(typeIndex, m.types.size())) throw v.error("unknown type");
        if (!m.tables.get(table).elementType().isSubtypeOf(FUNCREF)) throw v.error("type mismatch");
        FuncType ft = callable(m.types.get(typeIndex), typeIndex);
        v.pop(m.tables.get(table).is64() ? I64 : I32);
        popParams(ft);
        return ft;
    }

    /** {@code call_indirect $t $table}: {@code $t}. */
    public FuncType callIndirect(int typeIndex, int table) {
        FuncType ft = popIndirect(typeIndex, table);
        pushResults(ft);
        return ft;
    }

    /**
     * {@code return_call f}: the callee's type. The caller makes the rest of the block
     * unreachable ({@link FuncValidator#setUnreachable}) once it has lowered the call.
     */
    public FuncType returnCall(int f) {
        FuncType ft = function(f);
        popParams(ft);
        checkTailResults(ft);
        return ft;
    }

    /** {@code return_call_indirect $t $table}, as {@link #returnCall}. */
    public FuncType returnCallIndirect(int typeIndex, int table) {
        FuncType ft = popIndirect(typeIndex, table);
        checkTailResults(ft);
        return ft;
    }

    /** {@code return_call_ref $t}, as {@link #returnCall}. */
    public FuncType returnCallRef(int typeIndex) {
        FuncType ft = popRef(typeIndex);
        checkTailResults(ft);
        return ft;
    }

    /** The callee's results must match the caller's (spec: {@code return_call}'s typing rule). */
    private void checkTailResults(FuncType callee) {
        if (callee.resultCount() != results.length) throw v.error("type mismatch");
        for (int i = 0; i < results.length; i++) {
            if (!FuncValidator.matches(callee.result(i), results[i])) throw v.error("type mismatch");
        }
    }

    // ---- tables

    /** The element type of table {@code t}: "unknown table" if none. */
    private ValType tableType(int t) {
        if (outside(t, m.tables.size())) throw v.error("unknown table " + Integer.toUnsignedString(t));
        return m.tables.get(t).elementType();
    }

    private ValType tableAddress(int t) {
        return m.tables.get(t).addressType();
    }

    /** {@code table.get t}. */
    public void tableGet(int t) {
        ValType et = tableType(t);
        v.pop(tableAddress(t));
        v.push(et);
    }

    /** {@code table.set t}. */
    public void tableSet(int t) {
        ValType et = tableType(t);
        v.pop(et);
        v.pop(tableAddress(t));
    }

    /** {@code table.size t}. */
    public void tableSize(int t) {
        tableType(t);
        v.push(tableAddress(t));
    }

    /** {@code table.grow t}. */
    public void tableGrow(int t) {
        ValType et = tableType(t);
        ValType at = tableAddress(t);
        v.pop(at);
        v.pop(et);
        v.push(at);
    }

    /** {@code table.fill t}. */
    public void tableFill(int t) {
        ValType et = tableType(t);
        ValType at = tableAddress(t);
        v.pop(at);
        v.pop(et);
        v.pop(at);
    }

    /** {@code table.copy dst src}. */
    public void tableCopy(int dst, int src) {
        ValType dt = tableType(dst);
        ValType st = tableType(src);
        if (!st.isSubtypeOf(dt)) throw v.error("type mismatch");
        ValType da = tableAddress(dst), sa = tableAddress(src);
        ValType na = da == I32 ? I32 : sa; // the length: the smaller address type
        v.pop(na);
        v.pop(sa);
        v.pop(da);
    }

    /** {@code table.init s t} (the segment's index read at {@code segAt}). */
    public void tableInit(int s, int t, int segAt) {
        ValType et = tableType(t);
        if (outside(s, m.elems.size())) {
            v.offset = segAt;
            throw v.error("unknown elem segment " + Integer.toUnsignedString(s));
        }
        if (!m.elems.get(s).type().isSubtypeOf(et)) throw v.error("type mismatch");
        v.pop(I32);
        v.pop(I32);
        v.pop(tableAddress(t));
    }

}
