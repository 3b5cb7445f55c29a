package dev.bytelift.compiler.serial;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleDecoder;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.compiler.load.CompiledModuleImpl;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.internal.RuntimeAccess;

/**
 * The serialised form of a compiled module ({@code Module.serialize}, {@code Engine.deserializeModule}).
 *
 * <pre>
 * header:  magic "\0BLMOD\r\n" (8 bytes), format version (u16), content length (u64),
 *          CRC-32C of everything after it (u32), Bytelift version, build and configuration
 *          hash (length-prefixed UTF-8, see {@link CodeKey})
 * content: the main class's name when compiled, the layout's code bytes and functions per
 *          class, the module's name, the module binary, each module type's engine type id,
 *          the functions that make tail calls (a bit set as longs), then every class file
 *          (internal name, length, bytes)
 * </pre>
 *
 * The module binary's sections are decoded again when loading, its function bodies only stepped
 * over (what loading needs of them, which functions make tail calls, is stored); the class files
 * are defined as they are (each function class when first used), after {@link ClassRenamer}
 * gives them fresh names.
 */
public final class ModuleSerializer {
    private ModuleSerializer() {}

    /** {@code \0BLMOD\r\n}: a NUL so that it is never text, CR LF to catch line-ending translation. */
    static final byte[] MAGIC = {0, 'B', 'L', 'M', 'O', 'D', '\r', '\n'};
    /** The format's version: changes whenever the layout of the bytes does. */
    static final int FORMAT_VERSION = 2;
    /** Magic, format version, content length, checksum. */
    static final int FIXED_HEADER = MAGIC.length + 2 + 8 + 4;
    static final dev.bytelift.runtime.internal.CheckedContainer CONTAINER = new dev.bytelift.runtime.internal.CheckedContainer(
            MAGIC, FORMAT_VERSION, "serialised module", "serialised module", "not a serialised Bytelift module (wrong magic)",
            "bytes of content");

    /**
     * A module's generated code as serialised: the main class's internal name, the layout it was
     * planned with ({@link ModuleLayout}), and every class file by internal name.
     */
    public record Code(String className, int codeBytesPerClass, int functionsPerClass, Map<String, byte[]> classes) {}

