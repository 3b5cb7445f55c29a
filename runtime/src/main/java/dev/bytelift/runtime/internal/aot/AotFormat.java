package dev.bytelift.runtime.internal.aot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.EngineConfig;
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

/**
 * The metadata file of an ahead-of-time module ({@code META-INF/bytelift/aot/NAME.blaot} next to
 * its classes).
 *
 * <pre>
 * header:  magic "\0BLAOT\r\n" (8 bytes), format version (u16), content length (u64), CRC-32C of
 *          the content (u32)
 * content: Bytelift version, runtime build ({@link AotKey#runtimeBuild}), configuration hash,
 *          the operator list the cost digest used, then the {@link AotImage}
 * </pre>
 *
 * Reading checks every length, count and index, so that damaged or crafted bytes give a
 * {@link DeserializeException}, never a JVM error; the classes are then verified by the JVM.
 */
public final class AotFormat {
    private AotFormat() {}

    static final byte[] MAGIC = {0, 'B', 'L', 'A', 'O', 'T', '\r', '\n'};
    static final int FORMAT_VERSION = 1;
    static final dev.bytelift.runtime.internal.CheckedContainer CONTAINER = new dev.bytelift.runtime.internal.CheckedContainer(
            MAGIC, FORMAT_VERSION, "ahead-of-time module metadata", "ahead-of-time module",
            "not the metadata of an ahead-of-time Bytelift module (wrong magic)", "bytes");
    /** Where a module's metadata is, by name, in a jar or on a class path. */
    public static final String RESOURCE_PREFIX = "META-INF/bytelift/aot/";
    public static final String RESOURCE_SUFFIX = ".blaot";

    /** The metadata of {@code image}, compiled for {@code config}; {@code operators} as {@link AotKey#configuration}. */
    public static byte[] write(AotImage image, EngineConfig config, int[][] operators) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            string(out, AotKey.VERSION);
            string(out, AotKey.runtimeBuild());
            string(out, AotKey.configurationHash(config, operators));
            out.writeInt(operators.length);
            for (int[] op : operators) {
                out.writeInt(op[0]);
                out.writeInt(op[1]);
            }
            image(out, image);
            out.flush();
            return CONTAINER.wrap(body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    private static void image(DataOutputStream out, AotImage m) throws IOException {
        nullableString(out, m.moduleName);
        string(out, m.mainClass);
        out.writeInt(m.classes.size());
        for (String c : m.classes) string(out, c);
        out.writeInt(m.types.size());
        for (FuncType t : m.types) funcType(out, t);
        for (int id : m.typeIds) out.writeInt(id);
        out.writeInt(m.importedFuncs);
        out.writeInt(m.importedTables);
        out.writeInt(m.importedMemories);
        out.writeInt(m.importedGlobals);
        out.writeInt(m.importedTags);
        out.writeInt(m.funcTypes.length);
        for (int t : m.funcTypes) out.writeInt(t);
        out.writeInt(m.imports.size());
        for (ImportType i : m.imports) {
            string(out, i.module());
            string(out, i.name());
            externType(out, i.type(), m);
        }
        out.writeInt(m.tables.size());
        for (TableType t : m.tables) tableType(out, t, m);
        out.writeInt(m.memories.size());
        for (MemoryType t : m.memories) memoryType(out, t);
        out.writeInt(m.globals.size());
        for (GlobalType g : m.globals) globalType(out, g, m);
        for (InitExpr c : m.tableInits) nullableConst(out, c);
        for (InitExpr c : m.globalInits) constant(out, c);
        out.writeInt(m.tagTypes.length);
        for (int t : m.tagTypes) out.writeInt(t);
        out.writeInt(m.exports.size());
        for (AotImage.Export e : m.exports) {
            string(out, e.name());
            out.writeByte(e.kind());
            out.writeInt(e.index());
        }
        out.writeInt(m.elems.size());
        for (AotImage.Elem e : m.elems) {
            out.writeByte(e.mode());
            out.writeInt(e.table());
            nullableConst(out, e.offset());
            out.writeInt(e.items().length);
            for (InitExpr c : e.items()) constant(out, c);
        }
        out.writeInt(m.datas.size());
        for (AotImage.Data d : m.datas) {
            out.writeByte(d.mode());
            out.writeInt(d.memory());
            nullableConst(out, d.offset());
            bytes(out, d.bytes());
        }
        out.writeInt(m.start);
        out.writeInt(m.tailArgSlots);
        for (int i = 0; i < m.owners.length; i++) {
            out.writeInt(m.owners[i]);
            string(out, m.methods[i]);
            out.writeInt(m.bodyStarts[i]);
        }
        out.writeInt(m.funcNames.size());
        for (var e : new java.util.TreeMap<>(m.funcNames).entrySet()) {
            out.writeInt(e.getKey());
            string(out, e.getValue());
        }
    }

    /** An abstract value type is its one-byte code; a reference type otherwise 0x63/0x64 and its heap type. */
    private static void valType(DataOutputStream out, ValType t, AotImage m) throws IOException {
        if (!t.isReference() || (ValType.fromCode(t.code()) == t)) {
            out.writeByte(t.code());
            return;
        }
        out.writeByte(t.isNullable() ? 0x63 : 0x64);
        HeapType h = t.heapType();
        if (h.isConcrete()) {
            out.writeByte(0);
            funcType(out, h.funcType());
        } else {
            out.writeByte(ValType.ref(true, h).code());
        }
    }

    private static void funcType(DataOutputStream out, FuncType t) throws IOException {
        out.writeInt(t.paramCount());
        for (ValType v : t.params()) valType(out, v, null);
        out.writeInt(t.resultCount());
        for (ValType v : t.results()) valType(out, v, null);
    }

    private static void limits(DataOutputStream out, Limits l) throws IOException {
        out.writeLong(l.min());
        out.writeLong(l.max());
    }

    private static void tableType(DataOutputStream out, TableType t, AotImage m) throws IOException {
        valType(out, t.elementType(), m);
        limits(out, t.limits());
        valType(out, t.addressType(), m);
    }

    private static void memoryType(DataOutputStream out, MemoryType t) throws IOException {
        limits(out, t.limits());
        valType(out, t.addressType(), null);
    }

    private static void globalType(DataOutputStream out, GlobalType g, AotImage m) throws IOException {
        valType(out, g.valType(), m);
        out.writeBoolean(g.mutable());
    }

    private static void externType(DataOutputStream out, ExternType t, AotImage m) throws IOException {
        if (t instanceof FuncType f) {
            out.writeByte(0);
            funcType(out, f);
        } else if (t instanceof TableType tt) {
            out.writeByte(1);
            tableType(out, tt, m);
        } else if (t instanceof MemoryType mt) {
            out.writeByte(2);
            memoryType(out, mt);
        } else if (t instanceof GlobalType g) {
            out.writeByte(3);
            globalType(out, g, m);
        } else {
            out.writeByte(4);
            funcType(out, ((TagType) t).type());
        }
    }

    private static void nullableConst(DataOutputStream out, InitExpr c) throws IOException {
        out.writeBoolean(c != null);
        if (c != null) constant(out, c);
    }

    private static void constant(DataOutputStream out, InitExpr c) throws IOException {
        out.writeByte(c.op());
        if (c.op() == InitExpr.SEQUENCE) {
            out.writeInt(c.code().length);
            for (InitExpr e : c.code()) constant(out, e);
            return;
        }
        out.writeLong(c.bits());
        out.writeLong(c.bitsHi());
        out.writeInt(c.index());
    }

    private static void nullableString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) string(out, s);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    // ---- reading ----

