package dev.bytelift.testmodules.huge;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.FUNCREF;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a {@code call_indirect} dispatcher switches over every function of its type, and one
 * over more than 8,000 bytes is never JIT-compiled (SQLite's: 8,096 bytes), so every indirect call
 * of that type ran interpreted. Past a size the cases go to sub-dispatchers over ranges.
 */
class LargeDispatcherTest {
    private static final int FUNCTIONS = 1_200;

    /**
     * {@code FUNCTIONS} functions {@code (i32, i32) -> i32} returning {@code a * 3 + b + k}, all in a
     * table, and {@code call(i, a, b)} calling entry {@code i} indirectly.
     */
    private static byte[] module() {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32, I32}, new int[] {I32});
        int callType = m.type(new int[] {I32, I32, I32}, new int[] {I32});
        int[] funcs = new int[FUNCTIONS];
        for (int k = 0; k < FUNCTIONS; k++) {
            Bytes code = new Bytes().op(0x20).u32(0).op(0x41).s32(3).op(0x6C) // a * 3
                    .op(0x20).u32(1).op(0x6A)                                    // + b
                    .op(0x41).s32(k).op(0x6A);                                   // + k
            funcs[k] = m.func(t, code);
        }
        m.table(FUNCREF, FUNCTIONS, FUNCTIONS);
        m.elem(0, funcs);
        Bytes call = new Bytes().op(0x20).u32(1).op(0x20).u32(2).op(0x20).u32(0).op(0x11).u32(t).u32(0);
        m.export("call", 0, m.func(callType, call));
        return m.toBytes();
    }

    @Test
    void everyTargetIsReachedAndEveryDispatcherCanBeJitCompiled(@TempDir Path dump) throws IOException {
        Engine engine = new Engine(EngineConfig.builder().dumpClassesDir(dump.toString()).build());
        Store store = new Store(engine);
        Instance instance = new Linker().instantiate(store, engine.compile(module()));
        Func call = instance.getFunc("call");
        for (int k = 0; k < FUNCTIONS; k++) {
            assertArrayEquals(new Object[] {5 * 3 + 7 + k}, call.call(k, 5, 7), "entry " + k);
        }
        int dispatchers = 0;
        try (Stream<Path> files = Files.walk(dump)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                for (String[] method : JitSizeLimitTest.codeLengths(Files.readAllBytes(f))) {
                    if (!method[0].startsWith("callIndirect")) continue;
                    dispatchers++;
                    int length = Integer.parseInt(method[1]);
                    assertTrue(length <= 8000, f.getFileName() + " " + method[0] + ": " + length + " bytes of code");
                }
            }
        }
        assertTrue(dispatchers > 1, "the dispatcher's cases are spread over sub-dispatchers: " + dispatchers);
    }
}
