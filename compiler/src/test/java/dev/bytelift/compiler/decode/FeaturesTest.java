package dev.bytelift.compiler.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.compiler.ModuleBytes;
import dev.bytelift.runtime.DisabledFeatureException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;

/**
 * Each WebAssembly 2.0 feature can be disabled, and then every way a module can use it fails to
 * compile with a {@link DisabledFeatureException} naming it; with the default configuration the
 * same modules compile, and with every feature disabled an MVP module still does.
 */
class FeaturesTest {
    private static final int I32 = 0x7f, V128 = 0x7b, FUNCREF = 0x70, EXTERNREF = 0x6f, END = 0x0b;

    record Use(String what, Feature feature, byte[] module) {}

    /** A module with one function {@code () -> ()} (declaring {@code locals}) whose body is {@code code}. */
    private static byte[] function(int[] locals, int[] code, int... extraSections) {
        ModuleBytes m = ModuleBytes.header();
        m.section(1, new ModuleBytes().u32(1).raw(0x60, 0, 0));
        m.section(3, new ModuleBytes().u32(1).u32(0));
        m.raw(extraSections);
        ModuleBytes body = new ModuleBytes().u32(locals.length);
        for (int t : locals) body.u32(1).raw(t);
        body.raw(code).raw(END);
        m.section(10, new ModuleBytes().u32(1).u32(body.size()).raw(body.toArray()));
        return m.toArray();
    }

    private static byte[] section(int id, ModuleBytes content) {
        return new ModuleBytes().section(id, content).toArray();
    }

    private static int[] ints(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xff;
        return out;
    }

    private static final int[] NONE = {};

    static List<Use> uses() {
        int[] memory = ints(section(5, new ModuleBytes().u32(1).raw(0x00, 0x01)));
        int[] table = ints(section(4, new ModuleBytes().u32(1).raw(FUNCREF, 0x00, 0x01)));
        return List.of(
                new Use("i32.extend8_s", Feature.SIGN_EXTENSION, function(NONE, new int[] {0x41, 0, 0xc0, 0x1a})),
                new Use("i32.trunc_sat_f32_s", Feature.NON_TRAPPING_FLOAT_TO_INT,
                        function(NONE, new int[] {0x43, 0, 0, 0, 0, 0xfc, 0x00, 0x1a})),
                new Use("a function type with two results", Feature.MULTI_VALUE, ModuleBytes.header()
                        .section(1, new ModuleBytes().u32(1).raw(0x60, 0, 2, I32, I32)).toArray()),
                new Use("a block with a parameter", Feature.MULTI_VALUE, multiValueBlock()),
                new Use("memory.fill", Feature.BULK_MEMORY,
                        function(NONE, new int[] {0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 11, 0}, memory)),
                new Use("a data count section", Feature.BULK_MEMORY, ModuleBytes.header()
                        .section(12, new ModuleBytes().u32(0)).toArray()),
                new Use("a passive data segment", Feature.BULK_MEMORY, ModuleBytes.header()
                        .section(5, new ModuleBytes().u32(1).raw(0x00, 0x01))
                        .section(11, new ModuleBytes().u32(1).raw(0x01).u32(0)).toArray()),
                new Use("a passive element segment", Feature.BULK_MEMORY, ModuleBytes.header()
                        .section(9, new ModuleBytes().u32(1).raw(0x01, 0x00).u32(0)).toArray()),
                new Use("an externref local", Feature.REFERENCE_TYPES, function(new int[] {EXTERNREF}, NONE)),
                new Use("a funcref local", Feature.REFERENCE_TYPES, function(new int[] {FUNCREF}, NONE)),
                new Use("an externref table", Feature.REFERENCE_TYPES, ModuleBytes.header()
                        .section(4, new ModuleBytes().u32(1).raw(EXTERNREF, 0x00, 0x01)).toArray()),
                new Use("two tables", Feature.REFERENCE_TYPES, ModuleBytes.header()
                        .section(4, new ModuleBytes().u32(2).raw(FUNCREF, 0x00, 0x01, FUNCREF, 0x00, 0x01)).toArray()),
                new Use("table.size", Feature.REFERENCE_TYPES, function(NONE, new int[] {0xfc, 16, 0, 0x1a}, table)),
                new Use("an element segment with a table index", Feature.REFERENCE_TYPES, ModuleBytes.header()
                        .section(4, new ModuleBytes().u32(1).raw(FUNCREF, 0x00, 0x01))
                        .section(9, new ModuleBytes().u32(1).raw(0x02, 0x00, 0x41, 0x00, END, 0x00).u32(0)).toArray()),
                new Use("a v128 local", Feature.SIMD, function(new int[] {V128}, NONE)),
                new Use("v128.const", Feature.SIMD, function(NONE, concat(new int[] {0xfd, 0x0c}, new int[16], new int[] {0x1a}))),
                new Use("a v128 global", Feature.SIMD, ModuleBytes.header()
                        .section(6, new ModuleBytes().u32(1).raw(V128, 0x00, 0xfd, 0x0c).zeros(16).raw(END)).toArray()),
                new Use("a block of type v128", Feature.SIMD, function(NONE, new int[] {0x02, V128, 0x00, 0x0b, 0x1a})));
    }

