package dev.bytelift.testmodules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential testing against V8: modules that {@code wasm-opt -ttf} made from random bytes, with
 * what Node printed for them (both committed; {@code test-modules/src/fuzz/gen.sh} regenerates
 * them; {@code -Dbytelift.fuzz.dir=DIR} runs a directory of them instead). Each module runs as {@code run.mjs} runs it in Node, in three engine configurations (plain;
 * fuel and epochs on, with fuel and a deadline never reached; every function split into small
 * pieces), and must print the same lines: every logged value, every result and every trap.
 */
class DifferentialTest {
    private static final long PLENTY = Long.MAX_VALUE / 4;

    static Stream<Arguments> modules() throws IOException, URISyntaxException {
        // -Dbytelift.fuzz.dir=DIR runs the modules gen.sh wrote there instead (for longer campaigns)
        String override = System.getProperty("bytelift.fuzz.dir");
        Path dir = override != null ? Path.of(override)
                : Path.of(Objects.requireNonNull(DifferentialTest.class.getResource("/dev/bytelift/testmodules/fuzz")).toURI());
        List<Path> wasm;
        try (Stream<Path> s = Files.list(dir)) {
            wasm = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertFalse(wasm.isEmpty(), "no modules in " + dir);
        List<Arguments> cases = new ArrayList<>();
        for (Path p : wasm) {
            for (String config : List.of("plain", "fuel+epochs", "split")) cases.add(Arguments.of(p.getFileName().toString(), config, p));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modules")
    void printsWhatV8Prints(String name, String config, Path wasm) throws IOException {
        String expectedFile = wasm.toString().replaceFirst("\\.wasm$", ".expected");
        List<String> expected = Files.readAllLines(Path.of(expectedFile), StandardCharsets.UTF_8);
        List<String> actual = run(Files.readAllBytes(wasm), config);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static List<String> run(byte[] bytes, String config) {
        EngineConfig.Builder b = EngineConfig.builder();
        switch (config) {
            case "fuel+epochs" -> b.consumeFuel(true).epochInterruption(true);
            case "split" -> b.splitFunctionsOver(0).regionInstructions(8);
            default -> {}
        }
        Engine engine = new Engine(b.build());
        Module module = engine.compile(bytes);
        Store store = new Store(engine);
        if (config.equals("fuel+epochs")) {
            store.setFuel(PLENTY);
            store.setEpochDeadline(PLENTY);
        }
        List<String> out = new ArrayList<>();
        Linker linker = new Linker();
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128)) {
            String log = "log-" + t;
            linker.defineFunction(store, "fuzzing-support", log, FuncType.of(List.of(t), List.of()), (caller, args) -> {
                out.add("log " + format(t, args[0]));
                return null;
            });
        }
        Instance instance;
        try {
            instance = linker.instantiate(store, module);
        } catch (Trap t) {
            out.add("instantiate trap");
            return out;
        }
        Func reset = instance.getExport("hangLimitInitializer") instanceof Func f ? f : null;
        for (ExportType e : module.exports()) {
            if (!(e.type() instanceof FuncType type) || e.name().equals("hangLimitInitializer")) continue;
            if (type.params().contains(ValType.V128) || type.results().contains(ValType.V128)) continue; // (as in run.mjs)
            if (reset != null) reset.call();
            out.add("call " + e.name());
            Object[] args = new Object[type.paramCount()];
            for (int i = 0; i < args.length; i++) args[i] = zero(type.param(i));
            try {
                Object[] results = instance.getFunc(e.name()).call(args);
                StringBuilder line = new StringBuilder("result");
                for (int i = 0; i < type.resultCount(); i++) line.append(' ').append(format(type.results().get(i), results[i]));
                out.add(line.toString());
            } catch (Trap t) {
                out.add("trap");
            }
        }
        return out;
    }

    private static Object zero(ValType t) {
        return switch (t.kind()) {
            case I32 -> 0;
            case I64 -> 0L;
            case F32 -> 0f;
            case F64 -> 0d;
            default -> null;
        };
    }

    /**
     * A v128's 64-bit half as run.mjs prints it: "nan nan" if it is an f64 NaN, else its two i32
     * lanes in hex, an f32 NaN lane as "nan" (NaN payloads may differ between engines).
     */
    private static String half(long h) {
        if (Double.isNaN(Double.longBitsToDouble(h))) return "nan nan";
        StringBuilder s = new StringBuilder();
        for (int lane : new int[] {(int) h, (int) (h >>> 32)}) {
            if (s.length() > 0) s.append(' ');
            s.append(Float.isNaN(Float.intBitsToFloat(lane)) ? "nan" : String.format("%08x", lane));
        }
        return s.toString();
    }

    /** As run.mjs prints a value: integers signed, floats as their bits in hex (NaN as "nan"), a v128 as four i32 lanes. */
    private static String format(ValType t, Object v) {
        return switch (t.kind()) {
            case I32 -> "i32 " + v;
            case I64 -> "i64 " + v;
            case F32 -> Float.isNaN((Float) v) ? "f32 nan" : String.format("f32 %08x", Float.floatToRawIntBits((Float) v));
            case F64 -> Double.isNaN((Double) v) ? "f64 nan" : String.format("f64 %016x", Double.doubleToRawLongBits((Double) v));
            case V128 -> "v128 " + half(((V128) v).lo()) + " " + half(((V128) v).hi());
            default -> t + (v == null ? " null" : " ref");
        };
    }
}
