package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 5: a store is used by one thread at a time. Four threads calling a multi-value
 * export of one store got another call's results in 5-12 % of calls (results after the first go
 * through the store's scratch area); now a thread entering WebAssembly while another thread's
 * call runs in the store gets an IllegalStateException. {@code Func.call}, the only way to get
 * more than one result, claims the store with a compare-and-set, so no overlap goes unnoticed.
 */
class StoreThreadsTest {
    private final Engine engine = new Engine();

    /** Exports multi(x) = (x, x+1, x+2, x+3), and wait(x) = host.wait(x) (a host function that blocks). */
    private Instance instantiate(Store store, CountDownLatch entered, CountDownLatch release) {
        ModuleBuilder m = new ModuleBuilder();
        int unary = m.type(new int[] {I32}, new int[] {I32});
        int multi = m.type(new int[] {I32}, repeat(I32, 4));
        int wait = m.importFunc("host", "wait", unary);
        Bytes code = new Bytes();
        for (int k = 0; k < 4; k++) code.op(0x20, 0x00).op(0x41).s32(k).op(0x6A);
        m.export("multi", 0, m.func(multi, code));
        m.export("wait", 0, m.func(unary, new Bytes().op(0x20, 0x00).op(0x10).u32(wait)));
        Func waitFn = Func.wrap(store, IntUnaryOperator.class, x -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return x * 2;
        });
        return new Linker().define("host", "wait", waitFn).instantiate(store, engine.compile(m.toBytes()));
    }

    @Test
    void enteringAStoreWhileAnotherThreadRunsInItFails() throws Exception {
        Store store = new Store(engine);
        CountDownLatch entered = new CountDownLatch(1), release = new CountDownLatch(1);
        Instance inst = instantiate(store, entered, release);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Object[]> waiting = other.submit(() -> inst.getFunc("wait").call(21));
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            // the other thread is inside WebAssembly of this store (in a host function it called)
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> inst.getFunc("multi").call(1));
            assertTrue(e.getMessage().contains("two threads"), e.getMessage());
            IntUnaryOperator typed = inst.getFunc("wait").typed(IntUnaryOperator.class);
            assertThrows(IllegalStateException.class, () -> typed.applyAsInt(1));
            release.countDown();
            assertArrayEquals(new Object[] {42}, waiting.get(30, TimeUnit.SECONDS));
            // once the other thread's call is over, this thread may use the store
            assertArrayEquals(new Object[] {1, 2, 3, 4}, inst.getFunc("multi").call(1));
            assertEquals(84, other.submit(() -> typed.applyAsInt(42)).get(30, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void fourThreadsHammeringOneStoreGetNoWrongResultsUnnoticed() throws Exception {
        Store store = new Store(engine);
        Instance inst = instantiate(store, new CountDownLatch(0), new CountDownLatch(0));
        Func multi = inst.getFunc("multi");
        AtomicInteger wrong = new AtomicInteger(), refused = new AtomicInteger(), right = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int rounds = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            // rounds until the threads have overlapped at least once: on a busy machine one round's
            // threads may well run one after the other
            do {
                rounds++;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * 1_000_000;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20_000; i++) {
                            int x = base + i;
                            try {
                                Object[] r = multi.call(x);
                                if (r[0].equals(x) && r[1].equals(x + 1) && r[2].equals(x + 2) && r[3].equals(x + 3)) right.incrementAndGet();
                                else wrong.incrementAndGet();
                            } catch (IllegalStateException e) {
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
            } while (refused.get() == 0 && System.nanoTime() < deadline);
        } finally {
            pool.shutdownNow();
        }
        System.out.println("StoreThreadsTest: right " + right + ", refused " + refused + ", wrong " + wrong);
        assertEquals(80_000 * rounds, right.get() + refused.get() + wrong.get());
        assertTrue(refused.get() > 0, "concurrent calls were noticed");
        assertEquals(0, wrong.get(), "no call returned another's results without an exception");
    }

    @Test
    void theStoreMovesBetweenThreadsBetweenCalls() throws Exception {
        Store store = new Store(engine);
        Instance inst = instantiate(store, new CountDownLatch(0), new CountDownLatch(0));
        Func multi = inst.getFunc("multi");
        for (int i = 0; i < 5; i++) {
            int x = i;
            Thread t = new Thread(() -> assertArrayEquals(new Object[] {x, x + 1, x + 2, x + 3}, multi.call(x)));
            AtomicInteger failed = new AtomicInteger();
            t.setUncaughtExceptionHandler((th, e) -> failed.incrementAndGet());
            t.start();
            t.join();
            assertEquals(0, failed.get());
            assertArrayEquals(new Object[] {x, x + 1, x + 2, x + 3}, multi.call(x));
        }
    }
}
