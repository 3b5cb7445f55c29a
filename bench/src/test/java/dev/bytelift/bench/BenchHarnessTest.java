package dev.bytelift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast checks of the benchmark harness; the benchmarks themselves run only through bench/run.sh. */
class BenchHarnessTest {

    @Test
    void kernelsAreListedWithChecksums() {
        List<String> names = Kernels.names();
        assertEquals(14, names.size());
        assertTrue(names.contains("branchy"));
        assertEquals(322229922214440L, Kernels.checksum("fib"));
    }

    @Test
    void codeBytesIsTheSumOfFunctionBodies() {
        // (module (func) (func (nop))): two bodies of 2 and 3 bytes
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 4, 1, 0x60, 0, 0,          // type section: one type () -> ()
            3, 3, 2, 0, 0,                // function section: two functions of type 0
            10, 8, 2, 2, 0, 0x0b, 3, 0, 0x01, 0x0b}; // code: {0 locals, end}, {0 locals, nop, end}
        assertEquals(5, Kernels.codeBytes(wasm));
        // branchy's machine function alone is 36,382 bytes
        assertTrue(Kernels.codeBytes(Kernels.wasm("branchy")) > 36_382);
    }

    @Test
    void bothCompilersComputeTheChecksum() {
        for (String rt : List.of(Runtimes.BYTELIFT, Runtimes.CHICORY_COMPILER, Runtimes.BYTELIFT_FUEL, Runtimes.BYTELIFT_EPOCH)) {
            Runtimes.Runtime r = Runtimes.create(rt);
            Kernels.check("fib", rt, r.instantiate(r.compile(Kernels.wasm("fib"))).run(1));
        }
    }

    @Test
    void aWrongChecksumFailsLoudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kernels.check("fib", "x", 42));
        assertTrue(e.getMessage().contains("CHECKSUM MISMATCH"));
    }

    @Test
    void reportPrintsRatiosAndGeomean(@TempDir Path dir) throws Exception {
        String json = "[" + exec("fib", "bytelift", 2.0) + "," + exec("fib", "chicory-compiler", 8.0) + ","
                + exec("sort", "bytelift", 1.0) + "," + exec("sort", "chicory-compiler", 2.0) + ","
                + exec("sort", "chicory-interpreter", 100.0) + "]";
        Path file = dir.resolve("r.json");
        Files.writeString(file, json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("4.00x"), out);        // fib: 8 / 2
        assertTrue(out.contains("2.83x (2)"), out);    // geomean of 4 and 2
        assertTrue(out.contains("100x (1)"), out);     // sort on the interpreter
        assertTrue(out.contains("(skipped)"), out);    // fib on the interpreter
    }

    @Test
    void reportPrintsInstrumentationOverhead(@TempDir Path dir) throws Exception {
        String json = "[" + exec("fib", "bytelift", 2.0) + "," + exec("fib", "bytelift-fuel", 2.2) + ","
                + exec("fib", "bytelift-epoch", 2.0) + "," + exec("sort", "bytelift", 1.0) + ","
                + exec("sort", "bytelift-fuel", 1.21) + "," + exec("sort", "bytelift-epoch", 1.0) + "]";
        Path file = dir.resolve("r.json");
        Files.writeString(file, json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("+21.0%"), out);   // sort with fuel
        assertTrue(out.contains("+15.4%"), out);   // geomean of 1.1 and 1.21 = 1.1537
        assertTrue(out.contains("+0.0%"), out);    // epochs
    }

    @Test
    void epochLatencyIsMeasured() throws Exception {
        EpochLatency.Result r = EpochLatency.measure(5);
        assertEquals(5, r.trials());
        assertTrue(r.median() > 0 && r.median() <= r.max(), r.toString());
    }

    private static String exec(String kernel, String runtime, double ms) {
        return "{\"benchmark\":\"dev.bytelift.bench.ExecutionBench.run\",\"params\":{\"kernel\":\"" + kernel
                + "\",\"runtime\":\"" + runtime + "\"},\"primaryMetric\":{\"score\":" + ms
                + ",\"scoreUnit\":\"ms/op\",\"rawData\":[[" + ms + "," + ms + "]]}}";
    }
}
