package dev.bytelift.testmodules.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.DisabledFeatureException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * Every relaxed SIMD instruction gives the result Wasmtime 49 gives in its deterministic mode (the
 * specification's deterministic profile), on edge cases and pseudo-random operands, and costs the
 * same fuel: expected values recorded by {@code test-modules/scripts/relaxed-simd-wasmtime.py}
 * over {@code simd/relaxed.wat}. Bit-exact, except that a NaN lane of a float result only has to
 * be a NaN (the NaN's bits are nondeterministic in WebAssembly, relaxed or not).
 */
class RelaxedSimdTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String resource(String name) throws IOException {
        try (InputStream in = RelaxedSimdTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void resultsAndFuelMatchWasmtimesDeterministicMode() throws IOException {
        String wat = resource("/simd/relaxed.wat");
        List<String> lines = resource("/simd/relaxed-wasmtime.txt").lines().toList();
        assertEquals(800, lines.size(), "20 instructions, 40 calls each");
        EngineConfig[] configs = {
            EngineConfig.builder().consumeFuel(true).build(),
            EngineConfig.builder().consumeFuel(true).epochInterruption(true).splitFunctionsOver(0).regionInstructions(8).build(),
        };
        for (EngineConfig config : configs) {
            Engine engine = new Engine(config);
            Module module = engine.compileText(wat, "relaxed.wat");
            Store store = new Store(engine);
            store.setFuel(1_000_000_000L);
            if (config.epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance instance = new Linker().instantiate(store, module);
            Memory mem = instance.getMemory("mem");
            for (String line : lines) {
                String[] f = line.split(" ");
                mem.write(0, HEX.parseHex(f[1]));
                long before = store.getFuel();
                instance.getFunc(f[0]).call();
                assertEquals(Long.parseLong(f[3]), before - store.getFuel(), "fuel of " + line);
                byte[] expected = HEX.parseHex(f[2]);
                byte[] actual = mem.read(64, 16);
                assertResult(f[0], expected, actual, line);
            }
        }
    }

    private static void assertResult(String op, byte[] expected, byte[] actual, String what) {
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        if (op.startsWith("f32x4.")) {
            for (int i = 0; i < 16; i += 4) {
                float x = e.getFloat(i);
                if (Float.isNaN(x)) assertTrue(Float.isNaN(a.getFloat(i)), "NaN lane " + i / 4 + " of " + what);
                else assertEquals(e.getInt(i), a.getInt(i), "lane " + i / 4 + " of " + what + ": got " + HEX.formatHex(actual));
            }
        } else if (op.startsWith("f64x2.")) {
            for (int i = 0; i < 16; i += 8) {
                double x = e.getDouble(i);
                if (Double.isNaN(x)) assertTrue(Double.isNaN(a.getDouble(i)), "NaN lane " + i / 8 + " of " + what);
                else assertEquals(e.getLong(i), a.getLong(i), "lane " + i / 8 + " of " + what + ": got " + HEX.formatHex(actual));
            }
        } else {
            assertEquals(HEX.formatHex(expected), HEX.formatHex(actual), what);
        }
    }

    @Test
    void disabledRelaxedSimdIsNamedInTheError() {
        Engine engine = new Engine(EngineConfig.builder().feature(Feature.RELAXED_SIMD, false).build());
        DisabledFeatureException e = org.junit.jupiter.api.Assertions.assertThrows(DisabledFeatureException.class,
                () -> engine.compileText("(module (func (param v128 v128) (result v128)"
                        + " (f32x4.relaxed_min (local.get 0) (local.get 1))))", "m.wat"));
        assertEquals(Feature.RELAXED_SIMD, e.feature());
        assertTrue(e.getMessage().contains("relaxed SIMD support is not enabled"), e.getMessage());
    }
}
