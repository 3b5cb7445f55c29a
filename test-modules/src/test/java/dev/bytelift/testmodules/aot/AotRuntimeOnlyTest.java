package dev.bytelift.testmodules.aot;

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
import dev.bytelift.runtime.Engine;
import dev.bytelift.testmodules.TestModules;

/**
 * Ahead-of-time jars need only the runtime: three modules compiled here to jars are run in a child
 * JVM whose class path holds the runtime, WASI and a small program (src/test/resources/aot), and
 * neither the compiler, the trampolines nor ASM. It calls exports, traps with backtraces, links
 * boxed host functions (the runtime's method-handle trampolines), loads a module by name from a
 * class loader, and runs a WASI program.
 */
class AotRuntimeOnlyTest {
    @TempDir
    Path tmp;

    private String jar(String resource, String name) throws Exception {
        Path jar = tmp.resolve(name + ".jar");
        new Engine().compile(TestModules.load(resource), name + ".wasm").writeAheadOfTimeJar(jar, name);
        return jar.toString();
    }

    @Test
    void aJarRunsWithTheRuntimeOnly() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(dev.bytelift.runtime.Engine.class, dev.bytelift.wasi.Wasi.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        String cp = String.join(File.pathSeparator, classPath);
        Path classes = tmp.resolve("program");
        Path source = Path.of(AotRuntimeOnlyTest.class.getResource("/aot/dev/bytelift/aottest/Main.java").toURI());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-cp", cp, "-d", classes.toString(), source.toString()),
                "the program does not compile against the runtime and WASI alone");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp + File.pathSeparator + classes, "dev.bytelift.aottest.Main"));
        command.add(jar("wat/trap_codes.wasm", "trap_codes"));
        command.add(jar("wat/host_calls.wasm", "host_calls"));
        command.add(jar("wasi/hello.wasm", "hello"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the program did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("absent: org.objectweb.asm.ClassVisitor"), output);
        assertTrue(output.contains("backtrace: i32.div_s"), output);
        assertTrue(output.contains("host calls: 10"), output);
        assertTrue(output.contains("WASI stdout: Hello from WebAssembly!"), output);
        assertTrue(output.contains("argv[1] = aot"), output);
        assertTrue(output.endsWith("OK\n") || output.endsWith("OK\r\n"), output);
    }
}
