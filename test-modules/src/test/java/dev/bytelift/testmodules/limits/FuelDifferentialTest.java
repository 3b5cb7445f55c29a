package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.ValType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuel against the real Wasmtime 49: every export call recorded by
 * {@code test-modules/scripts/fuel-differential-wasmtime.py} (the benchmark kernels' {@code
 * run(1)}, the 2.0 spec suite's modules without imports with the scripts' invocations in order,
 * 300 {@code wasm-opt -ttf} modules, the operand shapes of {@code fuel/differential/shapes.wat})
 * is replayed here, and must consume the fuel Wasmtime consumed,
 * finish with Wasmtime's out-of-fuel point F and run out with F - 1, and give Wasmtime's results
 * or trap.
 *
 * <p>Each call runs on two instances kept in lockstep, so that no call is repeated: instance A
 * gets F fuel, instance B F - 1, both with an {@link Store#onOutOfFuel} callback that notes the
 * exhaustion and refills (without a callback that check would have trapped; after the refill the
 * call goes on exactly as it would have with plenty of fuel, so the states stay equal). A must not
 * run out, B must; the fuel each consumed is what it was given and refilled minus what is left.
 *
 * <p>Differences that are decisions, not bugs, are listed in {@code
 * fuel/differential/expected-differences.txt} (one call per line, with its reason); the list may
 * only shrink: a listed call that agrees fails the test. The reasons:
 * docs/fuel.md has the rules and the differences.
 * <ul>
 *   <li>{@code trap-fuel}: a call that traps (other than running out). Wasmtime keeps its fuel
 *       counter in a register and writes it back only at calls, returns and {@code unreachable},
 *       so after an out-of-bounds access or a division by zero it reports only the fuel written
 *       back before (often 0); Bytelift keeps every unit spent up to the trap. Only the fuel
 *       consumed differs: the out-of-fuel point and the trap are checked as for any call.
 * </ul>
 *
 * <p>{@code -Dbytelift.fuel.config=NAME} runs one configuration only.
 */
class FuelDifferentialTest {
    private static final String DATA = "/fuel/differential/wasmtime-49.txt.gz";
    private static final String EXPECTED = "/fuel/differential/expected-differences.txt";
    /** Added when a store runs out: far more than any recorded call consumes. */
    private static final long REFILL = 1L << 40;

    record Call(int index, String export, String args, long consumed, long outOfFuel, String outcome) {}

    record Recorded(String file, List<Call> calls) {}

    private static List<Recorded> recorded() throws IOException {
        List<Recorded> modules = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(FuelDifferentialTest.class.getResourceAsStream(DATA));
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            Recorded current = null;
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t");
                if (f[0].equals("M")) {
                    current = new Recorded(f[1], new ArrayList<>());
                    modules.add(current);
                } else if (f[0].equals("C")) {
                    String export = URLDecoder.decode(f[1], StandardCharsets.UTF_8);
                    current.calls().add(new Call(current.calls().size(), export, f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5]));
                }
            }
        }
        return modules;
    }

    private static EngineConfig config(String name) {
        // an 8 MiB stack limit, as the bench kernels' engines have: ackermann's recursion with fuel
        // and epochs passes the default 768 KiB of JVM frames, which are larger than Cranelift's
        // (the surefire forks run with -Xss16m); runaway recursion still traps
        EngineConfig.Builder b = EngineConfig.builder().consumeFuel(true).maxWasmStack(8 << 20);
        return switch (name) {
            case "plain" -> b.build();
            case "fuel+epochs" -> b.epochInterruption(true).build();
            case "lazy" -> b.lazyCompilation(true).build();
            case "split" -> b.splitFunctionsOver(0).regionInstructions(8).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Path suiteDir() {
        String p = System.getProperty("bytelift.testsuite");
        if (p == null || p.isEmpty()) p = System.getenv("BYTELIFT_TESTSUITE");
        if (p == null || p.isEmpty()) p = "../../shared/testsuite/json";
        return Path.of(p).toAbsolutePath().normalize();
    }

    private static byte[] bytes(String file) throws IOException {
        String kind = file.substring(0, file.indexOf('/'));
        String name = file.substring(file.indexOf('/') + 1);
        String resource = switch (kind) {
            case "kernel" -> "/dev/bytelift/testmodules/kernels/" + name;
            case "ttf" -> "/fuel/differential/ttf/" + name;
            case "wat" -> "/fuel/differential/" + name;
            default -> null;
        };
        if (resource == null) return Files.readAllBytes(suiteDir().resolve(name));
        try (InputStream in = Objects.requireNonNull(FuelDifferentialTest.class.getResourceAsStream(resource), resource)) {
            return in.readAllBytes();
        }
    }

    /** The expected differences: "FILE INDEX" to "EXPORT REASON". */
    private static Map<String, String> expectedDifferences() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (InputStream in = FuelDifferentialTest.class.getResourceAsStream(EXPECTED)) {
            if (in == null) return expected;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                expected.put(f[0] + "\t" + f[1], f[2] + "\t" + f[3]);
            }
        }
        return expected;
    }

    /** A store running out of fuel notes it and goes on with more. */
    private static final class Side {
        final Store store;
        final Instance instance;
        long refilled;
        boolean ranOut;

        Side(Engine engine, Module module, boolean fuzzImports) {
            store = new Store(engine);
            store.setFuel(REFILL);
            if (engine.config().epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 4);
            store.onOutOfFuel(s -> {
                ranOut = true;
                refilled += REFILL;
                return REFILL;
            });
            Linker linker = new Linker();
            if (fuzzImports) fuzzImports(engine, store, linker);
            instance = linker.instantiate(store, module);
        }

        /** Runs the call with {@code fuel}; returns the outcome and sets ranOut / the fuel consumed. */
        String run(Call c, long fuel, long[] consumed) {
            ranOut = false;
            refilled = 0;
            store.setFuel(fuel);
            Func f = instance.getFunc(c.export());
            FuncType type = f.type();
            String outcome;
            try {
                Object[] results = f.call(args(c.args(), type));
                StringBuilder s = new StringBuilder("ok");
                for (int i = 0; i < type.resultCount(); i++) s.append(' ').append(format(type.result(i), results[i]));
                outcome = s.toString();
            } catch (Trap t) {
                outcome = "trap " + t.code();
            }
            consumed[0] = fuel + refilled - store.getFuel();
            return outcome;
        }
    }

    /** The fuzzing-support imports of the -ttf modules: log-* host functions that do nothing, log-v128 a Wasm function (as recorded). */
    private static void fuzzImports(Engine engine, Store store, Linker linker) {
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64)) {
            linker.defineFunction(store, "fuzzing-support", "log-" + t, FuncType.of(List.of(t), List.of()), (caller, args) -> null);
        }
        Module logV128 = engine.compileText("(module (func (export \"log\") (param v128)))", "log-v128");
        linker.define("fuzzing-support", "log-v128", new Linker().instantiate(store, logV128).getFunc("log"));
    }

    private static Object[] args(String text, FuncType type) {
        if (text.equals("-")) return new Object[0];
        String[] a = text.split(" ");
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            String t = a[i].substring(0, a[i].indexOf(':'));
            String v = a[i].substring(a[i].indexOf(':') + 1);
            out[i] = switch (t) {
                case "i32" -> Integer.parseInt(v);
                case "i64" -> Long.parseLong(v);
                case "f32" -> Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16));
                case "f64" -> Double.longBitsToDouble(Long.parseUnsignedLong(v, 16));
                default -> v.equals("null") ? null : (Object) Integer.valueOf(v); // an externref
            };
        }
        return out;
    }

    /** A value as the recording script writes it. */
    private static String format(ValType t, Object v) {
        return switch (t.kind()) {
            case I32 -> Integer.toString((Integer) v);
            case I64 -> Long.toString((Long) v);
            case F32 -> Float.isNaN((Float) v) ? "nan" : String.format("%08x", Float.floatToRawIntBits((Float) v));
            case F64 -> Double.isNaN((Double) v) ? "nan" : String.format("%016x", Double.doubleToRawLongBits((Double) v));
            default -> v == null ? "null" : "ref";
        };
    }

    /** Whether Bytelift's outcome is Wasmtime's (Bytelift's trap codes are finer for tables and call_indirect). */
    private static boolean same(String ours, String wasmtime) {
        return ours.equals(wasmtime) || switch (wasmtime) {
            case "trap INDIRECT_CALL_TO_NULL" -> ours.equals("trap UNINITIALIZED_ELEMENT");
            case "trap TABLE_OUT_OF_BOUNDS" -> ours.equals("trap UNDEFINED_ELEMENT");
            default -> false;
        };
    }

    private static boolean kernelsIn(String configName) {
        return configName.equals("plain") || configName.equals("fuel+epochs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "fuel+epochs", "lazy", "split"})
    void fuelEqualsWasmtimes(String configName) throws IOException {
        String only = System.getProperty("bytelift.fuel.config");
        Assumptions.assumeTrue(only == null || only.equals(configName), "only " + only);
        Assumptions.assumeTrue(Files.isDirectory(suiteDir()) || "true".equals(System.getenv("CI")), "spec test suite not found");
        Engine engine = new Engine(config(configName));
        Map<String, String> expected = expectedDifferences();
        Map<String, String> differences = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int modules = 0, calls = 0, equal = 0;
        long started = System.nanoTime();
        Map<String, Long> millisByKind = new TreeMap<>();
        for (Recorded m : recorded()) {
            // the kernels (a few seconds each time) in plain and fuel+epochs only: pieces of 8
            // instructions take minutes (split kernels: SplitFunctionFuelTest), lazy is their same code
            if (m.file().startsWith("kernel/") && !kernelsIn(configName)) continue;
            long moduleStart = System.nanoTime();
            Module module = m.file().endsWith(".wat") ? engine.compileText(bytes(m.file()), m.file()) : engine.compile(bytes(m.file()));
            boolean fuzz = m.file().startsWith("ttf/");
            Side a = new Side(engine, module, fuzz);
            Side b = new Side(engine, module, fuzz);
            modules++;
            for (Call c : m.calls()) {
                calls++;
                String what = m.file() + " #" + c.index() + " " + c.export() + "(" + c.args() + ")";
                long[] consumedA = new long[1], consumedB = new long[1]; // (A's: what F less what is left)
                String outcomeA = a.run(c, c.outOfFuel(), consumedA);
                String outcomeB = b.run(c, c.outOfFuel() - 1, consumedB);
                if (!same(outcomeA, c.outcome()) || !same(outcomeB, c.outcome())) {
                    failures.add(what + ": " + outcomeA + " / " + outcomeB + ", Wasmtime " + c.outcome());
                    continue;
                }
                if (a.ranOut) failures.add(what + ": ran out with F = " + c.outOfFuel() + " (Wasmtime's out-of-fuel point)");
                if (!b.ranOut) failures.add(what + ": finished with F - 1 = " + (c.outOfFuel() - 1) + " (Wasmtime runs out)");
                // B's count is exact (it was refilled); A's store saturates at 0 left, as Wasmtime's does
                long consumed = consumedB[0];
                if (a.store.getFuel() != Math.max(0, c.outOfFuel() - consumed)) {
                    failures.add(what + ": " + a.store.getFuel() + " left of F, consumed " + consumed + " with F - 1");
                }
                if (consumed != c.consumed()) {
                    String reason = c.outcome().startsWith("trap ") && consumed > c.consumed() ? "trap-fuel" : "unexplained";
                    differences.put(m.file() + "\t" + c.index(), c.export() + "\t" + reason);
                    if (reason.equals("unexplained")) failures.add(what + ": consumed " + consumed + ", Wasmtime " + c.consumed());
                } else if (!a.ranOut && b.ranOut) {
                    equal++;
                }
            }
            millisByKind.merge(m.file().substring(0, m.file().indexOf('/')), (System.nanoTime() - moduleStart) / 1_000_000, Long::sum);
        }
        System.out.printf("[fuel-differential] %s: %d modules, %d calls, %d equal, %d documented differences (%d ms; by kind %s)%n",
                configName, modules, calls, equal, differences.size(), (System.nanoTime() - started) / 1_000_000, millisByKind);
        // all of this configuration's differences, in the list's form (to update the list deliberately)
        Path out = Path.of("target", "fuel-differences-" + configName.replace('+', '-') + ".txt");
        Files.createDirectories(out.getParent());
        StringBuilder lines = new StringBuilder();
        for (var d : differences.entrySet()) lines.append(d.getKey()).append('\t').append(d.getValue()).append('\n');
        Files.writeString(out, lines);
        for (var d : differences.entrySet()) {
            if (!d.getValue().endsWith("unexplained") && !d.getValue().equals(expected.get(d.getKey()))) {
                failures.add("not in " + EXPECTED + ": " + d.getKey() + "\t" + d.getValue());
            }
        }
        for (var e : expected.entrySet()) {
            if (!differences.containsKey(e.getKey()) && !(!kernelsIn(configName) && e.getKey().startsWith("kernel/"))) {
                failures.add("listed in " + EXPECTED + " but equal now (remove the line): " + e.getKey() + "\t" + e.getValue());
            }
        }
        Files.writeString(Path.of("target", "fuel-failures-" + configName.replace('+', '-') + ".txt"), String.join("\n", failures) + "\n");
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences from Wasmtime 49 (" + configName + "):\n" + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        }
        assertTrue(calls > 0);
        assertEquals(calls, equal + differences.size());
    }
}
