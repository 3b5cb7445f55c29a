package dev.bytelift.runtime.internal.aot;

import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.ExternType;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.TagType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.InitExpr;

/** Reads {@link AotFormat}'s content, every length, count and index checked against what is there. */
final class AotReader {
    private final byte[] b;
    private int p;

    AotReader(byte[] b, int p) {
        this.b = b;
        this.p = p;
    }

    static DeserializeException corrupted(String what) {
        return AotFormat.CONTAINER.corrupted(what);
    }

    int u8() {
        if (p >= b.length) throw corrupted("ends early");
        return b[p++] & 0xFF;
    }

    int i32() {
        if (b.length - p < 4) throw corrupted("ends early");
        int v = (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
        p += 4;
        return v;
    }

    long i64() {
        return (long) i32() << 32 | (i32() & 0xFFFFFFFFL);
    }

    /** A count of items at least {@code minBytes} long each. */
    int count(int minBytes) {
        int n = i32();
        if (n < 0 || (long) n * minBytes > b.length - p) throw corrupted("a count is " + n);
        return n;
    }

    /** An index below {@code bound}. */
    int index(int bound) {
        int i = i32();
        if (i < 0 || i >= bound) throw corrupted("an index is " + i + " (of " + bound + ")");
        return i;
    }

    boolean bool() {
        return u8() != 0;
    }

    byte[] bytes() {
        int n = i32();
        if (n < 0 || n > b.length - p) throw corrupted("a length is " + n);
        byte[] r = java.util.Arrays.copyOfRange(b, p, p + n);
        p += n;
        return r;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    boolean atEnd() {
        return p == b.length;
    }

    /** The image after the header's keys, each index checked against the space it indexes. */
    static final class ImageReader {
        private final AotReader in;
        private final AotImage m = new AotImage();
        /** Nesting of concrete heap types being read (a crafted file could nest without end). */
        private int typeDepth;

        ImageReader(AotReader in) {
            this.in = in;
        }

        AotImage read() {
            m.moduleName = in.bool() ? in.string() : null;
            m.mainClass = in.string();
            int classes = in.count(4);
            for (int i = 0; i < classes; i++) m.classes.add(in.string());
            if (classes == 0 || !m.classes.get(0).equals(m.mainClass)) throw corrupted("the main class is not the first");
            for (String c : m.classes) {
                if (!c.startsWith("dev/bytelift/generated/") || c.contains(".") || c.contains("..")) throw corrupted("class " + c + " is not a generated class");
            }
            int types = in.count(8);
            for (int i = 0; i < types; i++) m.types.add(funcType());
            m.typeIds = new int[types];
            for (int i = 0; i < types; i++) m.typeIds[i] = in.i32();
            m.importedFuncs = in.i32();
            m.importedTables = in.i32();
            m.importedMemories = in.i32();
            m.importedGlobals = in.i32();
            m.importedTags = in.i32();
            int funcs = in.count(4);
            m.funcTypes = new int[funcs];
            for (int i = 0; i < funcs; i++) m.funcTypes[i] = in.index(types);
            int imports = in.count(9);
            int[] kinds = new int[5];
            for (int i = 0; i < imports; i++) {
                String module = in.string(), name = in.string();
                ExternType t = externType();
                kinds[kindOf(t)]++;
                m.imports.add(new ImportType(module, name, t));
            }
            int tables = in.count(17);
            for (int i = 0; i < tables; i++) m.tables.add(tableType());
            int memories = in.count(17);
            for (int i = 0; i < memories; i++) m.memories.add(new MemoryType(limits(), valType()));
            int globals = in.count(2);
            for (int i = 0; i < globals; i++) m.globals.add(new GlobalType(valType(), in.bool()));
            if (m.importedGlobals < 0 || m.importedGlobals > globals) throw corrupted("imported globals");
            if (m.importedTables < 0 || m.importedTables > tables) throw corrupted("imported tables");
            for (int i = m.importedTables; i < tables; i++) m.tableInits.add(in.bool() ? constant(Integer.MAX_VALUE) : null);
            // an initialiser reads imported or earlier globals only
            for (int g = m.importedGlobals; g < globals; g++) m.globalInits.add(constant(g));
            int tags = in.count(4);
            m.tagTypes = new int[tags];
            for (int i = 0; i < tags; i++) m.tagTypes[i] = in.index(types);
            if (m.importedFuncs != kinds[0] || m.importedTables != kinds[1] || m.importedMemories != kinds[2]
                    || m.importedGlobals != kinds[3] || m.importedTags != kinds[4] || m.importedFuncs > funcs || m.importedMemories > memories
                    || m.importedTags > tags) {
                throw corrupted("the imports do not match the index spaces");
            }
            int exports = in.count(9);
            for (int i = 0; i < exports; i++) {
                String name = in.string();
                int kind = in.u8();
                if (kind > 4) throw corrupted("export kind " + kind);
                m.exports.add(new AotImage.Export(name, kind, in.index(m.count(kind))));
            }
            int elems = in.count(10);
            for (int i = 0; i < elems; i++) {
                int mode = in.u8();
                if (mode > 2) throw corrupted("element segment mode " + mode);
                int table = mode == 0 ? in.index(tables) : in.i32();
                InitExpr offset = in.bool() ? constant(Integer.MAX_VALUE) : null;
                if (mode == 0 && offset == null) throw corrupted("an active segment without an offset");
                int n = in.count(1);
                InitExpr[] items = new InitExpr[n];
                for (int k = 0; k < n; k++) items[k] = constant(Integer.MAX_VALUE);
                m.elems.add(new AotImage.Elem(mode, table, offset, items));
            }
            int datas = in.count(10);
            for (int i = 0; i < datas; i++) {
                int mode = in.u8();
                if (mode > 1) throw corrupted("data segment mode " + mode);
                int memory = mode == 0 ? in.index(memories) : in.i32();
                InitExpr offset = in.bool() ? constant(Integer.MAX_VALUE) : null;
                if (mode == 0 && offset == null) throw corrupted("an active segment without an offset");
                m.datas.add(new AotImage.Data(mode, memory, offset, in.bytes()));
            }
            m.start = in.i32();
            if (m.start < -1 || m.start >= funcs) throw corrupted("start function " + m.start);
            m.tailArgSlots = in.i32();
            if (m.tailArgSlots < 0 || m.tailArgSlots > 1024) throw corrupted("tail call slots " + m.tailArgSlots);
            int defined = funcs - m.importedFuncs;
            m.owners = new int[defined];
            m.methods = new String[defined];
            m.bodyStarts = new int[defined];
            for (int i = 0; i < defined; i++) {
                m.owners[i] = in.index(classes);
                m.methods[i] = in.string();
                m.bodyStarts[i] = in.i32();
            }
            int names = in.count(8);
            for (int i = 0; i < names; i++) m.funcNames.put(in.index(funcs), in.string());
            return m;
        }

        private static int kindOf(ExternType t) {
            if (t instanceof FuncType) return 0;
            if (t instanceof TableType) return 1;
            if (t instanceof MemoryType) return 2;
            if (t instanceof GlobalType) return 3;
            return 4;
        }

        private ValType valType() {
            int code = in.u8();
            if (code == 0x63 || code == 0x64) {
                int heap = in.u8();
                HeapType h;
                if (heap == 0) {
                    h = HeapType.of(funcType());
                } else {
                    ValType abs = ValType.fromCode(heap);
                    if (abs == null || !abs.isReference()) throw corrupted("heap type " + heap);
                    h = abs.heapType();
                }
                return ValType.ref(code == 0x63, h);
            }
            ValType t = ValType.fromCode(code);
            if (t == null) throw corrupted("value type " + code);
            return t;
        }

        private FuncType funcType() {
            if (++typeDepth > 100) throw corrupted("types nest too deep");
            int n = in.count(1);
            ValType[] params = new ValType[n];
            for (int i = 0; i < n; i++) params[i] = valType();
            int r = in.count(1);
            ValType[] results = new ValType[r];
            for (int i = 0; i < r; i++) results[i] = valType();
            typeDepth--;
            return new FuncType(params, results);
        }

        private Limits limits() {
            return new Limits(in.i64(), in.i64());
        }

        private TableType tableType() {
            ValType element = valType();
            Limits l = limits();
            return new TableType(element, l, valType());
        }

        private ExternType externType() {
            return switch (in.u8()) {
                case 0 -> funcType();
                case 1 -> tableType();
                case 2 -> new MemoryType(limits(), valType());
                case 3 -> new GlobalType(valType(), in.bool());
                case 4 -> new TagType(funcType());
                default -> throw corrupted("an import kind");
            };
        }

        /**
         * A constant expression whose {@code global.get}s read globals below {@code globals}
         * (and below the number of globals) and whose {@code ref.func}s name functions of the module;
         * a sequence must leave exactly one i32 or i64 value.
         */
        private InitExpr constant(int globals) {
            int op = in.u8();
            if (op == InitExpr.SEQUENCE) {
                int n = in.count(1);
                if (n < 2) throw corrupted("a constant sequence of " + n);
                InitExpr[] code = new InitExpr[n];
                int height = 0;
                for (int i = 0; i < n; i++) {
                    InitExpr e = single(in.u8(), globals);
                    switch (e.op()) {
                        case InitExpr.I32, InitExpr.I64 -> height++;
                        case InitExpr.GLOBAL_GET -> {
                            ValType t = m.globals.get(e.index()).valType();
                            if (t != ValType.I32 && t != ValType.I64) throw corrupted("a constant sequence reads a " + t + " global");
                            height++;
                        }
                        case InitExpr.I32_ADD, InitExpr.I32_SUB, InitExpr.I32_MUL, InitExpr.I64_ADD, InitExpr.I64_SUB, InitExpr.I64_MUL -> {
                            if (height < 2) throw corrupted("a constant sequence underflows");
                            height--;
                        }
                        default -> throw corrupted("operator " + e.op() + " in a constant sequence");
                    }
                    code[i] = e;
                }
                if (height != 1 || code[n - 1].op() < InitExpr.I32_ADD) throw corrupted("a constant sequence leaves " + height + " values");
                return new InitExpr(op, 0, 0, 0, code);
            }
            return single(op, globals);
        }

        private InitExpr single(int op, int globals) {
            if (op > InitExpr.LAST || op == InitExpr.SEQUENCE) throw corrupted("constant operator " + op);
            long bits = in.i64(), hi = in.i64();
            int index = in.i32();
            if (op == InitExpr.GLOBAL_GET && (index < 0 || index >= Math.min(globals, m.globals.size()))) throw corrupted("global.get " + index);
            if (op == InitExpr.REF_FUNC && (index < 0 || index >= m.funcTypes.length)) throw corrupted("ref.func " + index);
            return new InitExpr(op, bits, hi, index, null);
        }
    }
}
