package dev.bytelift.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the official WebAssembly SIMD tests ({@code simd_*.json}, converted by wast2json) against
 * the SIMD methods: every {@code assert_return} / {@code action} / out-of-bounds
 * {@code assert_trap} whose function {@link MiniWasm} can interpret (straight-line bodies of
 * locals, constants and SIMD instructions) is executed through {@link SimdTable} and its results
 * compared bit for bit (NaN expectations per the testsuite's canonical/arithmetic rules).
 *
 * <p>Skipped (with an assumption) when the testsuite is not at {@code /work/shared/testsuite/json}
 * (or the directory named by the system property {@code bytelift.testsuite.json}).
 */
class SimdSpecTest {

    private static final Path DIR = Path.of(System.getProperty("bytelift.testsuite.json", "/work/shared/testsuite/json"));

    /** How many checked commands exercised each SIMD sub-opcode, over all files. */
    private static final Map<Integer, Integer> EXERCISED = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> simdTestsuite() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "testsuite not found at " + DIR);
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.getFileName().toString().matches("simd_.*\\.json")).sorted().collect(Collectors.toList());
        }
        Assumptions.assumeFalse(files.isEmpty(), "no simd_*.json in " + DIR);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> runScript(f)));
        }
        tests.add(DynamicTest.dynamicTest("every SIMD instruction exercised", () -> {
            Set<Integer> missing = new TreeSet<>(SimdSignatures.ALL.keySet());
            missing.remove(SimdTable.V128_CONST);
            missing.removeAll(EXERCISED.keySet());
            List<String> names = missing.stream().map(SimdTable::instructionName).collect(Collectors.toList());
            assertTrue(missing.isEmpty(), "not exercised by the testsuite: " + names);
        }));
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void runScript(Path json) throws IOException {
        Map<String, Object> script = (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        List<Map<String, Object>> commands = (List<Map<String, Object>>) script.get("commands");
        MiniWasm current = null;
        Map<String, MiniWasm> named = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int checked = 0, skipped = 0;
        Set<String> reasons = new TreeSet<>();
        for (Map<String, Object> cmd : commands) {
            String type = (String) cmd.get("type");
            Object line = cmd.get("line");
            switch (type) {
                case "module": {
                    try {
                        current = new MiniWasm(Files.readAllBytes(DIR.resolve((String) cmd.get("filename"))));
                    } catch (MiniWasm.Unsupported e) {
                        current = null;
                    }
                    if (cmd.get("name") != null && current != null) {
                        named.put((String) cmd.get("name"), current);
                    }
                    break;
                }
                case "assert_return":
                case "action":
                case "assert_trap": {
                    Map<String, Object> action = (Map<String, Object>) cmd.get("action");
                    MiniWasm m = action.get("module") != null ? named.get((String) action.get("module")) : current;
                    if (m == null || m.tainted || !"invoke".equals(action.get("type"))) {
                        skipped++;
                        break;
                    }
                    String field = (String) action.get("field");
                    Set<Integer> used;
                    try {
                        used = m.check(field);
                    } catch (MiniWasm.Unsupported e) {
                        skipped++;
                        reasons.add(e.getMessage());
                        if (m.memory != null) {
                            m.tainted = true; // it may have changed memory we can no longer track
                        }
                        break;
                    }
                    List<Object> args = new ArrayList<>();
                    for (Object a : (List<Object>) action.get("args")) {
                        args.add(value((Map<String, Object>) a));
                    }
                    String where = json.getFileName() + ":" + line + " " + field + " " + action.get("args");
                    if (type.equals("assert_trap")) {
                        if (!"out of bounds memory access".equals(cmd.get("text"))) {
                            skipped++;
                            break;
                        }
                        try {
                            m.invoke(field, args);
                            failures.add(where + ": expected out of bounds trap, returned normally");
                        } catch (IndexOutOfBoundsException expected) {
                            // ok
                        } catch (RuntimeException e) {
                            failures.add(where + ": expected IndexOutOfBoundsException, got " + e);
                        }
                    } else {
                        List<Object> results;
                        try {
                            results = m.invoke(field, args);
                        } catch (RuntimeException e) {
                            failures.add(where + ": threw " + e);
                            break;
                        }
                        if (type.equals("assert_return")) {
                            List<Object> expected = (List<Object>) cmd.get("expected");
                            String problem = compare(expected, results);
                            if (problem != null) {
                                failures.add(where + ": " + problem);
                            }
                        }
                    }
                    checked++;
                    for (int op : used) {
                        EXERCISED.merge(op, 1, Integer::sum);
                    }
                    break;
                }
                default:
                    break;
            }
        }
        System.out.println(json.getFileName() + ": " + checked + " checked, " + skipped + " skipped, "
                + failures.size() + " failed" + (reasons.isEmpty() ? "" : " (unsupported: " + reasons + ")"));
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures, e.g.:\n" + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        }
    }

    // ------------------------------------------------------------------ values

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> v) {
        String type = (String) v.get("type");
        switch (type) {
            case "i32": return Integer.parseUnsignedInt((String) v.get("value"));
            case "i64": return Long.parseUnsignedLong((String) v.get("value"));
            case "f32": return Float.intBitsToFloat(Integer.parseUnsignedInt((String) v.get("value")));
            case "f64": return Double.longBitsToDouble(Long.parseUnsignedLong((String) v.get("value")));
            case "v128": {
                List<String> lanes = (List<String>) v.get("value");
                int bits = 128 / lanes.size();
                long[] r = new long[2];
                for (int k = 0; k < lanes.size(); k++) {
                    long x = Long.parseUnsignedLong(lanes.get(k));
                    int bit = k * bits;
                    long mask = bits == 64 ? -1L : (1L << bits) - 1;
                    r[bit / 64] |= (x & mask) << (bit % 64);
                }
                return r;
            }
            default: throw new MiniWasm.Unsupported("value type " + type);
        }
    }

    /** Null when {@code actual} matches, else a description of the mismatch. */
    @SuppressWarnings("unchecked")
    private static String compare(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " results, got " + actual.size();
        }
        for (int k = 0; k < expected.size(); k++) {
            Map<String, Object> e = (Map<String, Object>) expected.get(k);
            Object a = actual.get(k);
            String type = (String) e.get("type");
            String problem;
            switch (type) {
                case "i32":
                    problem = Integer.parseUnsignedInt((String) e.get("value")) == (Integer) a ? null : "i32 " + a;
                    break;
                case "i64":
                    problem = Long.parseUnsignedLong((String) e.get("value")) == (Long) a ? null : "i64 " + a;
                    break;
                case "f32":
                    problem = lane(32, (String) e.get("value"), Float.floatToRawIntBits((Float) a) & 0xFFFFFFFFL)
                            ? null : "f32 bits " + Integer.toHexString(Float.floatToRawIntBits((Float) a));
                    break;
                case "f64":
                    problem = lane(64, (String) e.get("value"), Double.doubleToRawLongBits((Double) a))
                            ? null : "f64 bits " + Long.toHexString(Double.doubleToRawLongBits((Double) a));
                    break;
                case "v128": {
                    List<String> lanes = (List<String>) e.get("value");
                    long[] v = (long[]) a;
                    int bits = 128 / lanes.size();
                    problem = null;
                    for (int l = 0; l < lanes.size(); l++) {
                        int bit = l * bits;
                        long mask = bits == 64 ? -1L : (1L << bits) - 1;
                        long got = (v[bit / 64] >>> (bit % 64)) & mask;
                        String want = lanes.get(l);
                        boolean isFloat = e.get("lane_type").toString().startsWith("f");
                        boolean ok = isFloat ? lane(bits, want, got) : Long.parseUnsignedLong(want) == got;
                        if (!ok) {
                            problem = "v128 " + e.get("lane_type") + " lane " + l + ": expected " + want + ", got "
                                    + Long.toUnsignedString(got) + " (0x" + Long.toHexString(got) + "); result "
                                    + String.format("%016x_%016x", v[1], v[0]) + " expected " + lanes;
                            break;
                        }
                    }
                    break;
                }
                default:
                    return "unsupported result type " + type;
            }
            if (problem != null) {
                return "result " + k + ": " + problem;
            }
        }
        return null;
    }

    /** Float lane check: exact bits, or one of the testsuite's NaN classes. */
    private static boolean lane(int bits, String want, long got) {
        if (bits == 32) {
            int g = (int) got;
            switch (want) {
                case "nan:canonical": return (g & 0x7FFFFFFF) == 0x7FC00000;
                case "nan:arithmetic": return (g & 0x7FC00000) == 0x7FC00000;
                default: return Integer.parseUnsignedInt(want) == g;
            }
        }
        switch (want) {
            case "nan:canonical": return (got & Long.MAX_VALUE) == 0x7FF8000000000000L;
            case "nan:arithmetic": return (got & 0x7FF8000000000000L) == 0x7FF8000000000000L;
            default: return Long.parseUnsignedLong(want) == got;
        }
    }
}
