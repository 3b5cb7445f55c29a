package dev.bytelift.compiler.serial;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.internal.TailCalls;
import dev.bytelift.runtime.internal.aot.AotConst;
import dev.bytelift.runtime.internal.aot.AotFormat;
import dev.bytelift.runtime.internal.aot.AotImage;
import dev.bytelift.runtime.internal.aot.AotLoader;

/**
 * A compiled module as ahead-of-time files ({@code Module.aheadOfTime}): every class file, renamed
 * to {@code dev/bytelift/generated/aot/NAME_DIGEST...} (names unique per module and configuration,
 * so that backtraces find the module by class name even with several on one class path), and the
 * metadata the runtime instantiates from ({@link AotImage}, written by {@link AotFormat}).
 */
public final class AotWriter {
    private AotWriter() {}

    /** The package of ahead-of-time classes. */
    static final String PACKAGE = "dev/bytelift/generated/aot/";

    /** The files of module {@code m} compiled by {@code engine} to {@code code}, called {@code name}. */
    public static Map<String, byte[]> write(Engine engine, ModuleInfo m, ModuleSerializer.Code code, String name) {
        var d = CodeKey.sha256();
        d.update(m.bytes);
        d.update(CodeKey.of(engine).getBytes(StandardCharsets.UTF_8));
        d.update(name.getBytes(StandardCharsets.UTF_8));
        String mainClass = PACKAGE + javaName(name) + "_" + HexFormat.of().formatHex(d.digest(), 0, 8);
        ModuleLayout layout = new ModuleLayout(m, engine, mainClass, code.codeBytesPerClass(), code.functionsPerClass());
        ClassRenamer renamer = new ClassRenamer(code.className(), mainClass);

        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put(mainClass, null); // first
        for (var c : code.classes().entrySet()) classes.put(renamer.rename(c.getKey()), renamer.rename(c.getValue()));
        if (classes.get(mainClass) == null) throw new IllegalStateException("the module's main class is missing");

        AotImage img = new AotImage();
        img.moduleName = m.moduleName;
        img.mainClass = mainClass;
        img.classes.addAll(classes.keySet());
        Map<String, Integer> classIndex = new java.util.HashMap<>();
        for (int i = 0; i < img.classes.size(); i++) classIndex.put(img.classes.get(i), i);
        img.types.addAll(m.types);
        img.typeIds = new int[m.types.size()];
        for (int t = 0; t < m.types.size(); t++) img.typeIds[t] = engine.typeId(m.types.get(t));
        img.funcTypes = new int[m.funcCount()];
        for (int f = 0; f < img.funcTypes.length; f++) img.funcTypes[f] = m.funcTypes.get(f);
        img.imports.addAll(m.imports);
        img.importedFuncs = m.importedFuncs;
        img.importedTables = m.importedTables;
        img.importedMemories = m.importedMemories;
        img.importedGlobals = m.importedGlobals;
        img.importedTags = m.importedTags;
        img.tables.addAll(m.tables);
        for (ConstExpr e : m.tableInits) img.tableInits.add(e == null ? null : constant(e));
        img.memories.addAll(m.memories);
        img.globals.addAll(m.globals);
        for (ConstExpr e : m.globalInits) img.globalInits.add(constant(e));
        img.tagTypes = m.tagTypes.stream().mapToInt(Integer::intValue).toArray();
        for (ModuleInfo.Export e : m.exports) img.exports.add(new AotImage.Export(e.name(), e.kind(), e.index()));
        for (ModuleInfo.ElemSegment s : m.elems) {
            AotConst[] items = new AotConst[s.items().size()];
            for (int k = 0; k < items.length; k++) items[k] = constant(s.items().get(k));
            img.elems.add(new AotImage.Elem(s.mode(), s.table(), s.offset() == null ? null : constant(s.offset()), items));
        }
        for (ModuleInfo.DataSegment s : m.datas) {
            img.datas.add(new AotImage.Data(s.mode(), s.memory(), s.offset() == null ? null : constant(s.offset()), s.bytes()));
        }
        img.start = m.start;
        if (!m.tailCallers.isEmpty()) {
            for (FuncType t : m.types) img.tailArgSlots = Math.max(img.tailArgSlots, TailCalls.argSlots(t));
        }
        int defined = m.definedFuncCount();
        img.owners = new int[defined];
        img.methods = new String[defined];
        img.bodyStarts = new int[defined];
        for (int i = 0; i < defined; i++) {
            int f = m.importedFuncs + i;
            Integer owner = classIndex.get(layout.owner(f));
            if (owner == null) throw new IllegalStateException("function class " + layout.owner(f) + " is missing");
            img.owners[i] = owner;
            img.methods[i] = layout.methodName(f);
            img.bodyStarts[i] = m.bodies.get(i).start();
        }
        img.funcNames = new java.util.HashMap<>(m.funcNames);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(AotLoader.resource(name), AotFormat.write(img, engine.config(), CodeKey.operators()));
        for (var c : classes.entrySet()) files.put(c.getKey() + ".class", c.getValue());
        return files;
    }

    /** {@code name} as a Java identifier's characters. */
    private static String javaName(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 48; i++) {
            char c = name.charAt(i);
            sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) sb.insert(0, 'M');
        return sb.toString();
    }

    private static AotConst constant(ConstExpr e) {
        if (e.code() != null) {
            List<ConstExpr> ops = e.code();
            AotConst[] code = new AotConst[ops.size()];
            for (int i = 0; i < code.length; i++) code[i] = constant(ops.get(i));
            return new AotConst(AotConst.SEQUENCE, 0, 0, 0, code);
        }
        int op = switch (e.op()) {
            case I32_CONST -> AotConst.I32;
            case I64_CONST -> AotConst.I64;
            case F32_CONST -> AotConst.F32;
            case F64_CONST -> AotConst.F64;
            case V128_CONST -> AotConst.V128_CONST;
            case REF_NULL -> AotConst.REF_NULL;
            case REF_FUNC -> AotConst.REF_FUNC;
            case GLOBAL_GET -> AotConst.GLOBAL_GET;
            case I32_ADD -> AotConst.I32_ADD;
            case I32_SUB -> AotConst.I32_SUB;
            case I32_MUL -> AotConst.I32_MUL;
            case I64_ADD -> AotConst.I64_ADD;
            case I64_SUB -> AotConst.I64_SUB;
            case I64_MUL -> AotConst.I64_MUL;
            default -> throw new IllegalStateException("not a constant operator: " + e.op());
        };
        return new AotConst(op, e.bits(), e.bitsHi(), e.index(), null);
    }
}
