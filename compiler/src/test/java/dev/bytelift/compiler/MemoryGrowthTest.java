package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.text.Wat;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.internal.MemoryAccess;

/**
 * A memory grows within a longer array without copying (issue 21), and every bounds check stays
 * exact: the memory's size, not the array's length, is the limit. A memory is grown one page at a
 * time and after every grow the exact trap boundary is checked at every access width (1, 2, 4, 8
 * and 16 bytes) and at several static offsets, for loads and stores, from generated code (in every
 * golden configuration), from the host API and from a second instance that imports the memory
 * (which grows it too). The arrays behind the memory are counted: a memory grown by copying at
 * every grow (as before) fails.
 */
class MemoryGrowthTest {
    private static final int[] WIDTHS = {1, 2, 4, 8, 16};
    private static final int[] OFFSETS = {0, 1, 7, 4096, 65536, 100_000};
    /** Offsets no memory reaches (the largest is clamped at the call site): every access traps. */
    private static final long[] HUGE_OFFSETS = {MemoryAccess.MAX_OFFSET - 1L, MemoryAccess.MAX_OFFSET, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final int GROWS = 2000;

    @Test
    void boundsAreExactAfterEveryOnePageGrow() {
        for (GoldenConfig config : GoldenConfig.values()) {
            Engine engine = new Engine(config.engineConfig());
            Module module = engine.compile(Wat.toBinary(accessModule(), "access.wat"));
            Module importer = engine.compile(Wat.toBinary(importerModule(), "importer.wat"));
            Store store = new Store(engine);
            if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (engine.config().epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 4);
            Instance inst = new Linker().instantiate(store, module);
            Memory memory = inst.getMemory("mem");
            Instance other = new Linker().define("m", "mem", memory).instantiate(store, importer);
            Map<byte[], Boolean> arrays = new IdentityHashMap<>();
            arrays.put(memory.data(), true);
            long allocated = memory.data().length;
            for (int pages = 1; pages <= GROWS; pages++) {
                String where = config.dirName + ", " + pages + " pages";
                if (pages > 1) {
                    // alternately grown by the defining and the importing instance
                    Instance grower = pages % 2 == 0 ? inst : other;
                    assertEquals(pages - 1, grower.getFunc("grow").call(1)[0], where);
                }
                assertEquals(pages, inst.getFunc("size").call()[0], where);
                assertEquals(pages, other.getFunc("size").call()[0], where);
                assertEquals(pages, memory.pages(), where);
                int size = pages * 65536;
                assertEquals(size, memory.byteSize(), where);
                if (arrays.put(memory.data(), true) == null) allocated += memory.data().length;
                // every width and offset after each of the first grows, then after every 16th (traps are slow)
                if (pages <= 256 || pages % 16 == 0) checkBoundary(inst, size, where);
                checkHost(memory, size, where);
                checkImporter(other, size, where);
            }
            // a 1.5x geometric capacity from one page to 2,000: 19 arrays and about 3x the final size allocated
            assertTrue(arrays.size() <= 25, config.dirName + ": " + arrays.size() + " arrays for " + GROWS + " one-page grows");
            assertTrue(allocated <= 4L * GROWS * 65536, config.dirName + ": " + allocated + " bytes allocated");
        }
    }

    @Test
    void capacityStopsAtTheDeclaredMaximum() {
        Engine engine = new Engine();
        Module module = engine.compile(Wat.toBinary("(module (memory (export \"mem\") 1 100)"
                + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))", "max.wat"));
        Instance inst = new Linker().instantiate(new Store(engine), module);
        Memory memory = inst.getMemory("mem");
        for (int pages = 2; pages <= 100; pages++) assertEquals(pages - 1, inst.getFunc("grow").call(1)[0]);
        assertEquals(-1, inst.getFunc("grow").call(1)[0]);
        assertEquals(100, memory.pages());
        assertTrue(memory.data().length <= 100 * 65536, "capacity " + memory.data().length);
    }

    @Test
    void hostViewsShowTheSizeNotTheCapacity() {
        Engine engine = new Engine();
        Module module = engine.compile(Wat.toBinary(accessModule(), "access.wat"));
        Instance inst = new Linker().instantiate(new Store(engine), module);
        Memory memory = inst.getMemory("mem");
        for (int k = 0; k < 4; k++) inst.getFunc("grow").call(1);
        assertEquals(5, memory.pages());
        assertTrue(memory.data().length > memory.byteSize(), "grown behind the size: " + memory.data().length);
        assertEquals(5 * 65536, memory.asByteBuffer().capacity());
        assertEquals(5, memory.type().limits().min());
        // memory.fill and memory.copy up to the size, not the capacity
        assertEquals(0, inst.getFunc("fill").call(5 * 65536 - 10, 10)[0]);
        trap(() -> inst.getFunc("fill").call(5 * 65536 - 10, 11), "fill past the size");
        assertEquals(0, inst.getFunc("copy").call(5 * 65536 - 10, 0, 10)[0]);
        trap(() -> inst.getFunc("copy").call(0, 5 * 65536 - 10, 11), "copy from past the size");
        trap(() -> inst.getFunc("copy").call(5 * 65536 - 10, 0, 11), "copy to past the size");
    }

    private static void checkBoundary(Instance inst, int size, String where) {
        for (int w : WIDTHS) {
            for (int o : OFFSETS) {
                int last = size - o - w; // the highest address whose access fits
                String what = where + ", width " + w + ", offset " + o;
                if (last >= 0) {
                    assertEquals(0L, load(inst, w, o, last), what + ": a new page reads zero");
                    long v = 0x0102_0304_0506_0708L * (last | 1);
                    inst.getFunc("store" + w + "_" + o).call(last, v);
                    assertEquals(truncate(v, w), load(inst, w, o, last), what);
                    inst.getFunc("store" + w + "_" + o).call(last, 0L);
                }
                int first = Math.max(last + 1, 0);
                trap(() -> load(inst, w, o, first), what + ": load at " + first);
                trap(() -> inst.getFunc("store" + w + "_" + o).call(first, -1L), what + ": store at " + first);
                trap(() -> load(inst, w, o, -1), what + ": load at 2^32 - 1");
            }
            for (int k = 0; k < HUGE_OFFSETS.length; k++) {
                int kk = k;
                trap(() -> load(inst, w, -1 - kk, 0), where + ", width " + w + ", offset " + HUGE_OFFSETS[k]);
                trap(() -> inst.getFunc("store" + w + "_huge" + kk).call(0, -1L), where + ", store width " + w + ", offset " + HUGE_OFFSETS[k]);
            }
        }
    }

    private static void checkHost(Memory memory, int size, String where) {
        assertEquals(0, memory.readInt(size - 4), where);
        memory.writeLong(size - 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, memory.readLong(size - 8), where);
        memory.writeLong(size - 8, 0);
        trap(() -> memory.readInt(size - 3), where + ": host readInt");
        trap(() -> memory.writeByte(size, (byte) 1), where + ": host writeByte");
        trap(() -> memory.read(size - 1, 2), where + ": host read");
        trap(() -> memory.write(size - 1, new byte[2]), where + ": host write");
        assertArrayEquals(new byte[1], memory.read(size - 1, 1), where);
    }

    private static void checkImporter(Instance other, int size, String where) {
        assertEquals(0, other.getFunc("load4").call(size - 4)[0], where + ": importer");
        trap(() -> other.getFunc("load4").call(size - 3), where + ": importer past the end");
    }

    private static void trap(Runnable r, String what) {
        Trap t = assertThrows(Trap.class, r::run, what);
        assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, t.code(), what);
    }