    /**
     * The image in {@code b}, checked against this runtime's build and {@code config}.
     *
     * @throws DeserializeException if the bytes are not such metadata, are damaged, or are for another
     *     build of Bytelift or another configuration
     */
    public static AotImage read(byte[] b, EngineConfig config) {
        AotReader in = content(b);
        String version = in.string(), build = in.string(), configHash = in.string();
        if (!version.equals(AotKey.VERSION) || !build.equals(AotKey.runtimeBuild())) {
            throw new DeserializeException(Reason.OTHER_VERSION, "the ahead-of-time module was compiled for another build of the Bytelift runtime ("
                    + version + ", build " + build + "; this is " + AotKey.VERSION + ", build " + AotKey.runtimeBuild() + "): compile it again");
        }
        int n = in.count(8);
        int[][] operators = new int[n][];
        for (int i = 0; i < n; i++) operators[i] = new int[] {in.i32(), in.i32()};
        if (!configHash.equals(AotKey.configurationHash(config, operators))) {
            throw new DeserializeException(Reason.OTHER_CONFIGURATION, "the ahead-of-time module was compiled for another engine configuration "
                    + "(settings that change the generated code differ: features, fuel, operator costs, epochs, stack limit or splitting): "
                    + "compile it again with this engine's settings");
        }
        try {
            AotImage m = new AotReader.ImageReader(in).read();
            if (!in.atEnd()) throw AotReader.corrupted("bytes after the end");
            return m;
        } catch (IllegalArgumentException | NullPointerException | IndexOutOfBoundsException e) {
            // a type or limits the API types reject, or an index out of range: damage
            throw AotReader.corrupted(e.toString());
        }
    }

    private static AotReader content(byte[] b) {
        return new AotReader(b, CONTAINER.open(b));
    }
}
