package dev.bytelift.testmodules.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.bytelift.wast} works on the module path: it reads scripts with the compiler's
 * text-format package, which the compiler exports to it alone, and a wrong descriptor goes
 * unnoticed on the class path the other tests use. A small program module that requires only
 * {@code dev.bytelift.wast} parses and runs a script (a text module, a binary one, a quoted one)
 * in a child JVM.
 */
class WastModulePathTest {
    @TempDir
    Path tmp;

    private static final String PROGRAM = """
            package dev.bytelift.wasttest;

            import dev.bytelift.runtime.Engine;
            import dev.bytelift.wast.CommandResult;
            import dev.bytelift.wast.ScriptParser;
            import dev.bytelift.wast.ScriptRunner;

            public class Main {
                public static void main(String[] args) {
                    String script = \"""
                            (module (func (export "f") (result i32) (i32.const 7)))
                            (assert_return (invoke "f") (i32.const 7))
                            (module binary "\\\\00asm\\\\01\\\\00\\\\00\\\\00")
                            (module quote "(func (export \\\\"g\\\\"))")
                            (assert_return (invoke "g"))
                            \""";
                    for (CommandResult r : ScriptRunner.runAll(new Engine(), ScriptParser.parse(script, "t.wast"))) {
                        System.out.println(r.line() + " " + r.kind() + " " + r.status() + " " + r.message());
                    }
                }
            }
            """;

    @Test
    void scriptsRunOnTheModulePath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        for (Class<?> c : List.of(dev.bytelift.runtime.Engine.class, dev.bytelift.compiler.ByteliftCompiler.class,
                dev.bytelift.trampolines.TrampolineFactory.class, dev.bytelift.wast.ScriptRunner.class,
                org.objectweb.asm.ClassVisitor.class)) {
            modulePath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        String mp = String.join(File.pathSeparator, modulePath);
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("dev/bytelift/wasttest"));
        Files.writeString(src.resolve("module-info.java"), "module dev.bytelift.wasttest { requires dev.bytelift.wast; }\n");
        Files.writeString(src.resolve("dev/bytelift/wasttest/Main.java"), PROGRAM);
        Path classes = tmp.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "--module-path", mp,
                "-d", classes.toString(), src.resolve("module-info.java").toString(), src.resolve("dev/bytelift/wasttest/Main.java").toString()),
                "the test program does not compile against the module path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", mp + File.pathSeparator + classes, "-m", "dev.bytelift.wasttest/dev.bytelift.wasttest.Main")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the program did not end");
        assertEquals(0, p.exitValue(), output);
        assertEquals("""
                1 module PASSED\s
                2 assert_return PASSED\s
                3 module PASSED\s
                4 module PASSED\s
                5 assert_return PASSED\s
                """, output.replace("\r\n", "\n"));
    }
}