    /** {@code (i32.const 1) (block (param i32) (drop))}: a block type by index with a parameter. */
    private static byte[] multiValueBlock() {
        ModuleBytes m = ModuleBytes.header();
        m.section(1, new ModuleBytes().u32(2).raw(0x60, 0, 0).raw(0x60, 1, I32, 0));
        m.section(3, new ModuleBytes().u32(1).u32(0));
        ModuleBytes body = new ModuleBytes().u32(0).raw(0x41, 1, 0x02, 0x01, 0x1a, END, END);
        m.section(10, new ModuleBytes().u32(1).u32(body.size()).raw(body.toArray()));
        return m.toArray();
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int i = 0;
        for (int[] p : parts) for (int b : p) out[i++] = b;
        return out;
    }

    @TestFactory
    Stream<DynamicTest> eachUseNeedsItsFeature() {
        return uses().stream().map(u -> DynamicTest.dynamicTest(u.what(), () -> {
            new Engine().compile(u.module());
            Engine without = new Engine(EngineConfig.builder().feature(u.feature(), false).build());
            DisabledFeatureException e = assertThrows(DisabledFeatureException.class, () -> without.compile(u.module()));
            assertEquals(u.feature(), e.feature());
            assertEquals(u.feature().description() + " support is not enabled", e.specMessage());
        }));
    }

    @Test
    void everyFeatureHasAUseHere() {
        EnumSet<Feature> covered = EnumSet.noneOf(Feature.class);
        for (Use u : uses()) covered.add(u.feature());
        assertEquals(Feature.webAssembly2(), covered);
    }

    /** A GC module (sightglass's splay) once failed with "integer representation too long". */
    @Test
    void aGcTypeIsNamedAsNotSupported() {
        byte[] struct = ModuleBytes.header().section(1, new ModuleBytes().u32(1).raw(0x5f, 0x00)).toArray();
        DisabledFeatureException e = assertThrows(DisabledFeatureException.class, () -> new Engine().compile(struct));
        assertEquals(Feature.GC, e.feature());
        assertEquals("garbage collection (struct and array types) is not supported yet", e.specMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.builder().feature(Feature.GC, true));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.builder().features(EnumSet.allOf(Feature.class)));
    }

    @Test
    void anMvpModuleCompilesWithEveryFeatureDisabled() {
        // a loop adding to a local, a call, a load from memory
        byte[] module = function(new int[] {I32}, new int[] {
                0x03, 0x40, 0x20, 0, 0x41, 1, 0x6a, 0x21, 0, 0x20, 0, 0x41, 10, 0x48, 0x0d, 0, 0x0b,
                0x10, 0, 0x41, 0, 0x28, 2, 0, 0x1a},
                ints(section(5, new ModuleBytes().u32(1).raw(0x00, 0x01))));
        new Engine(EngineConfig.builder().features(EnumSet.noneOf(Feature.class)).build()).compile(module);
    }

    /** Every function asks for its engine's features: one object per set, never another set's. */
    @Test
    void featuresOfASetAreReusedOnlyForAnEqualSet() {
        EnumSet<Feature> noSimd = EnumSet.copyOf(Feature.defaults());
        noSimd.remove(Feature.SIMD);
        Features a = Features.of(noSimd);
        assertSame(a, Features.of(EnumSet.copyOf(noSimd)));
        assertFalse(a.has(Feature.SIMD));
        assertFalse(a.all());
        Features all = Features.of(Feature.defaults());
        assertNotSame(a, all);
        assertTrue(all.all());
        assertTrue(all.has(Feature.SIMD));
        Features again = Features.of(noSimd);
        assertFalse(again.has(Feature.SIMD));
        assertTrue(again.has(Feature.MULTI_VALUE));
    }
}
