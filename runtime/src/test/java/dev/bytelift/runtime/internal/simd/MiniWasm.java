package dev.bytelift.runtime.internal.simd;

import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.Scratch;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Just enough of a WebAssembly module reader and interpreter to run the testsuite's SIMD test
 * functions against the runtime's SIMD methods: straight-line bodies made of {@code local.*}, {@code global.*},
 * constants, {@code drop}, {@code nop}, {@code select}, MVP loads/stores and {@code 0xFD} instructions, which are executed by
 * calling the method {@link SimdTable} maps them to, with the ABI's argument layout. Functions
 * using anything else (control flow, calls, scalar arithmetic, ...) are reported as unsupported
 * and skipped by the caller.
 *
 * <p>Values: {@code Integer} (i32), {@code Long} (i64), {@code Float}, {@code Double},
 * {@code long[2]} (v128: lo, hi).
 */
final class MiniWasm {

    /** Thrown when a module or function uses something this interpreter does not implement. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private record FuncType(List<Integer> params, List<Integer> results) {}

    private record Body(int typeIndex, List<Integer> localTypes, int start, int end) {}

    private final byte[] bin;
    private int pos;
    private final List<FuncType> types = new ArrayList<>();
    private final List<Integer> funcTypes = new ArrayList<>(); // all functions, imports first
    private int importedFuncs;
    private final List<Body> bodies = new ArrayList<>();
    private final Map<String, Integer> exports = new HashMap<>();
    private final List<Object> globals = new ArrayList<>();
    byte[] memory;
    /** Set when the module's initial state could not be reproduced (e.g. a data segment at a global offset). */
    boolean tainted;

    final Scratch scratch = new Scratch();

    MiniWasm(byte[] bin) {
        this.bin = bin;
        parse();
    }

    // ------------------------------------------------------------------ binary reading

    private int u8() {
        return bin[pos++] & 0xFF;
    }

