package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Generated code caches memory 0's array in a local and reloads it lazily: after a call or
 * {@code memory.grow} it is only marked stale, and control flow carries the mark to where memory
 * is next used. Each export of src/test/resources/memory/stale-cache.wat grows memory on some
 * paths and reads the new page after they join; a path that missed its reload would read the old,
 * shorter array and trap. Expected values are V8's (Node 20), in every golden configuration
 * (split finely, the joins are also region calls and exit dispatches).
 */
class MemoryCacheTest {
    private static final Path WASM = Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "memory", "stale-cache.wasm");
    private static final Object TRAP = "trap";

    @Test
    void everyPathReloadsTheCacheAfterMemoryGrew() throws IOException {
        byte[] wasm = Files.readAllBytes(WASM);
        for (GoldenConfig config : GoldenConfig.values()) {
            EngineConfig ec = config.engineConfig();
            Engine engine = new Engine(ec);
            Module module = engine.compile(wasm);
            expect(engine, module, config, "ifElse", new int[] {0, 1}, TRAP, 1001);
            expect(engine, module, config, "ifOnly", new int[] {0, 1}, TRAP, 1001);
            expect(engine, module, config, "elseArm", new int[] {0, 1}, 1001, 7);
            expect(engine, module, config, "brToEnd", new int[] {0, 1}, TRAP, 1001);
            expect(engine, module, config, "brTable", new int[] {0, 1, 2, 3}, 1002, 1003, 1001, 1001);
            expect(engine, module, config, "backEdge", new int[] {1, 2, 3, 5}, 0, 1001, 2003, 4010);
            expect(engine, module, config, "brBackEdge", new int[] {1, 2, 3, 5}, 0, 1001, 2003, 4010);
            expect(engine, module, config, "tableBackEdge", new int[] {1, 2, 4}, 1001, 1002, 1004);
            expect(engine, module, config, "growOp", new int[] {0, 1}, TRAP, 300);
        }
    }

    /** Calls {@code name} once per argument, each in a fresh instance (memory of one page). */
    private static void expect(Engine engine, Module module, GoldenConfig config, String name, int[] args, Object... expected) {
        for (int k = 0; k < args.length; k++) {
            Store store = new Store(engine);
            if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance inst = new Linker().instantiate(store, module);
            String what = name + "(" + args[k] + ") " + config.dirName;
            int arg = args[k];
            if (expected[k] == TRAP) {
                Trap t = assertThrows(Trap.class, () -> inst.getFunc(name).call(arg), what);
                assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, t.code(), what);
            } else {
                assertEquals(expected[k], inst.getFunc(name).call(arg)[0], what);
            }
        }
    }
}
