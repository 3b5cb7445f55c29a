package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * Issue 20: wide labels and deep operand stacks against Wasmtime. Modules whose {@code br},
 * {@code br_if}, {@code br_table}, {@code return}, loop and {@code if} parameters and block results
 * carry hundreds to a thousand values (over up to thousands kept under them, and through calls of
 * hundreds of results), and the shapes the skimmer once missed (many calls of 900 results, nested
 * ifs of 990 parameters, nested blocks of 900 results), with the results Wasmtime 49 computed for
 * their exports; both made by {@code test-modules/src/widelabels/gen.py} and committed. Every
 * export, in four engine configurations (plain; fuel and epochs; every function split finely;
 * both; pieces of about 100 JVM instructions), on a 1 MiB thread stack, must give Wasmtime's results bit for bit.
 */
class WideLabelsTest {
    private static final String DIR = "/widelabels/";
    /** A directory of modules and expected.txt.gz made by gen.py --out DIR instead of the committed ones. */
    private static final String DIR_OVERRIDE = System.getProperty("bytelift.widelabels.dir");

    /** One recorded call: module, export, arguments and the results as "type:value" strings. */
    private record Call(String module, String export, int k, long x, String results) {}

    @Test
    void wideLabelsGiveWasmtimesResultsInEveryConfiguration() {
        Map<String, List<Call>> byModule = new LinkedHashMap<>();
        for (String line : lines("expected.txt.gz")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] halves = line.split(" -> ", 2);
            String[] f = halves[0].split(" ");
            byModule.computeIfAbsent(f[0], m -> new ArrayList<>())
                    .add(new Call(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), halves[1]));
        }
        assertTrue(byModule.size() >= (DIR_OVERRIDE == null ? 9 : 1), byModule.keySet().toString());
        int calls = 0;
        for (Map.Entry<String, List<Call>> e : byModule.entrySet()) {
            byte[] wasm = bytes(e.getKey() + ".wasm.gz");
            for (String config : new String[] {"plain", "fuel-epochs", "split", "split-fuel-epochs"}) {
                Engine engine = new Engine(config(config));
                Module module = engine.compile(wasm);
                Store store = new Store(engine);
                if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 4);
                if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
                Instance instance = new Linker().instantiate(store, module);
                for (Call c : e.getValue()) {
                    Func f = instance.getFunc(c.export());
                    Object[] args = f.type().paramCount() == 2 ? new Object[] {c.k(), c.x()} : new Object[] {c.k()};
                    String where = c.module() + " " + c.export() + "(" + c.k() + ", " + c.x() + ") in " + config;
                    assertEquals(c.results(), format(callOnSmallStack(f, args, where)), where);
                    calls++;
                }
            }
        }
        System.out.println("[wide-labels] " + byModule.size() + " modules, " + calls + " calls compared with Wasmtime's results");
    }

    private static EngineConfig config(String name) {
        EngineConfig.Builder b = EngineConfig.builder();
        if (name.contains("fuel")) b.consumeFuel(true).epochInterruption(true);
        // pieces of about 100 JVM instructions: finer ones make a chain of ordinary pieces as deep as
        // the function is long when the operand stack holds more than the scratch's 16 slots at
        // every split point (its functions of 300 values, not deep-stack mode), which a 1 MiB stack
        // does not hold; deep-stack functions form a shallow tree of pieces at any size
        if (name.startsWith("split")) b.splitFunctionsOver(0).regionInstructions(100);
        return b.build();
    }

    /** The results as gen.py writes them: i32:N, i64:N, f64:BITS (16 hex digits). */
    private static String format(Object[] results) {
        StringBuilder s = new StringBuilder();
        for (Object r : results) {
            if (s.length() > 0) s.append(' ');
            if (r instanceof Integer i) s.append("i32:").append(i);
            else if (r instanceof Long l) s.append("i64:").append(l);
            else if (r instanceof Double d) s.append("f64:").append(String.format("%016x", Double.doubleToRawLongBits(d)));
            else s.append(r);
        }
        return s.toString();
    }

    /** Calls on a thread of 1 MiB of stack: deep operand stacks must not need a deep JVM stack. */
    private static Object[] callOnSmallStack(Func f, Object[] args, String where) {
        AtomicReference<Object[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(f.call(args));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "wide-labels", 1 << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure.get() != null) throw new AssertionError(where + " failed", failure.get());
        return result.get();
    }

    private static byte[] bytes(String name) {
        try (InputStream in = new GZIPInputStream(resource(name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource(name)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        if (DIR_OVERRIDE != null) {
            try {
                return java.nio.file.Files.newInputStream(java.nio.file.Path.of(DIR_OVERRIDE, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        InputStream in = WideLabelsTest.class.getResourceAsStream(DIR + name);
        if (in == null) throw new AssertionError("missing test resource " + DIR + name + " (test-modules/src/widelabels/gen.py writes it)");
        return in;
    }
}
