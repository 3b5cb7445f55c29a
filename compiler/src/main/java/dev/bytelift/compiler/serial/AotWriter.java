package dev.bytelift.compiler.serial;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.compiler.load.ModuleImages;
import dev.bytelift.runtime.Engine;
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
        ModuleImages.fill(m, img);
        img.mainClass = mainClass;
        img.classes.addAll(classes.keySet());
        Map<String, Integer> classIndex = new java.util.HashMap<>();
        for (int i = 0; i < img.classes.size(); i++) classIndex.put(img.classes.get(i), i);
        img.typeIds = new int[m.types.size()];
        for (int t = 0; t < m.types.size(); t++) img.typeIds[t] = engine.typeId(m.types.get(t));
        int defined = m.definedFuncCount();
        img.owners = new int[defined];
        img.methods = new String[defined];
        for (int i = 0; i < defined; i++) {
            int f = m.importedFuncs + i;
            Integer owner = classIndex.get(layout.owner(f));
            if (owner == null) throw new IllegalStateException("function class " + layout.owner(f) + " is missing");
            img.owners[i] = owner;
            img.methods[i] = layout.methodName(f);
        }

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
}
