package dev.bytelift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: an unexpected exception on any thread of the CLI, not only the command's own (a WASI
 * stdin pump, a timer), ends the process with one line and {@link RunCommand#INTERNAL_ERROR_EXIT}
 * (once such a failure could leave the process to exit 0). A child JVM runs {@link Main} on a
 * guest that loops forever while another thread of it throws.
 */
class OtherThreadErrorTest {
    /** The child: a thread that throws once Main's handler is in place, then Main itself. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> {
                while (Thread.getDefaultUncaughtExceptionHandler() == null) Thread.onSpinWait();
                throw new IllegalStateException("a bug on another thread");
            }, "helper-thread");
            t.setDaemon(true);
            t.start();
            Main.main(args);
        }
    }

    @Test
    void anExceptionOnAnotherThreadEndsTheProcessWithOneLine(@TempDir Path dir) throws Exception {
        // (module (func (export "spin") (loop (br 0))))
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 's', 'p', 'i', 'n', 0, 0,
            10, 9, 1, 7, 0, 3, 0x40, 0x0C, 0, 0x0B, 0x0B};
        Path file = dir.resolve("spin.wasm");
        Files.write(file, wasm);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                "run", "--timeout", "120s", "--invoke", "spin", file.toString()))
                .redirectOutput(new File(dir.resolve("out.txt").toString()))
                .redirectError(new File(dir.resolve("err.txt").toString()))
                .start();
        assertTrue(p.waitFor(110, TimeUnit.SECONDS), "the child did not end: the spinning guest ran on");
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(RunCommand.INTERNAL_ERROR_EXIT, p.exitValue(), err);
        assertTrue(err.startsWith("error: internal error: java.lang.IllegalStateException: a bug on another thread"), err);
        assertTrue(err.strip().endsWith("in thread helper-thread"), err);
        assertEquals(1, err.lines().count(), err);
    }
}
