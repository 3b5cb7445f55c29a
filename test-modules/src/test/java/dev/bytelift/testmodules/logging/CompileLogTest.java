package dev.bytelift.testmodules.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.testmodules.TestModules;

/**
 * With {@code -Dbytelift.compileLog=true} the compiler reports each module it compiles at INFO on
 * the System.Logger "dev.bytelift.compiler"; without it, nothing (and no logging framework start).
 */
class CompileLogTest {
    @Test
    void eachCompiledModuleIsOneLineWithItsStatisticsWhenAskedFor() {
        Logger jul = Logger.getLogger("dev.bytelift.compiler");
        List<String> lines = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) {
                lines.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Level saved = jul.getLevel();
        jul.setLevel(Level.FINE);
        jul.addHandler(h);
        byte[] wasm = TestModules.load("kernels/fib.wasm");
        try {
            new Engine().compile(wasm); // not asked for: no line
            System.setProperty("bytelift.compileLog", "true");
            new Engine().compile(wasm);
        } finally {
            System.clearProperty("bytelift.compileLog");
            jul.removeHandler(h);
            jul.setLevel(saved);
        }
        // (other threads of the test JVM may compile too: only this module's lines count)
        lines.removeIf(l -> !l.startsWith("compiled " + wasm.length + " bytes:"));
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.matches("compiled \\d+ bytes: \\d+ functions \\(\\d+ bytes of code, \\d+ imported\\), \\d+ classes of \\d+ bytes, "
                + "1 thread in \\d+\\.\\d ms"), line);
    }
}
