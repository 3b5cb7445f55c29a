package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 20: br_tables with more entries than one {@code tableswitch} can hold in a JVM method
 * (25,000 entries were rejected as "too large for one JVM method"), whose compile time grew with
 * the square of the entries, and whose depth table overflowed a string constant in a split
 * function ("UTF8 string too large" at 33,000 entries). Each compiles and every entry, the default
 * and out-of-range indices branch where they should, plain and split, with fuel and epochs on.
 */
class LargeBrTableTest {
    private static final int PAD = 60;

    /** Where entry {@code i} of a table over {@code depth} blocks branches. */
    static int target(int i, int depth) {
        return (int) (((long) i * 7919 + i / 3) % depth);
    }

    /**
     * {@code run(i32 index) -> i32}: {@code depth} nested blocks of result i32 (each opening with
     * some padding, so that split functions put them in regions of their own), a br_table of
     * {@code entries} entries carrying 7 at the bottom; after block {@code d} ends,
     * {@code acc = acc * 31 + d + 1}.
     */
    static byte[] module(int entries, int depth) {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32}, new int[] {I32});
        Bytes c = new Bytes();
        for (int d = 0; d < depth; d++) {
            c.op(0x02, I32);
            if (d % 8 == 0) for (int p = 0; p < PAD; p++) c.op(0x20, 0x00, 0x1A);   // local.get 0; drop
        }
        c.op(0x41).s32(7).op(0x20, 0x00).op(0x0E).u32(entries);
        for (int i = 0; i < entries; i++) c.u32(target(i, depth));
        c.u32(depth - 1);
        for (int d = 0; d < depth; d++) {
            c.op(0x0B).op(0x41).s32(31).op(0x6C).op(0x41).s32(d + 1).op(0x6A);
        }
        m.export("run", 0, m.func(t, c));
        return m.toBytes();
    }

    static int expected(int index, int entries, int depth) {
        int t = index >= 0 && index < entries ? target(index, depth) : depth - 1;
        int acc = 7;
        for (int d = t; d < depth; d++) acc = acc * 31 + d + 1;
        return acc;
    }

    private static void check(EngineConfig config, int entries, int depth) {
        Engine engine = new Engine(config);
        Module module = engine.compile(module(entries, depth));
        Store store = new Store(engine);
        if (config.consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (config.epochInterruption()) store.setEpochDeadline(1_000_000);
        Instance inst = new Linker().instantiate(store, module);
        Func run = inst.getFunc("run");
        int[] indices = {0, 1, 2, 1023, 1024, 1025, 16_383, 16_384, 16_385, 32_767, 32_768, entries - 2, entries - 1,
            entries, entries + 1, entries + 16_384, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 12_345, 99_999};
        for (int i : indices) {
            assertEquals(expected(i, entries, depth), run.call(i)[0], "entry " + i + " of " + entries);
        }
        for (int i = 0; i < entries; i += Math.max(1, entries / 97)) {
            assertEquals(expected(i, entries, depth), run.call(i)[0], "entry " + i + " of " + entries);
        }
    }

    static EngineConfig plain() {
        return EngineConfig.defaults();
    }

    static EngineConfig split(boolean limits) {
        return EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).consumeFuel(limits).epochInterruption(limits).build();
    }

    @ParameterizedTest
    @CsvSource({"1025, 5", "25000, 40", "40000, 40", "100000, 3"})
    void largeTablesCompileAndBranchRightPlain(int entries, int depth) {
        check(plain(), entries, depth);
    }

    @ParameterizedTest
    @CsvSource({"1025, 40", "25000, 40", "40000, 40", "100000, 300"})
    void largeTablesCompileAndBranchRightSplit(int entries, int depth) {
        check(split(false), entries, depth);
        check(split(true), entries, depth);
    }

    /** The "UTF8 string too large" case: 33,000 entries leaving a region over 3,000 outer blocks. */
    @Test
    void aTableSpanningThousandsOfOuterBlocksInASplitFunction() {
        check(plain(), 33_000, 3_000);
        check(split(true), 33_000, 3_000);
    }

    /** Just under and at the threshold of the large lowering, the one-tableswitch lowering still works. */
    @Test
    void tablesAroundTheThreshold() {
        check(plain(), 1024, 40);
        check(split(false), 1024, 40);
        check(plain(), 1, 3);
    }
}
