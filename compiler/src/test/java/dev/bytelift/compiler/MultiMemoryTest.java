package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Multi-memory and memory64 on golden/multimemory.wat: results and traps as Wasmtime 49 gives them
 * (the Python package, recorded below), in every golden configuration; and the loop copying from
 * one memory to another reads each memory's array from its own local, with no field load per
 * access (the arrays are loaded on entry and once after the call, two each).
 */
class MultiMemoryTest {
    private static final Object OOB = TrapCode.MEMORY_OUT_OF_BOUNDS;

    @Test
    void resultsAndTrapsAreWasmtimes() throws IOException {
        byte[] wasm = Files.readAllBytes(GoldenBytecodeTest.GOLDEN.resolve("multimemory.wasm"));
        for (GoldenConfig config : GoldenConfig.values()) {
            Engine engine = new Engine(config.engineConfig());
            Module module = engine.compile(wasm);
            expect(engine, module, config, "copy", 0, 1);
            expect(engine, module, config, "copy", 10, 353569802);
            expect(engine, module, config, "copy", 65532, OOB);
            expect(engine, module, config, "wide", 0L, 8L);
            expect(engine, module, config, "wide", 65504L, 8L);
            expect(engine, module, config, "wide", 65505L, OOB);
            expect(engine, module, config, "wide", -1L, OOB);
            // the 64-bit offset: an effective address past 2^64 traps, it does not wrap
            expect(engine, module, config, "far", 0L, OOB);
            expect(engine, module, config, "far", 16L, OOB);
            expect(engine, module, config, "far", -16L, OOB);
            expect(engine, module, config, "bulk", 3, 1986951023L);
            expect(engine, module, config, "bulk", 65535, OOB);
            expect(engine, module, config, "tables", 0L, 3L);
            expect(engine, module, config, "tables", 1L, 3L);
            expect(engine, module, config, "tables", 2L, TrapCode.TABLE_OUT_OF_BOUNDS);
            expect(engine, module, config, "tables", 1L << 40, TrapCode.TABLE_OUT_OF_BOUNDS);
            expect(engine, module, config, "tables", -1L, TrapCode.TABLE_OUT_OF_BOUNDS);
        }
    }

    private static void expect(Engine engine, Module module, GoldenConfig config, String name, Object arg, Object expected) {
        Store store = new Store(engine);
        if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
        Instance inst = new Linker().instantiate(store, module);
        String what = name + "(" + arg + ") " + config.dirName;
        if (expected instanceof TrapCode code) {
            Trap t = assertThrows(Trap.class, () -> inst.getFunc(name).call(arg), what);
            assertEquals(code, t.code(), what);
        } else {
            assertEquals(expected, inst.getFunc(name).call(arg)[0], what);
        }
    }

    /**
     * 40 memories, more than one function caches ({@code MemoryCaches.MAX_CACHED}): each stores
     * into one from the next, calling a function that grows the last after each; 780 as in Wasmtime.
     */
    @Test
    void manyMemoriesThoseNotCachedAreReadFromTheContext() {
        int n = 40;
        StringBuilder wat = new StringBuilder("(module");
        for (int i = 0; i < n; i++) wat.append(" (memory $m").append(i).append(" 1)");
        wat.append(" (func $g (drop (memory.grow $m").append(n - 1).append(" (i32.const 1))))");
        wat.append(" (func (export \"f\") (param $p i32) (result i32)");
        for (int i = 0; i < n; i++) {
            wat.append(" (i32.store $m").append(i).append(" (local.get $p) (i32.add (i32.load $m").append((i + 1) % n)
                    .append(" (local.get $p)) (i32.const ").append(i).append("))) (call $g)");
        }
        wat.append(" (i32.const 0)");
        for (int i = 0; i < n; i++) wat.append(" (i32.add (i32.load $m").append(i).append(" (local.get $p)))");
        wat.append("))");
        for (GoldenConfig config : GoldenConfig.values()) {
            Engine engine = new Engine(config.engineConfig());
            Module module = engine.compileText(wat.toString(), "many.wat");
            Store store = new Store(engine);
            if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance inst = new Linker().instantiate(store, module);
            assertEquals(780, inst.getFunc("f").call(100)[0], config.dirName);
        }
    }

    @Test
    void aMemoryLargerThanOneArrayFailsInstantiationWithAClearMessage() {
        Engine engine = new Engine();
        for (String wat : new String[] {"(module (memory 40000))", "(module (memory i64 0x1_0000_0000))",
                "(module (memory 1) (memory i64 40000 40000))"}) {
            Module module = engine.compile(wat.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Trap t = assertThrows(Trap.class, () -> new Linker().instantiate(new Store(engine), module), wat);
            assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, t.code(), wat);
            assertTrue(t.getMessage().contains("exceeds the maximum of 32767 pages"), t.getMessage());
        }
        // a declared maximum past it is fine: only what is allocated must fit
        Module fine = engine.compile("(module (memory i64 1 0x1_0000_0000_0000))".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new Linker().instantiate(new Store(engine), fine);
    }

    @Test
    void eachMemoryIsCachedInItsOwnLocal() throws IOException {
        byte[] wasm = Files.readAllBytes(GoldenBytecodeTest.GOLDEN.resolve("multimemory.wasm"));
        String text = GoldenBytecodeTest.render(wasm, GoldenConfig.PLAIN);
        Matcher m = Pattern.compile("(?s)static f1_copy\\(.*?(?=\\n  // access flags|\\z)").matcher(text);
        assertTrue(m.find(), "no method f1_copy in\n" + text);
        String copy = m.group();
        int arrayLoads = count(copy, "GETFIELD dev/bytelift/runtime/internal/VMMemory.bytes");
        // memories $a and $b: on entry, and once after the call; none in the loop's 4 accesses
        assertEquals(4, arrayLoads, copy);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
