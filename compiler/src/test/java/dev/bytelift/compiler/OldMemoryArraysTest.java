package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A memory that grows is copied into a new array; the old one must become garbage at once, or a
 * program growing its memory a few pages at a time holds several copies of it (rust-compression
 * had 164 MB live with 49 MB of memory: the frames below the growing call kept the arrays they had
 * cached, and the bytecode interpreter keeps every reference local of a frame reachable). Generated
 * code therefore lets go of its cached array before any call that may grow memory. Runs
 * src/test/resources/memory/old-arrays.wat once per golden configuration (split finely, the frames
 * are also region methods), interpreted: a fresh engine's code has not been JIT-compiled yet.
 */
class OldMemoryArraysTest {
    private static final Path WASM = Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "memory", "old-arrays.wasm");

    @Test
    void noFrameKeepsAGrownMemorysOldArray() throws IOException {
        byte[] wasm = Files.readAllBytes(WASM);
        for (GoldenConfig config : GoldenConfig.values()) {
            Engine engine = new Engine(config.engineConfig());
            Module module = engine.compile(wasm);
            Store store = new Store(engine);
            if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
            List<WeakReference<byte[]>> arrays = new ArrayList<>();
            int[] checks = {0};
            Linker linker = new Linker();
            FuncType unit = FuncType.of(List.of(), List.of());
            linker.defineFunction(store, "host", "snapshot", unit, (caller, args) -> {
                arrays.add(new WeakReference<>(caller.memory().data()));
                return null;
            });
            linker.defineFunction(store, "host", "check", unit, (caller, args) -> {
                checks[0]++;
                byte[] current = caller.memory().data();
                assertSame(current, arrays.get(arrays.size() - 1).get(), config.dirName);
                for (int attempt = 0; attempt < 5 && kept(arrays) > 0; attempt++) System.gc();
                assertEquals(0, kept(arrays), config.dirName + ": old arrays still reachable at check " + checks[0]);
                return null;
            });
            Instance instance = linker.instantiate(store, module);
            assertEquals(10, instance.getFunc("run").call()[0], config.dirName);
            assertEquals(3, checks[0], config.dirName);
        }
    }

    /** How many arrays but the last (the current one) are still reachable. */
    private static int kept(List<WeakReference<byte[]>> arrays) {
        int n = 0;
        for (int i = 0; i < arrays.size() - 1; i++) if (arrays.get(i).get() != null) n++;
        return n;
    }
}
