package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * An interpreter loop, the shape of SQLite's {@code sqlite3VdbeExec}: a {@code loop} around a
 * 200-way {@code br_table} whose cases each end in "stop when done, else dispatch the next opcode"
 * ({@code br_if} out, {@code br} to the loop). Split, most cases become regions with two exits,
 * both branches; the method holding the switch calls them all. Each call site must stay a few bytes
 * (a jump to the method's shared exit dispatch), or the method grows past HotSpot's 8,000-byte
 * limit and runs interpreted forever: SQLite's did, at 9,316 bytes, before exit pads.
 */
class InterpreterSwitchTest {
    private static final int STEPS_PER_CASE = 5;
    private static final int I32 = 0x7F, I64 = 0x7E;

    /** The multipliers of each case's arithmetic (odd, so nothing collapses to 0). */
    private static long[][] multipliers(int cases) {
        HugeModules.Lcg r = new HugeModules.Lcg(21);
        long[][] m = new long[cases][STEPS_PER_CASE];
        for (long[] c : m) for (int j = 0; j < c.length; j++) c[j] = r.nextInt(1 << 20) | 1;
        return m;
    }

    /** {@code run(i32 n, i32 pc) -> i64}: n opcodes, each chosen by an LCG step of pc (cases: a power of two). */
    static byte[] module(int cases) {
        final int CASES = cases;
        long[][] mul = multipliers(cases);
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I32, I32}, new int[] {I64});
        Bytes c = new Bytes();
        c.op(0x02, 0x40);                                                     // block $exit
        c.op(0x03, 0x40);                                                     // loop $dispatch
        for (int i = 0; i < CASES; i++) c.op(0x02, 0x40);                   // block (case i)
        c.op(0x20, 1).i32Const(16).op(0x76).i32Const(CASES - 1).op(0x71);   // (pc >>> 16) & (CASES - 1)
        c.op(0x0E).u32(CASES);                                                // br_table
        for (int i = 0; i < CASES; i++) c.u32(i);
        c.u32(CASES - 1);
        for (int k = 0; k < CASES; k++) {
            c.op(0x0B);                                                       // end: case k follows
            for (int j = 0; j < STEPS_PER_CASE; j++) {
                c.op(0x20, 2).i64Const(mul[k][j]).op(0x7E).i64Const(k).op(0x7C).op(0x21, 2);  // acc = acc * m + k
            }
            c.op(0x20, 1).i32Const(1103515245).op(0x6C).i32Const(12345).op(0x6A).op(0x21, 1); // pc = pc * a + b
            int toLoop = CASES - 1 - k;
            c.op(0x20, 0).i32Const(1).op(0x6B).op(0x22, 0).op(0x45).op(0x0D).u32(toLoop + 1); // br_if $exit (--n == 0)
            c.op(0x0C).u32(toLoop);                                           // br $dispatch
        }
        c.op(0x0B);                                                           // end loop
        c.op(0x0B);                                                           // end block $exit
        c.op(0x20, 2, 0x0B);
        w.exportFunc("run", w.func(t, HugeModules.locals(1, I64), c));
        return w.toBytes();
    }

    /** What {@code run} computes, in Java. */
    private static long expected(int cases, int n, int pc) {
        long[][] mul = multipliers(cases);
        long acc = 0;
        while (true) {
            int k = (pc >>> 16) & (cases - 1);
            for (int j = 0; j < STEPS_PER_CASE; j++) acc = acc * mul[k][j] + k;
            pc = pc * 1103515245 + 12345;
            if (--n == 0) return acc;
        }
    }

    private static long run(EngineConfig config, int cases, int n, int pc) {
        Engine engine = new Engine(config);
        Instance i = new Linker().instantiate(new Store(engine), engine.compile(module(cases)));
        return (Long) i.getFunc("run").call(n, pc)[0];
    }

    /*
     * 2,048 cases: most call sites then pass every exit code on to a method further out; before they
     * returned it directly, each had an empty switch, and the method holding them reached 8,709 bytes.
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 2048})
    void theMethodHoldingTheSwitchStaysSmallEnoughToBeJitCompiled(int cases, @TempDir Path dir) throws IOException {
        final int CASES = cases;
        assertEquals(expected(cases, 5000, 7),
                run(EngineConfig.builder().dumpClassesDir(dir.toString()).build(), cases, 5000, 7));
        int methods = 0, regions = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                for (String[] m : JitSizeLimitTest.codeLengths(Files.readAllBytes(f))) {
                    methods++;
                    if (m[0].contains("$region")) regions++;
                    int length = Integer.parseInt(m[1]);
                    assertTrue(length <= 8000, m[0] + " has " + length + " bytes of bytecode");
                }
            }
        }
        // the function really is split into a region per case (or the test shows nothing)
        assertTrue(regions >= CASES / 2, regions + " regions in " + methods + " methods");
    }

    @Test
    void splitFinelyAndInstrumentedItComputesTheSame() {
        EngineConfig fine = EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8)
                .consumeFuel(true).epochInterruption(true).build();
        Engine engine = new Engine(fine);
        Store store = new Store(engine);
        store.setFuel(Long.MAX_VALUE / 2);
        store.setEpochDeadline(Long.MAX_VALUE / 2);
        Instance i = new Linker().instantiate(store, engine.compile(module(200)));
        assertEquals(expected(200, 3000, 11), (Long) i.getFunc("run").call(3000, 11)[0]);
    }
}
