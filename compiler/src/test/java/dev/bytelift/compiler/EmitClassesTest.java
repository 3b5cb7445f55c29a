package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.Engine;

/**
 * The seam the golden tests read generated code through, {@link ByteliftCompiler#emitClasses},
 * must give what {@code Engine.compile} really defines (which also checks that the golden modules'
 * code loads and verifies): the classes the engine dumps, main class renamed, render the same.
 */
class EmitClassesTest {

    @Test
    void emitClassesGivesWhatCompileDefines(@TempDir Path tmp) throws IOException {
        for (Path module : GoldenBytecodeTest.modules()) {
            byte[] wasm = Files.readAllBytes(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                Path dump = tmp.resolve(config.dirName).resolve(GoldenBytecodeTest.name(module));
                new Engine(config.engineConfig().toBuilder().dumpClassesDir(dump.toString()).build()).compile(wasm);
                Map<String, byte[]> compiled = readDump(dump);
                // the dumped classes are numbered ModuleN: name them as the golden text does
                String n = compiled.keySet().iterator().next().replaceFirst("^.*/Module(\\d+).*$", "$1");
                String expected = ClassText.render(compiled).replace("/Module" + n, "/Module0");
                assertEquals(expected, GoldenBytecodeTest.render(wasm, config), module + " " + config.dirName);
            }
        }
    }

    /** The dumped class files, by internal name, in the emitter's order (main class, then Code0, 1...). */
    private static Map<String, byte[]> readDump(Path dir) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted(EmitClassesTest::emitterOrder).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
            }
        }
        return classes;
    }

    private static int emitterOrder(Path a, Path b) {
        // "ModuleN.class" before "ModuleN$Code0.class"; then by name, numbers by value ($More2 before $More10)
        int mainFirst = Boolean.compare(a.toString().contains("$"), b.toString().contains("$"));
        return mainFirst != 0 ? mainFirst : numbersByValue(withoutSuffix(a), withoutSuffix(b));
    }

    private static String withoutSuffix(Path p) {
        String s = p.toString();
        return s.endsWith(".class") ? s.substring(0, s.length() - ".class".length()) : s;
    }

    private static int numbersByValue(String a, String b) {
        java.util.regex.Matcher x = NUMBER_OR_TEXT.matcher(a);
        java.util.regex.Matcher y = NUMBER_OR_TEXT.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group(), q = y.group();
            boolean numbers = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0));
            int c = numbers && p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
            if (c != 0) return c;
        }
        return Integer.compare(a.length(), b.length());
    }

    private static final java.util.regex.Pattern NUMBER_OR_TEXT = java.util.regex.Pattern.compile("\\d+|\\D+");
}
