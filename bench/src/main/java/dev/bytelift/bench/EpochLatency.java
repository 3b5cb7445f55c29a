package dev.bytelift.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.testmodules.TestModules;

/**
 * How long an infinite loop ({@code loop br 0}) keeps running after another thread increments the
 * epoch: from {@code Engine.incrementEpoch()} to the {@code Interrupt} trap reaching the caller
 * (issue 4's target: under 1 ms). Part of {@link BenchMain}'s run; alone:
 * {@code java -cp bench/target/benchmarks.jar dev.bytelift.bench.EpochLatency [trials]}.
 */
public final class EpochLatency {
    private EpochLatency() {}

    /** Latencies in microseconds. */
    public record Result(int trials, double median, double p90, double p99, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Epoch interruption latency (incrementEpoch() on another thread -> Interrupt trap"
                    + " in the caller), %d trials: median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us",
                    trials, median, p90, p99, max);
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(measure(args.length > 0 ? Integer.parseInt(args[0]) : 300));
    }

    public static Result measure(int trials) throws InterruptedException {
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
        return new Result(trials, latencies[trials / 2] / 1e3, latencies[trials * 9 / 10] / 1e3,
                latencies[trials * 99 / 100] / 1e3, latencies[trials - 1] / 1e3);
    }
}