    /** Calls the load of width {@code w} at static offset {@code OFFSETS[o]}, or a huge one if {@code o} is -1 - k. */
    private static long load(Instance inst, int w, int o, int addr) {
        String name = o < 0 ? "load" + w + "_huge" + (-1 - o) : "load" + w + "_" + o;
        return ((Number) inst.getFunc(name).call(addr)[0]).longValue();
    }

    private static long truncate(long v, int w) {
        return w >= 8 ? v : v & ((1L << (8 * w)) - 1);
    }

    /** Loads and stores of every width at every offset; the v128 forms read and write the high half. */
    private static String accessModule() {
        StringBuilder b = new StringBuilder("(module (memory (export \"mem\") 1)\n");
        b.append(" (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))\n");
        b.append(" (func (export \"size\") (result i32) (memory.size))\n");
        b.append(" (func (export \"fill\") (param i32 i32) (result i32) (memory.fill (local.get 0) (i32.const 7) (local.get 1)) (i32.const 0))\n");
        b.append(" (func (export \"copy\") (param i32 i32 i32) (result i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)) (i32.const 0))\n");
        for (int w : WIDTHS) {
            for (int o : OFFSETS) accessors(b, w, "_" + o, Integer.toString(o));
            for (int k = 0; k < HUGE_OFFSETS.length; k++) accessors(b, w, "_huge" + k, Long.toString(HUGE_OFFSETS[k]));
        }
        return b.append(")").toString();
    }

    private static void accessors(StringBuilder b, int w, String suffix, String offset) {
        String load = switch (w) {
            case 1 -> "(i64.extend_i32_u (i32.load8_u offset=" + offset + " (local.get 0)))";
            case 2 -> "(i64.extend_i32_u (i32.load16_u offset=" + offset + " (local.get 0)))";
            case 4 -> "(i64.extend_i32_u (i32.load offset=" + offset + " (local.get 0)))";
            case 8 -> "(i64.load offset=" + offset + " (local.get 0))";
            default -> "(i64x2.extract_lane 1 (v128.load offset=" + offset + " (local.get 0)))";
        };
        String store = switch (w) {
            case 1 -> "(i64.store8 offset=" + offset + " (local.get 0) (local.get 1))";
            case 2 -> "(i64.store16 offset=" + offset + " (local.get 0) (local.get 1))";
            case 4 -> "(i64.store32 offset=" + offset + " (local.get 0) (local.get 1))";
            case 8 -> "(i64.store offset=" + offset + " (local.get 0) (local.get 1))";
            default -> "(v128.store offset=" + offset + " (local.get 0) (i64x2.splat (local.get 1)))";
        };
        b.append(" (func (export \"load").append(w).append(suffix).append("\") (param i32) (result i64) ").append(load).append(")\n");
        b.append(" (func (export \"store").append(w).append(suffix).append("\") (param i32 i64) ").append(store).append(")\n");
    }

    private static String importerModule() {
        return "(module (import \"m\" \"mem\" (memory 1))"
                + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
                + " (func (export \"size\") (result i32) (memory.size))"
                + " (func (export \"load4\") (param i32) (result i32) (i32.load (local.get 0))))";
    }
}