    /** The serialised bytes of module {@code m} (decoded from its binary, named) compiled by {@code engine} to {@code code}. */
    public static byte[] write(Engine engine, ModuleInfo m, Code code) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(estimate(m, code));
            DataOutputStream out = new DataOutputStream(body);
            string(out, CodeKey.VERSION);
            string(out, CodeKey.build());
            string(out, CodeKey.configurationHash(engine.config()));
            string(out, code.className());
            out.writeInt(code.codeBytesPerClass());
            out.writeInt(code.functionsPerClass());
            out.writeBoolean(m.moduleName != null);
            if (m.moduleName != null) string(out, m.moduleName);
            bytes(out, m.bytes);
            out.writeInt(m.types.size());
            for (int t = 0; t < m.types.size(); t++) out.writeInt(engine.typeId(m.types.get(t)));
            long[] tailCallers = m.tailCallers.toLongArray();
            out.writeInt(tailCallers.length);
            for (long w : tailCallers) out.writeLong(w);
            out.writeInt(code.classes().size());
            for (var c : code.classes().entrySet()) {
                string(out, c.getKey());
                bytes(out, c.getValue());
            }
            out.flush();
            return CONTAINER.wrap(body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    private static int estimate(ModuleInfo m, Code code) {
        long n = m.bytes.length + 1024L;
        for (byte[] c : code.classes().values()) n += c.length + 64;
        return (int) Math.min(n, Integer.MAX_VALUE - 64);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * The module {@code serialized} holds, with new names: every class defined (and verified) now,
     * for {@code engine}; throws {@link DeserializeException} for anything that does not fit.
     */
    public static CompiledModuleImpl read(Engine engine, byte[] serialized) {
        return read(engine, ByteBuffer.wrap(serialized), false);
    }

    /**
     * As {@link #read(Engine, byte[])} from a file mapped into memory ({@code Engine.deserializeModule(Path)}):
     * the main class is defined now, each function class read from the mapping, renamed and
     * defined when first used ({@link CompiledModuleImpl#deserialized}). A large module then
     * loads in little more time than checking its checksum and decoding its binary take, and
     * holds no copy of its class files on the heap.
     */
    public static CompiledModuleImpl read(Engine engine, ByteBuffer file) {
        return read(engine, file, true);
    }

    private static CompiledModuleImpl read(Engine engine, ByteBuffer serialized, boolean onFirstUse) {
        long start = System.nanoTime();
        Reader in = content(serialized);
        String version = in.string(), build = in.string(), config = in.string();
        if (!version.equals(CodeKey.VERSION) || !build.equals(CodeKey.build())) {
            throw new DeserializeException(Reason.OTHER_VERSION, "the module was serialised by another build of Bytelift (" + version + ", build "
                    + build + "; this is " + CodeKey.VERSION + ", build " + CodeKey.build() + "): compile it again");
        }
        String expected = CodeKey.configurationHash(engine.config());
        if (!config.equals(expected)) {
            throw new DeserializeException(Reason.OTHER_CONFIGURATION, "the module was serialised for another engine configuration (settings that change "
                    + "the generated code differ: features, fuel, operator costs, epochs, stack limit or splitting): compile it again");
        }
        String oldName = in.string();
        int codeBytesPerClass = in.positive(), functionsPerClass = in.positive();
        String moduleName = in.bool() ? in.string() : null;
        byte[] wasm = in.bytes();
        int types = in.count(4);
        int[] ids = new int[types];
        for (int t = 0; t < types; t++) ids[t] = in.i32();
        long[] tailCallers = new long[in.count(8)];
        for (int w = 0; w < tailCallers.length; w++) tailCallers[w] = in.i64();
        int count = in.count(8);
        Map<String, long[]> stored = new LinkedHashMap<>(); // name -> {offset, length} in serialized
        for (int i = 0; i < count; i++) stored.put(in.string(), in.region());
        if (!in.atEnd()) throw corrupted("bytes after the last class");

        ModuleInfo info;
        try {
            info = ModuleDecoder.decodeCompiled(wasm, new Features(engine.config().features()));
        } catch (CompileException e) {
            throw new DeserializeException(Reason.CORRUPTED, "corrupted serialised module: its WebAssembly binary does not decode: " + e.getMessage(), e);
        }
        info.moduleName = moduleName;
        info.tailCallers.or(java.util.BitSet.valueOf(tailCallers));
        if (info.tailCallers.length() > info.bodies.size()) throw corrupted("tail callers do not match the module's functions");
        if (info.types.size() != types) throw corrupted("type ids do not match the module's types");
        if (!RuntimeAccess.get().reserveTypeIds(engine, info.types, ids)) {
            throw new DeserializeException(Reason.TYPE_ID_CONFLICT, "this engine has given the module's function types other ids than the engine that "
                    + "compiled it (its code has them built in): deserialise it into a new engine, or compile it");
        }
        ModuleLayout layout = new ModuleLayout(info, engine, ModuleLayout.newClassName(), codeBytesPerClass, functionsPerClass);
        ClassRenamer renamer = new ClassRenamer(oldName, layout.className);
        Map<String, long[]> renamed = new LinkedHashMap<>();
        for (var c : stored.entrySet()) renamed.put(renamer.rename(c.getKey()), c.getValue());
        if (!renamed.containsKey(layout.className)) throw corrupted("the main class is missing");
        for (String k : layout.functionClasses) if (!renamed.containsKey(k)) throw corrupted("function class " + k + " is missing");
        CompiledModuleImpl compiled;
        try {
            if (onFirstUse) {
                Map<String, byte[]> main = new LinkedHashMap<>();
                main.put(layout.className, renamer.rename(slice(serialized, renamed.get(layout.className))));
                compiled = CompiledModuleImpl.deserialized(info, layout, main, renamed.keySet(),
                        name -> {
                            long[] at = renamed.get(name);
                            return at == null ? null : renamer.rename(slice(serialized, at));
                        });
            } else {
                Map<String, byte[]> classes = new LinkedHashMap<>();
                for (var c : renamed.entrySet()) classes.put(c.getKey(), renamer.rename(slice(serialized, c.getValue())));
                int threads = engine.config().compileThreads() > 0 ? engine.config().compileThreads()
                        : Runtime.getRuntime().availableProcessors();
                compiled = new CompiledModuleImpl(info, layout, classes, threads);
            }
        } catch (IllegalStateException | LinkageError e) {
            // the classes do not verify or link: a checksum only catches accidents
            throw new DeserializeException(Reason.CORRUPTED, "the serialised module's classes do not load: " + e.getMessage(), e);
        }
        compiled.compileTime(System.nanoTime() - start);
        return compiled;
    }

    /** The bytes at {@code at} = {offset, length} of {@code b} (a copy: the renamer edits it). */
    private static byte[] slice(ByteBuffer b, long[] at) {
        byte[] r = new byte[(int) at[1]];
        b.get((int) at[0], r);
        return r;
    }

    /** Checks the fixed header and the checksum; a reader of the content. */
    private static Reader content(ByteBuffer b) {
        if (b.limit() >= 4 && b.get(0) == 0 && b.get(1) == 'a' && b.get(2) == 's' && b.get(3) == 'm') {
            throw new DeserializeException(Reason.NOT_SERIALIZED, "not a serialised module but a WebAssembly binary: compile it with Engine.compile");
        }
        return new Reader(b, CONTAINER.open(b));
    }

    static DeserializeException corrupted(String what) {
        return CONTAINER.corrupted(what);
    }

    /** Reads the content, every length checked against what is left. */
    private static final class Reader {
        private final ByteBuffer b;
        private final int end;
        private int p;

        Reader(ByteBuffer b, int p) {
            this.b = b;
            this.end = b.limit();
            this.p = p;
        }

        int i32() {
            if (end - p < 4) throw corrupted("ends early");
            int v = b.getInt(p); // big-endian, as DataOutputStream wrote it
            p += 4;
            return v;
        }

        long i64() {
            if (end - p < 8) throw corrupted("ends early");
            long v = b.getLong(p);
            p += 8;
            return v;
        }

        int positive() {
            int v = i32();
            if (v < 1) throw corrupted("a size is " + v);
            return v;
        }

        /** A count of items at least {@code minBytes} long each. */
        int count(int minBytes) {
            int n = i32();
            if (n < 0 || (long) n * minBytes > end - p) throw corrupted("a count is " + n);
            return n;
        }

        boolean bool() {
            if (p >= end) throw corrupted("ends early");
            return b.get(p++) != 0;
        }

        /** A length-prefixed byte string as {offset, length}, skipped. */
        long[] region() {
            int n = i32();
            if (n < 0 || n > end - p) throw corrupted("a length is " + n);
            long[] r = {p, n};
            p += n;
            return r;
        }

        byte[] bytes() {
            return slice(b, region());
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        boolean atEnd() {
            return p == end;
        }
    }
}