    private long uleb() {
        long r = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            r |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return r;
            }
        }
    }

    private int u32() {
        return (int) uleb();
    }

    private long sleb() {
        long r = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            r |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            r |= -1L << shift;
        }
        return r;
    }

    private long fixed(int n) {
        long r = 0;
        for (int k = 0; k < n; k++) {
            r |= (long) u8() << (8 * k);
        }
        return r;
    }

    private String name() {
        int n = u32();
        String s = new String(bin, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private long[] limits() {
        int flag = u8();
        long min = uleb();
        long max = (flag & 1) != 0 ? uleb() : -1;
        return new long[] {min, max};
    }

    /** A constant initializer expression, or null when it is not a plain constant. */
    private Object constExpr() {
        int op = u8();
        Object v;
        switch (op) {
            case 0x41: v = (int) sleb(); break;
            case 0x42: v = sleb(); break;
            case 0x43: v = Float.intBitsToFloat((int) fixed(4)); break;
            case 0x44: v = Double.longBitsToDouble(fixed(8)); break;
            case 0xFD:
                if (u32() != SimdTable.V128_CONST) {
                    throw new Unsupported("constant expression");
                }
                v = new long[] {fixed(8), fixed(8)};
                break;
            default:
                throw new Unsupported("constant expression 0x" + Integer.toHexString(op));
        }
        if (u8() != 0x0B) {
            throw new Unsupported("constant expression");
        }
        return v;
    }

    private void parse() {
        if (bin.length < 8 || bin[0] != 0 || bin[1] != 'a' || bin[2] != 's' || bin[3] != 'm') {
            throw new IllegalArgumentException("not a wasm module");
        }
        pos = 8;
        List<byte[]> data = new ArrayList<>();
        List<Integer> dataOffsets = new ArrayList<>();
        while (pos < bin.length) {
            int id = u8();
            int size = u32();
            int end = pos + size;
            switch (id) {
                case 1: { // types
                    int n = u32();
                    for (int k = 0; k < n; k++) {
                        if (u8() != 0x60) {
                            throw new Unsupported("non-function type");
                        }
                        List<Integer> p = new ArrayList<>(), r = new ArrayList<>();
                        for (int c = u32(); c > 0; c--) {
                            p.add(u8());
                        }
                        for (int c = u32(); c > 0; c--) {
                            r.add(u8());
                        }
                        types.add(new FuncType(p, r));
                    }
                    break;
                }
                case 2: { // imports
                    int n = u32();
                    for (int k = 0; k < n; k++) {
                        name();
                        name();
                        int kind = u8();
                        switch (kind) {
                            case 0: funcTypes.add(u32()); importedFuncs++; break;
                            case 1: u8(); limits(); break;
                            case 2: memory = new byte[(int) limits()[0] * 65536]; break;
                            case 3: u8(); u8(); globals.add(null); break; // imported: unknown value
                            default: throw new Unsupported("import kind " + kind);
                        }
                    }
                    break;
                }
                case 3: { // functions
                    for (int n = u32(); n > 0; n--) {
                        funcTypes.add(u32());
                    }
                    break;
                }
                case 5: { // memory
                    if (u32() > 0) {
                        memory = new byte[(int) limits()[0] * 65536];
                    }
                    break;
                }
                case 6: { // globals
                    for (int n = u32(); n > 0; n--) {
                        u8(); // type
                        u8(); // mutability
                        globals.add(constExpr());
                    }
                    break;
                }
                case 7: { // exports
                    for (int n = u32(); n > 0; n--) {
                        String nm = name();
                        int kind = u8();
                        int idx = u32();
                        if (kind == 0) {
                            exports.put(nm, idx);
                        }
                    }
                    break;
                }
                case 10: { // code
                    int n = u32();
                    for (int k = 0; k < n; k++) {
                        int sz = u32();
                        int bodyEnd = pos + sz;
                        int typeIndex = funcTypes.get(importedFuncs + k);
                        List<Integer> locals = new ArrayList<>(types.get(typeIndex).params());
                        for (int g = u32(); g > 0; g--) {
                            int cnt = u32();
                            int t = u8();
                            for (int c = 0; c < cnt; c++) {
                                locals.add(t);
                            }
                        }
                        bodies.add(new Body(typeIndex, locals, pos, bodyEnd));
                        pos = bodyEnd;
                    }
                    break;
                }
                case 11: { // data
                    for (int n = u32(); n > 0; n--) {
                        int flag = u32();
                        Integer offset = null;
                        if (flag == 0 || flag == 2) {
                            if (flag == 2) {
                                u32();
                            }
                            int op = u8();
                            if (op == 0x41) {
                                offset = (int) sleb();
                            } else {
                                tainted = true;
                                while (u8() != 0x0B) {
                                    // skip a global.get operand (single-byte index in these tests)
                                }
                                pos--;
                            }
                            if (u8() != 0x0B) {
                                throw new Unsupported("data offset expression");
                            }
                        }
                        int len = u32();
                        byte[] bytes = Arrays.copyOfRange(bin, pos, pos + len);
                        pos += len;
                        if (offset != null) {
                            data.add(bytes);
                            dataOffsets.add(offset);
                        }
                    }
                    break;
                }
                default:
                    break;
            }
            pos = end;
        }
        for (int k = 0; k < data.size(); k++) {
            System.arraycopy(data.get(k), 0, memory, dataOffsets.get(k), data.get(k).length);
        }
    }

    // ------------------------------------------------------------------ execution

    boolean hasExport(String name) {
        return exports.containsKey(name);
    }

    /** The SIMD sub-opcodes the exported function uses, or throws {@link Unsupported}. */
    Set<Integer> check(String export) {
        Set<Integer> used = new TreeSet<>();
        exec(export, null, used);
        return used;
    }

    /** Runs the exported function; returns its results. */
    List<Object> invoke(String export, List<Object> args) {
        return exec(export, args, new TreeSet<>());
    }

    private List<Object> exec(String export, List<Object> args, Set<Integer> used) {
        Integer fi = exports.get(export);
        if (fi == null) {
            throw new IllegalArgumentException("no export " + export);
        }
        if (fi < importedFuncs) {
            throw new Unsupported("imported function");
        }
        Body body = bodies.get(fi - importedFuncs);
        FuncType type = types.get(body.typeIndex());
        boolean run = args != null;
        Object[] locals = new Object[body.localTypes().size()];
        for (int k = 0; k < locals.length; k++) {
            locals[k] = run && k < args.size() ? args.get(k) : zero(body.localTypes().get(k));
        }
        Deque<Object> stack = new ArrayDeque<>();
        pos = body.start();
        while (true) {
            int op = u8();
            switch (op) {
                case 0x01:
                    break;
                case 0x0B: {
                    if (pos != body.end()) {
                        throw new Unsupported("blocks");
                    }
                    if (!run) {
                        return List.of();
                    }
                    Object[] res = new Object[type.results().size()];
                    for (int k = res.length - 1; k >= 0; k--) {
                        res[k] = stack.pop();
                    }
                    return Arrays.asList(res);
                }
                case 0x1A:
                    if (run) {
                        stack.pop();
                    }
                    break;
                case 0x1B:
                    if (run) {
                        int c = (Integer) stack.pop();
                        Object b = stack.pop(), a = stack.pop();
                        stack.push(c != 0 ? a : b);
                    }
                    break;
                case 0x20: {
                    int x = u32();
                    if (run) {
                        stack.push(locals[x]);
                    }
                    break;
                }
                case 0x21: {
                    int x = u32();
                    if (run) {
                        locals[x] = stack.pop();
                    }
                    break;
                }
                case 0x22: {
                    int x = u32();
                    if (run) {
                        locals[x] = stack.peek();
                    }
                    break;
                }
                case 0x23: {
                    int x = u32();
                    Object g = globals.get(x);
                    if (g == null) {
                        throw new Unsupported("imported global");
                    }
                    if (run) {
                        stack.push(g);
                    }
                    break;
                }
                case 0x24: {
                    int x = u32();
                    if (globals.get(x) == null) {
                        throw new Unsupported("imported global");
                    }
                    if (run) {
                        globals.set(x, stack.pop());
                    }
                    break;
                }
                case 0x41: {
                    int v = (int) sleb();
                    if (run) {
                        stack.push(v);
                    }
                    break;
                }
                case 0x42: {
                    long v = sleb();
                    if (run) {
                        stack.push(v);
                    }
                    break;
                }
                case 0x43: {
                    float v = Float.intBitsToFloat((int) fixed(4));
                    if (run) {
                        stack.push(v);
                    }
                    break;
                }
                case 0x44: {
                    double v = Double.longBitsToDouble(fixed(8));
                    if (run) {
                        stack.push(v);
                    }
                    break;
                }
                case 0xFD:
                    simd(u32(), stack, run, used);
                    break;
                default:
                    if (op >= 0x28 && op <= 0x3E) {
                        u32();
                        int offset = (int) uleb();
                        if (run) {
                            scalarMemory(op, offset, stack);
                        }
                        break;
                    }
                    throw new Unsupported("opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    /** The MVP loads and stores, through the runtime's {@link MemoryAccess}. */
    private void scalarMemory(int op, int offset, Deque<Object> stack) {
        byte[] mem = memory;
        if (op >= 0x36) {
            Object v = stack.pop();
            int addr = (Integer) stack.pop();
            switch (op) {
                case 0x36: MemoryAccess.i32Store(addr, (Integer) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x37: MemoryAccess.i64Store(addr, (Long) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x38: MemoryAccess.f32Store(addr, (Float) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x39: MemoryAccess.f64Store(addr, (Double) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x3A: MemoryAccess.i32Store8(addr, (Integer) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x3B: MemoryAccess.i32Store16(addr, (Integer) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x3C: MemoryAccess.i64Store8(addr, (Long) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                case 0x3D: MemoryAccess.i64Store16(addr, (Long) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
                default: MemoryAccess.i64Store32(addr, (Long) v, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            }
            return;
        }
        int addr = (Integer) stack.pop();
        Object r;
        switch (op) {
            case 0x28: r = MemoryAccess.i32Load(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x29: r = MemoryAccess.i64Load(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2A: r = MemoryAccess.f32Load(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2B: r = MemoryAccess.f64Load(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2C: r = MemoryAccess.i32Load8S(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2D: r = MemoryAccess.i32Load8U(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2E: r = MemoryAccess.i32Load16S(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x2F: r = MemoryAccess.i32Load16U(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x30: r = MemoryAccess.i64Load8S(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x31: r = MemoryAccess.i64Load8U(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x32: r = MemoryAccess.i64Load16S(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x33: r = MemoryAccess.i64Load16U(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            case 0x34: r = MemoryAccess.i64Load32S(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
            default: r = MemoryAccess.i64Load32U(addr, mem, mem.length, MemoryAccess.clampOffset(offset)); break;
        }
        stack.push(r);
    }

    private static Object zero(int valType) {
        switch (valType) {
            case 0x7F: return 0;
            case 0x7E: return 0L;
            case 0x7D: return 0f;
            case 0x7C: return 0d;
            case 0x7B: return new long[2];
            default: throw new Unsupported("local type 0x" + Integer.toHexString(valType));
        }
    }

    private void simd(int sub, Deque<Object> stack, boolean run, Set<Integer> used) {
        SimdSignatures.Sig sig = SimdSignatures.ALL.get(sub);
        if (sig == null) {
            throw new IllegalStateException("unknown SIMD opcode 0x" + Integer.toHexString(sub));
        }
        if (sub == SimdTable.V128_CONST) {
            long lo = fixed(8), hi = fixed(8);
            if (run) {
                stack.push(new long[] {lo, hi});
            }
            return;
        }
        used.add(sub);
        int offset = 0, lane = 0;
        long maskLo = 0, maskHi = 0;
        if (sig.hasMemarg()) {
            u32(); // alignment
            offset = (int) uleb();
        }
        if (sig.hasLane()) {
            lane = u8();
        }
        if (sig.immediates().equals("shuffle")) {
            maskLo = fixed(8);
            maskHi = fixed(8);
        }
        if (!run) {
            return;
        }
        Object[] operands = new Object[sig.operands().size()];
        for (int k = operands.length - 1; k >= 0; k--) {
            operands[k] = stack.pop();
        }
        List<Object> args = V.flatten(operands);
        if (sig.hasMemarg()) {
            args.add(memory);
            args.add(memory.length);
            args.add(MemoryAccess.clampOffset(offset));
        }
        if (sig.hasLane()) {
            args.add(lane);
        }
        if (sig.immediates().equals("shuffle")) {
            args.add(maskLo);
            args.add(maskHi);
        }
        if ("v128".equals(sig.result())) {
            args.add(scratch);
        }
        Method m = SimdTable.forOpcode(sub);
        Object r = V.invoke(m, args.toArray());
        if (sig.result() == null) {
            return;
        }
        if (sig.result().equals("v128")) {
            stack.push(new long[] {(Long) r, scratch.v128Hi});
        } else {
            stack.push(r);
        }
    }
}
