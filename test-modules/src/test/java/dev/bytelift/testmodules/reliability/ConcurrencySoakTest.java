package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 7: many threads, each with its own stores, instantiating and running one
 * {@link Module} with traps, fuel exhaustion and epoch interrupts mixed in, while another thread
 * advances the epoch. Every call gives its expected result or trap, and after 1,200 instantiations
 * neither the loaded classes nor the heap (after GC) have grown past generous bounds: instances
 * (each with a 64 KiB memory) are not kept alive by anything shared, and the entry trampoline
 * classes defined per function (hidden, weak) are unloaded with them.
 */
class ConcurrencySoakTest {
    private static final int THREADS = 6, ROUNDS = 200;

    /** {@code work(n)}: acc = acc * 31 + i for i < n, through memory; {@code div(x)}: 1 / x; {@code spin()}: loops forever. */
    static byte[] module() {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32}, new int[] {I32});
        int v = m.type(new int[0], new int[0]);
        m.memory(1, -1);
        Bytes work = new Bytes()
                .op(0x02, 0x40, 0x03, 0x40)
                .op(0x20, 1, 0x20, 0, 0x4E, 0x0D, 1)                           // br_if 1 (i >= n)
                .op(0x20, 2, 0x41, 31, 0x6C, 0x20, 1, 0x6A, 0x21, 2)         // acc = acc * 31 + i
                .op(0x20, 1, 0x41, 1, 0x6A, 0x21, 1)                          // i++
                .op(0x0C, 0, 0x0B, 0x0B)
                .op(0x41, 0, 0x20, 2, 0x36, 0x02, 0x00)                       // mem[0] = acc
                .op(0x41, 0, 0x28, 0x02, 0x00);                               // mem[0]
        m.export("work", 0, m.func(t, 2, work));
        m.export("div", 0, m.func(t, new Bytes().op(0x41, 1, 0x20, 0, 0x6D)));
        m.export("spin", 0, m.func(v, new Bytes().op(0x03, 0x40, 0x0C, 0, 0x0B)));
        return m.toBytes();
    }

    static int expectedWork(int n) {
        int acc = 0;
        for (int i = 0; i < n; i++) acc = acc * 31 + i;
        return acc;
    }

    @Test
    void manyThreadsManyStoresOneModule() throws Exception {
        Engine engine = new Engine(EngineConfig.builder().consumeFuel(true).epochInterruption(true).build());
        Module module = engine.compile(module());
        for (int i = 0; i < 50; i++) round(engine, module, i, false); // warm up: load what the first calls load

        long heapBefore = heapAfterGc(); // (classes are counted after the GC, which unloads unreachable ones)
        long classesBefore = loadedClasses();
        Thread ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                engine.incrementEpoch();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "epoch-ticker");
        ticker.setDaemon(true);
        ticker.start();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger instantiations = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            int seed = k;
            Thread th = new Thread(null, () -> {
                try {
                    for (int r = 0; r < ROUNDS; r++) {
                        round(engine, module, seed * 1000 + r, true);
                        instantiations.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "soak-" + k, 16 << 20);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join(120_000);
        ticker.interrupt();
        ticker.join();
        if (!failures.isEmpty()) throw new AssertionError(failures.size() + " thread(s) failed", failures.peek());
        assertEquals(THREADS * ROUNDS, instantiations.get());

        long heapGrowth = heapAfterGc() - heapBefore;
        long classesGrowth = loadedClasses() - classesBefore;
        System.out.printf("soak: %d instantiations, loaded classes %+d, heap after GC %+d KiB%n", instantiations.get(), classesGrowth, heapGrowth >> 10);
        // 1,200 instances with a 64 KiB memory each would keep 75 MiB if leaked
        assertTrue(classesGrowth < 300, "loaded classes grew by " + classesGrowth);
        assertTrue(heapGrowth < 24L << 20, "heap after GC grew by " + (heapGrowth >> 10) + " KiB");
    }

    /** One store: instantiate, run work, trap, run out of fuel, get interrupted (if the epoch advances). */
    private static void round(Engine engine, Module module, int seed, boolean epochs) {
        Store store = new Store(engine);
        store.setFuel(1_000_000_000L);
        store.setEpochDeadline(Long.MAX_VALUE / 4);
        Instance inst = new Linker().instantiate(store, module);
        int n = 100 + seed % 900;
        assertEquals(expectedWork(n), inst.getFunc("work").call(n)[0]);
        Func div = inst.getFunc("div");
        assertEquals(1 / (seed % 5 + 1), div.call(seed % 5 + 1)[0]);
        assertTrap(TrapCode.INTEGER_DIVISION_BY_ZERO, () -> div.call(0));
        store.setFuel(10_000 + seed % 1000);
        assertTrap(TrapCode.OUT_OF_FUEL, () -> inst.getFunc("spin").call());
        store.setFuel(1_000_000_000_000L);
        if (epochs) {
            store.setEpochDeadline(1);
            assertTrap(TrapCode.INTERRUPT, () -> inst.getFunc("spin").call());
            store.setEpochDeadline(Long.MAX_VALUE / 4);
        }
        assertEquals(expectedWork(n + 1), inst.getFunc("work").call(n + 1)[0]); // the store is usable after traps
    }

    private static void assertTrap(TrapCode code, Runnable call) {
        try {
            call.run();
        } catch (Trap t) {
            assertEquals(code, t.code(), t.describe());
            return;
        }
        throw new AssertionError("no trap, expected " + code);
    }

    private static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
