package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Issue 20's resource bounds on hostile declarations: counts and lengths a small file declares
 * (2^32 locals, functions, data segments, a custom section of 100 MB) fail at once with the spec's
 * message, and the large valid shapes (100,000 nested blocks, a br_table of 50,000 targets)
 * compile. Each is measured by what the compiling thread allocates in all (garbage included, an
 * upper bound of the heap it needs): the hostile declarations allocate next to nothing, whatever
 * they declare, and the large shapes under {@link #ALLOCATION_MULTIPLE} times the module's size.
 */
class DeclaredCountsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Engine ENGINE = new Engine(EngineConfig.builder().compileThreads(1).build());
    /** A small file's own costs (the engine's first use loads and initialises classes): not the declaration's. */
    private static final long SMALL_FILE_BYTES = 16L << 20;
    /**
     * What compiling may allocate in all per byte of module, garbage included: the peak heap is
     * lower (docs/untrusted.md budgets about 100x; docs/splitting.md measures 16-87x).
     */
    private static final long ALLOCATION_MULTIPLE = 250;

    private static byte[] module(Bytes... sections) {
        Bytes b = new Bytes().op(0, 'a', 's', 'm', 1, 0, 0, 0);
        for (Bytes s : sections) b.bytes(s.toArray());
        return b.toArray();
    }

    private static Bytes section(int id, Bytes content) {
        return new Bytes().op(id).u32(content.size()).bytes(content.toArray());
    }

    /** Compiles {@code wasm} and returns what the compile allocated, or fails with what it threw. */
    private static long allocated(byte[] wasm, Runnable check) {
        ENGINE.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}); // the engine warmed up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        check.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private static void rejectedSmall(String what, byte[] wasm, Class<? extends CompileException> type, String message) {
        long bytes = allocated(wasm, () -> {
            CompileException e = assertThrows(type, () -> ENGINE.compile(wasm), what);
            assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
        });
        System.out.printf("[declared] %-40s %,d bytes: rejected, %,d bytes allocated%n", what, wasm.length, bytes);
        assertTrue(bytes < SMALL_FILE_BYTES, what + " allocated " + bytes + " bytes");
    }

    @Test
    void hugeDeclaredCountsFailAtOnce() {
        Bytes type = section(1, new Bytes().u32(1).funcType(new int[0], new int[0]));
        Bytes oneFunc = section(3, new Bytes().u32(1).u32(0));
        // 2^32 - 1 locals in one group: the spec's "too many locals"
        Bytes body = new Bytes().u32(1).u32(0xFFFF_FFFFL).op(0x7F).op(0x0B);
        rejectedSmall("2^32-1 locals", module(type, oneFunc, section(10, new Bytes().u32(1).u32(body.size()).bytes(body.toArray()))),
                CompileException.class, "too many locals");
        // two groups of 2^31 locals: over 2^32 in all
        Bytes body2 = new Bytes().u32(2).u32(0x8000_0000L).op(0x7F).u32(0x8000_0000L).op(0x7F).op(0x0B);
        rejectedSmall("2 x 2^31 locals", module(type, oneFunc, section(10, new Bytes().u32(1).u32(body2.size()).bytes(body2.toArray()))),
                MalformedModuleException.class, "too many locals");
        rejectedSmall("2^32-1 functions declared", module(type, section(3, new Bytes().u32(0xFFFF_FFFFL).u32(0))),
                MalformedModuleException.class, "");
        rejectedSmall("2^32-1 types declared", module(section(1, new Bytes().u32(0xFFFF_FFFFL).funcType(new int[0], new int[0]))),
                MalformedModuleException.class, "");
        rejectedSmall("2^32-1 data segments declared", module(section(5, new Bytes().u32(1).op(0).u32(1)),
                section(11, new Bytes().u32(0xFFFF_FFFFL).op(0).op(0x41, 0, 0x0B).u32(0))), MalformedModuleException.class, "");
        rejectedSmall("data count 2^32-1", module(section(12, new Bytes().u32(0xFFFF_FFFFL))), MalformedModuleException.class, "");
        // a custom section whose declared length (100 MB) runs far past the file
        rejectedSmall("custom section of 100 MB declared", module(new Bytes().op(0).u32(100_000_000).name("x").op(1, 2, 3)),
                MalformedModuleException.class, "");
        rejectedSmall("2^32-1 br_table targets declared", module(type, oneFunc,
                section(10, new Bytes().u32(1).u32(9).op(0).op(0x41, 0).op(0x0E).u32(0xFFFF_FFFFL).op(0, 0x0B))),
                MalformedModuleException.class, "");
    }

    @Test
    void largeValidShapesCompileWithinTheStatedHeapBudget() {
        byte[] nesting = HugeModules.deepNesting(100_000);
        long[] bytes = new long[1];
        Module[] m = new Module[1];
        bytes[0] = allocated(nesting, () -> m[0] = ENGINE.compile(nesting));
        report("100,000 nested blocks", nesting.length, bytes[0]);
        Instance i = new Linker().instantiate(new Store(ENGINE), m[0]);
        assertEquals(i.getFunc("run").call(5)[0], i.getFunc("run").call(5)[0]);
        byte[] brTable = HugeModules.brTable(50_000, 20);
        bytes[0] = allocated(brTable, () -> m[0] = ENGINE.compile(brTable));
        report("br_table of 50,000 targets", brTable.length, bytes[0]);
        new Linker().instantiate(new Store(ENGINE), m[0]).getFunc("run").call(49_999);
        byte[] straight = HugeModules.straightLine(HugeModules.MIB);
        bytes[0] = allocated(straight, () -> m[0] = ENGINE.compile(straight));
        report("1 MiB of straight-line code", straight.length, bytes[0]);
        assertEquals(HugeModules.straightLineResult(HugeModules.MIB), new Linker().instantiate(new Store(ENGINE), m[0]).getFunc("run").call()[0]);
    }

    private static void report(String what, int size, long bytes) {
        System.out.printf("[declared] %-40s %,d bytes: compiled, %,d bytes allocated (%.0fx)%n", what, size, bytes, bytes / (double) size);
        assertTrue(bytes < ALLOCATION_MULTIPLE * size + SMALL_FILE_BYTES, what + ": " + bytes + " bytes allocated for " + size + " bytes of module");
    }
}
