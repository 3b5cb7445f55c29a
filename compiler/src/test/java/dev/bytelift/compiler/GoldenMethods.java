package dev.bytelift.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import dev.bytelift.runtime.Engine;

/** Every method generated for the golden modules in every {@link GoldenConfig}, for checks over all generated code. */
final class GoldenMethods {
    private GoldenMethods() {}

    /** A generated method and where it comes from ("MODULE CONFIG METHOD"). */
    record Generated(String where, MethodNode method) {}

    static List<Generated> all() throws IOException {
        List<Path> modules;
        try (Stream<Path> files = Files.list(GoldenBytecodeTest.GOLDEN)) {
            modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        List<Generated> out = new ArrayList<>();
        for (Path module : modules) {
            byte[] wasm = Files.readAllBytes(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                for (byte[] bytes : ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm, GoldenBytecodeTest.CLASS_NAME).values()) {
                    ClassNode c = new ClassNode();
                    new ClassReader(bytes).accept(c, 0);
                    for (MethodNode m : c.methods) out.add(new Generated(module.getFileName() + " " + config.dirName + " " + m.name, m));
                }
            }
        }
        return out;
    }
}
