package dev.bytelift.bench.limits;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.testmodules.TestModules;

/**
 * How long an infinite loop keeps running after another thread increments the epoch: from
 * {@code Engine.incrementEpoch()} to the {@code Interrupt} trap reaching the caller (issue 4's
 * target: under 1 ms). Run: {@code java -cp BENCH_CLASSPATH dev.bytelift.bench.limits.EpochLatency [trials]}.
 */
public final class EpochLatency {
    private EpochLatency() {}

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Engine engine = new Engine(EngineConfig.builder().epochInterruption(true).build());
        Store store = new Store(engine);
        Func loop = new Linker().instantiate(store, engine.compile(TestModules.load("wat/limits/epoch.wasm"))).getFunc("loop_br");
        long[] latencies = new long[trials];
        for (int t = -50; t < trials; t++) { // 50 warm-up trials
            store.setEpochDeadline(1);
            AtomicLong incrementedAt = new AtomicLong();
            Thread ticker = new Thread(() -> {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                incrementedAt.set(System.nanoTime());
                engine.incrementEpoch();
            });
            ticker.start();
            long trapped;
            try {
                loop.call();
                throw new IllegalStateException("the loop returned");
            } catch (Trap trap) {
                trapped = System.nanoTime();
            }
            ticker.join();
            if (t >= 0) latencies[t] = trapped - incrementedAt.get();
        }
        Arrays.sort(latencies);
        System.out.printf("epoch increment -> Interrupt trap, %d trials: median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                trials, latencies[trials / 2] / 1e3, latencies[trials * 9 / 10] / 1e3, latencies[trials * 99 / 100] / 1e3,
                latencies[trials - 1] / 1e3);
    }
}
