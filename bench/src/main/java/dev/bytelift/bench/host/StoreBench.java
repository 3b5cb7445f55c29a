package dev.bytelift.bench.host;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InstancePre;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.TestModules;
import dev.bytelift.wasi.Wasi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one more store costs for a WASI program ({@code hello.wasm}, compiled once): a new
 * {@link Store} and {@link Wasi}, and an instance of the module in it, with
 * <ul>
 *   <li>{@code perStoreLinker}: a new {@link Linker} per store, {@code wasi.addToLinker(linker, store)}
 *       (the store-bound API: a hidden class per imported host function per store), then
 *       {@code linker.instantiate};</li>
 *   <li>{@code sharedLinker}: one linker for every store ({@code Wasi.addToLinker(linker)} once),
 *       {@code wasi.attachTo(store)}, {@code linker.instantiate} (resolves the imports each time);</li>
 *   <li>{@code instancePre}: the same with {@code linker.instantiatePre(module)} once and
 *       {@code pre.instantiate(store)} per store.</li>
 * </ul>
 * {@link #instantiate} stops there; {@link #instantiateAndRun} also runs {@code _start} (prints
 * four lines to a per-store buffer): a whole request of a service running one program per store.
 * {@link #memoryAllocationOnly} is what the memory alone costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBench {
    @Param({"perStoreLinker", "sharedLinker", "instancePre"})
    public String linking;

    private Engine engine;
    private Module module;
    private Linker shared;
    private InstancePre pre;

    @Setup
    public void setup() {
        engine = new Engine();
        module = engine.compile(TestModules.load("wasi/hello.wasm"));
        shared = new Linker(engine);
        Wasi.addToLinker(shared);
        pre = shared.instantiatePre(module);
    }

    private Instance newInstance(Wasi wasi) {
        Store store = new Store(engine);
        switch (linking) {
            case "perStoreLinker": {
                Linker linker = new Linker();
                wasi.addToLinker(linker, store);
                return linker.instantiate(store, module);
            }
            case "sharedLinker":
                wasi.attachTo(store);
                return shared.instantiate(store, module);
            default:
                wasi.attachTo(store);
                return pre.instantiate(store);
        }
    }

    /**
     * The floor of {@link #instantiate}: allocating (and zeroing) the two pages of {@code hello.wasm}'s
     * memory alone, as its instantiation does.
     */
    @Benchmark
    public byte[] memoryAllocationOnly() {
        return new byte[2 * 65536];
    }

    @Benchmark
    public Instance instantiate() {
        try (Wasi wasi = Wasi.builder().args("hello.wasm").build()) {
            return newInstance(wasi);
        }
    }

    @Benchmark
    public int instantiateAndRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Wasi wasi = Wasi.builder().args("hello.wasm", "x").stdout(out).build()) {
            return wasi.start(newInstance(wasi)) + out.size();
        }
    }
}
