package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * Issue 7's modules: every function compiles, however large, and computes what V8 computes for
 * the same module (expected values from {@code test-modules/scripts/huge-node.mjs}). Compile
 * times are printed for the record, not asserted (timings belong in benchmarks).
 */
class HugeModulesTest {
    static final Engine ENGINE = new Engine();
    static final StringBuilder REPORT = new StringBuilder();

    private static Instance instantiate(String name, byte[] wasm) {
        long start = System.nanoTime();
        Module module = ENGINE.compile(wasm);
        long compiled = System.nanoTime();
        Instance instance = new Linker().instantiate(new Store(ENGINE), module);
        long done = System.nanoTime();
        REPORT.append(String.format("%-10s %8.0f KiB  compile %6.0f ms  instantiate %5.0f ms%n",
                name, wasm.length / 1024.0, (compiled - start) / 1e6, (done - compiled) / 1e6));
        return instance;
    }

    @AfterAll
    static void report() {
        System.out.print("huge modules:\n" + REPORT);
    }

    @Test
    void aMebibyteOfStraightLineArithmetic() {
        Instance i = instantiate("straight", HugeModules.straightLine(HugeModules.MIB));
        assertEquals(2886909703130010800L, i.getFunc("run").call()[0]);
    }

    /*
     * Issue 20: the pieces of a long straight-line function used to call each other in a chain, one
     * JVM frame per piece (about 3,000 for 10 MiB), which overflowed a 1 MiB thread stack with
     * "call stack exhausted". Consecutive pieces are now siblings called by a common caller.
     */
    @Test
    void tenMebibytesOfStraightLineArithmeticOnAOneMebibyteStack() throws Exception {
        assertEquals(2886909703130010800L, HugeModules.straightLineResult(HugeModules.MIB)); // the model agrees with V8
        Instance i = instantiate("straight10", HugeModules.straightLine(10 * HugeModules.MIB));
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = i.getFunc("run").call()[0];
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "one-mebibyte-stack", 1 << 20);
        t.start();
        t.join();
        if (thrown[0] != null) throw new AssertionError("10 MiB of straight-line code on a 1 MiB stack", thrown[0]);
        assertEquals(HugeModules.straightLineResult(10 * HugeModules.MIB), result[0]);
    }

    @Test
    void seventyThousandNestedBlocks() {
        Func run = instantiate("nesting", HugeModules.deepNesting(70_000)).getFunc("run");
        long acc = 0;
        for (int n = 0; n < 2048; n += 37) acc = acc * 31 + (Long) run.call(n)[0];
        assertEquals(5841114323686206477L, acc);
    }

    @Test
    void aBrTableWithTenThousandTargets() {
        Func run = instantiate("brtable", HugeModules.brTable(10_000, 100)).getFunc("run");
        long acc = 0;
        for (int i = 0; i < 10_000; i += 97) acc = acc * 31 + (Long) run.call(i)[0];
        assertEquals(-8737927995235294586L, acc);
    }

    @Test
    void fiveThousandLocals() {
        Instance i = instantiate("locals", HugeModules.manyLocals(5000, 8));
        assertEquals(-5067030041302661882L, i.getFunc("run").call()[0]);
    }

    @Test
    void fiftyThousandFunctions() {
        Instance i = instantiate("functions", HugeModules.manyFunctions(50_000));
        assertEquals(-8099375919497428977L, i.getFunc("run").call()[0]);
        assertEquals(1604769526892712993L, i.getFunc("runIndirect").call(200_000)[0]);
    }

    @Test
    void aThirtyTwoMebibyteDataSegment() {
        Instance i = instantiate("data", HugeModules.bigData(32 * HugeModules.MIB));
        assertEquals(-353309367811075956L, i.getFunc("run").call()[0]);
    }
}
