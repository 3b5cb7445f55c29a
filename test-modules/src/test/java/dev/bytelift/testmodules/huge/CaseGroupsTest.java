package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.OperatorCost;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * A C switch of thousands of cases in a loop (Sightglass shootout-switch's shape): as many nested
 * blocks and a {@code br_table} at the bottom. The regions of the nest are case groups, called side
 * by side by a driver (compiler {@code translate/CaseGroups}). The cases fall through to the next,
 * break out of the switch at their end or in their middle, continue the loop or leave it from
 * inside, and one may trap. Each module is compared with a Java model and with the same module
 * whose blocks are typed by a type index for {@code [] -> []} instead of the empty type (the same
 * program, same offsets, but no case groups): results, fuel consumed and traps with their
 * backtraces must agree.
 */
class CaseGroupsTest {
    private static final int I32 = 0x7F, I64 = 0x7E;
    private static final int A = 1103515245, B = 12345;
    private static final Object TRAPPED = new Object();

    private static long[] multipliers(int cases) {
        HugeModules.Lcg r = new HugeModules.Lcg(7);
        long[] m = new long[cases];
        for (int k = 0; k < cases; k++) m[k] = r.nextInt(1 << 20) | 1;
        return m;
    }

    /**
     * {@code run(i32 n, i32 pc, i32 trapCase) -> i64}. {@code typed}: the nest's blocks name type 1
     * ({@code [] -> []}) rather than the empty type; {@code deep}: the body starts by pushing 1,100
     * values (the function is then translated in deep-stack mode).
     */
    static byte[] module(int cases, boolean typed, boolean deep) {
        return module(cases, typed, deep, 1);
    }

    /** The kind of case {@code k}: every {@code stride}-th case has a body, the others are empty (-1). */
    private static int kind(int k, int stride) {
        return k % stride != 0 ? -1 : k / stride % 5;
    }

    /** {@link #module(int, boolean, boolean)} where only every {@code stride}-th case has a body. */
    static byte[] module(int cases, boolean typed, boolean deep, int stride) {
        long[] mul = multipliers(cases);
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I32, I32, I32}, new int[] {I64});
        w.type(new int[0], new int[0]); // type 1
        int blockType = typed ? 0x01 : 0x40;
        Bytes c = new Bytes();
        if (deep) {
            for (int i = 0; i < 1100; i++) c.i32Const(i);
            for (int i = 0; i < 1100; i++) c.op(0x1A);
        }
        c.op(0x02, 0x40);                                        // block $exit
        c.op(0x03, 0x40);                                        // loop $dispatch
        c.op(0x02, blockType);                                   // block $end (of the switch)
        for (int i = 0; i < cases; i++) c.op(0x02, blockType);  // block (case i)
        c.op(0x20, 1).i32Const(16).op(0x76).i32Const(cases).op(0x70);   // (pc >>> 16) % cases
        c.op(0x0E).u32(cases);
        for (int i = 0; i < cases; i++) c.u32(i);
        c.u32(cases - 1);
        for (int k = 0; k < cases; k++) {
            c.op(0x0B);                                          // end: case k follows
            int toEnd = cases - 1 - k;
            if (kind(k, stride) < 0) continue;                   // empty: falls through
            step(c, mul[k], k);
            switch (kind(k, stride)) {
                case 0 -> { }                                    // falls through
                case 1 -> c.op(0x0C).u32(toEnd);                 // break
                case 2 -> {                                      // break in the middle, or fall through
                    c.op(0x20, 3).i64Const(1).op(0x83).op(0xA7).op(0x0D).u32(toEnd);
                    c.op(0x20, 3).i64Const(3).op(0x7E).i64Const(1).op(0x7C).op(0x21, 3);
                }
                case 3 -> {                                      // continue the loop, or leave it
                    nextPc(c);
                    c.op(0x20, 0).i32Const(1).op(0x6B).op(0x22, 0).op(0x45).op(0x0D).u32(toEnd + 2);
                    c.op(0x0C).u32(toEnd + 1);
                }
                default -> {                                     // trap if asked to, else break
                    c.op(0x20, 2).i32Const(k).op(0x46).op(0x04, 0x40).op(0x00).op(0x0B);
                    c.op(0x0C).u32(toEnd);
                }
            }
        }
        c.op(0x0B);                                              // end $end
        nextPc(c);
        c.op(0x20, 0).i32Const(1).op(0x6B).op(0x22, 0).op(0x45).op(0x0D).u32(1);
        c.op(0x0C).u32(0);
        c.op(0x0B, 0x0B);                                        // end loop, end $exit
        c.op(0x20, 3, 0x0B);
        w.exportFunc("run", w.func(t, HugeModules.locals(1, I64), c));
        return w.toBytes();
    }

    private static void step(Bytes c, long mul, int k) {
        c.op(0x20, 3).i64Const(mul).op(0x7E).i64Const(k).op(0x7C).op(0x21, 3); // acc = acc * m + k
    }

    private static void nextPc(Bytes c) {
        c.op(0x20, 1).i32Const(A).op(0x6C).i32Const(B).op(0x6A).op(0x21, 1);
    }

    /** What {@code run} computes, in Java ({@link #TRAPPED} for the trap). */
    private static Object expected(int cases, int n, int pc, int trapCase) {
        return expected(cases, n, pc, trapCase, 1);
    }

    private static Object expected(int cases, int n, int pc, int trapCase, int stride) {
        long[] mul = multipliers(cases);
        long acc = 0;
        dispatch:
        while (true) {
            cases:
            for (int k = Integer.remainderUnsigned(pc >>> 16, cases); k < cases; k++) {
                if (kind(k, stride) < 0) continue;
                acc = acc * mul[k] + k;
                switch (kind(k, stride)) {
                    case 0 -> { }
                    case 1 -> { break cases; }
                    case 2 -> {
                        if ((acc & 1) != 0) break cases;
                        acc = acc * 3 + 1;
                    }
                    case 3 -> {
                        pc = pc * A + B;
                        if (--n == 0) return acc;
                        continue dispatch;
                    }
                    default -> {
                        if (trapCase == k) return TRAPPED;
                        break cases;
                    }
                }
            }
            pc = pc * A + B;
            if (--n == 0) return acc;
        }
    }

    /** The result ({@link Trap} when it traps) and the fuel consumed (0 without fuel). */
    private record Outcome(Object result, long fuel) {}

    private static Outcome run(EngineConfig config, byte[] module, int n, int pc, int trapCase) {
        Engine engine = new Engine(config);
        Store store = new Store(engine);
        long fuel = Long.MAX_VALUE / 2;
        if (config.consumeFuel()) store.setFuel(fuel);
        if (config.epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 2);
        Instance i = new Linker().instantiate(store, engine.compile(module));
        Object result;
        try {
            result = i.getFunc("run").call(n, pc, trapCase)[0];
        } catch (Trap t) {
            result = t;
        }
        return new Outcome(result, config.consumeFuel() ? fuel - store.getFuel() : 0);
    }

    private static void check(EngineConfig config, int cases, boolean deep, int n, int pc, int trapCase) {
        check(config, cases, deep, n, pc, trapCase, 1);
    }

    private static void check(EngineConfig config, int cases, boolean deep, int n, int pc, int trapCase, int stride) {
        Outcome groups = run(config, module(cases, false, deep, stride), n, pc, trapCase);
        Outcome typed = run(config, module(cases, true, deep, stride), n, pc, trapCase);
        Object want = expected(cases, n, pc, trapCase, stride);
        if (want == TRAPPED) {
            Trap g = assertInstanceOfTrap(groups.result());
            Trap t = assertInstanceOfTrap(typed.result());
            assertEquals(TrapCode.UNREACHABLE, g.code());
            assertEquals(1, g.backtrace().size(), g.backtrace().toString());
            assertEquals(t.backtrace(), g.backtrace());
        } else {
            assertEquals(want, groups.result());
            assertEquals(want, typed.result());
        }
        assertEquals(typed.fuel(), groups.fuel(), "fuel consumed");
    }

    private static Trap assertInstanceOfTrap(Object o) {
        assertTrue(o instanceof Trap, () -> "expected a trap, got " + o);
        return (Trap) o;
    }

    private static final EngineConfig INSTRUMENTED = EngineConfig.builder().consumeFuel(true).epochInterruption(true).build();

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096, 8192, 16384}) // (16,384: 59 groups, two drivers' chains)
    void casesFallThroughBreakContinueAndLeaveAsTheModelSays(int cases) {
        check(EngineConfig.defaults(), cases, false, 20_000, 3, -1);
        check(INSTRUMENTED, cases, false, 20_000, 5, -1);
    }

    @Test
    void splitFinelyWithFuelAndEpochs() {
        check(EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).consumeFuel(true)
                .epochInterruption(true).build(), 2048, false, 5_000, 11, -1);
    }

    @Test
    void aBlockCostingFuelKeepsTheNestedCalls() {
        // nothing may be pending at a group's child: with blocks costing 1 each, groups call their
        // children as before (the entry parameter stays unused), and the fuel is still exact
        OperatorCost blocksCost = (op, sub) -> op == 0x02 ? 1 : OperatorCost.WASMTIME.cost(op, sub);
        check(EngineConfig.builder().consumeFuel(true).operatorCost(blocksCost).build(), 2048, false, 5_000, 13, -1);
    }

    @Test
    void aTrapInsideACaseHasTheSameBacktrace() {
        int cases = 4096;
        // a trapping case (k % 5 == 4) in the middle of the nest that the first dispatches reach
        for (int k = 1004; k < 3000; k += 5) {
            if (expected(cases, 1_000, 3, k) != TRAPPED) continue;
            check(EngineConfig.defaults(), cases, false, 1_000, 3, k);
            check(INSTRUMENTED, cases, false, 1_000, 3, k);
            return;
        }
        throw new AssertionError("no trapping case is reached");
    }

    @Test
    void aSmallFunctionSplitForTheInliningBudgetPassesTheFuelCounterToEachCall() {
        // under 4,096 bytes of code, split only because told to: the fuel counter lives in a JVM
        // local of each method and goes to regions as an argument (600 cases: one group)
        assertTrue(module(600, false, false, 40).length < 4096);
        check(EngineConfig.builder().splitFunctionsOver(0).consumeFuel(true).epochInterruption(true).build(),
                600, false, 20_000, 19, -1, 40);
        check(EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).consumeFuel(true).build(),
                600, false, 20_000, 23, -1, 40);
    }

    @Test
    void inDeepStackModeTheNestIsTranslatedAsBefore() {
        check(INSTRUMENTED, 2048, true, 5_000, 17, -1);
    }

    /** How many regions of the classes made of {@code module} take an int first (a case group's entry, or an i32 operand). */
    private static int intFirstRegions(byte[] module, Path dir) throws IOException {
        new Engine(EngineConfig.builder().dumpClassesDir(dir.toString()).build()).compile(module);
        int[] found = {0};
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                        if (name.contains("$region") && desc.startsWith("(I[J")) found[0]++;
                        return null;
                    }
                }, ClassReader.SKIP_CODE);
            }
        }
        return found[0];
    }

    @Test
    void theEmptyTypedNestHasCaseGroupsAndTheOthersNone(@TempDir Path dir) throws IOException {
        // (or the comparisons above compare the same code): 4,096 blocks make about 14 groups of
        // 272 blocks (the function's own method opens the first 272, the br_table's region is not one)
        int groups = intFirstRegions(module(4096, false, false), dir.resolve("groups"));
        int typed = intFirstRegions(module(4096, true, false), dir.resolve("typed"));
        int deep = intFirstRegions(module(4096, false, true), dir.resolve("deep"));
        assertTrue(groups - typed >= 4096 / 272 - 2, groups + " vs " + typed);
        assertTrue(deep <= typed, deep + " vs " + typed);
    }

    @Test
    void aLongNestIsDrivenInChainsOfBoundedLength(@TempDir Path dir) throws IOException {
        // 16,384 blocks: 59 groups; a driver calls at most 32, so a group drives the rest
        new Engine(EngineConfig.builder().dumpClassesDir(dir.toString()).build()).compile(module(16384, false, false));
        int[] drivers = {0};
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            int groupCalls;

                            @Override
                            public void visitMethodInsn(int op, String owner, String callee, String d, boolean itf) {
                                if (callee.contains("$region") && d.startsWith("(I[J")) groupCalls++;
                            }

                            @Override
                            public void visitEnd() {
                                if (groupCalls >= 2) drivers[0]++;
                                assertTrue(groupCalls <= 32, name + " calls " + groupCalls + " groups");
                            }
                        };
                    }
                }, 0);
            }
        }
        assertEquals(2, drivers[0]);
    }
}
