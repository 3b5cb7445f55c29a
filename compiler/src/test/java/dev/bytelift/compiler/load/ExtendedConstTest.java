package dev.bytelift.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;

/**
 * Extended constant expressions ({@link Feature#EXTENDED_CONST}): on by default, evaluated with
 * two's-complement wrap-around, ordered (only earlier immutable globals), unmetered, and with the
 * feature off invalid with 2.0's messages.
 */
class ExtendedConstTest {
    private static final Engine DEFAULT = new Engine();
    private static final Engine WASM2 = new Engine(EngineConfig.builder().feature(Feature.EXTENDED_CONST, false).build());

    private static Instance instantiate(Engine engine, String wat) {
        Module m = engine.compileText(wat, "test.wat");
        Linker linker = new Linker().define("env", "g", new Global(new GlobalType(ValType.I32, false), 40));
        return linker.instantiate(new Store(engine), m);
    }

    private static String invalid(Engine engine, String wat) {
        return assertThrows(InvalidModuleException.class, () -> engine.compileText(wat, "test.wat")).specMessage();
    }

    @Test
    void onByDefault() {
        assertTrue(EngineConfig.builder().build().enabled(Feature.EXTENDED_CONST));
        assertTrue(Feature.defaults().contains(Feature.EXTENDED_CONST));
        assertTrue(!Feature.webAssembly2().contains(Feature.EXTENDED_CONST));
    }

    @Test
    void arithmeticWrapsAround() {
        Instance i = instantiate(DEFAULT, """
                (module
                  (global (export "add") i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
                  (global (export "sub") i32 (i32.sub (i32.const 0x80000000) (i32.const 1)))
                  (global (export "mul") i32 (i32.mul (i32.const 0x10001) (i32.const 0x10001)))
                  (global (export "add64") i64 (i64.add (i64.const 0x7fffffffffffffff) (i64.const 1)))
                  (global (export "sub64") i64 (i64.sub (i64.const 0) (i64.const 0x8000000000000000)))
                  (global (export "mul64") i64 (i64.mul (i64.const 0x100000001) (i64.const 0x100000001)))
                  (global (export "mixed") i32
                    (i32.mul (i32.add (i32.sub (i32.const 20) (i32.const 2)) (i32.const 4)) (i32.const -3))))
                """);
        assertEquals(Integer.MIN_VALUE, i.getGlobal("add").get());
        assertEquals(Integer.MAX_VALUE, i.getGlobal("sub").get());
        assertEquals(0x20001, i.getGlobal("mul").get());
        assertEquals(Long.MIN_VALUE, i.getGlobal("add64").get());
        assertEquals(Long.MIN_VALUE, i.getGlobal("sub64").get());
        assertEquals(0x200000001L, i.getGlobal("mul64").get());
        assertEquals(-66, i.getGlobal("mixed").get());
    }

    @Test
    void globalGetOfEarlierGlobalsInInitialisersAndOffsets() {
        Instance i = instantiate(DEFAULT, """
                (module
                  (import "env" "g" (global $imp i32))
                  (global $a i32 (i32.const 2))
                  (global $b (export "b") i32 (i32.add (global.get $imp) (global.get $a)))
                  (global $c (export "c") i32 (i32.mul (global.get $b) (global.get $a)))
                  (memory (export "mem") 1)
                  (data (i32.sub (global.get $c) (i32.const 1)) "x")
                  (table (export "t") 100 funcref)
                  (func $f)
                  (elem (i32.add (global.get $b) (i32.const 1)) $f))
                """);
        assertEquals(42, i.getGlobal("b").get());
        assertEquals(84, i.getGlobal("c").get());
        assertEquals('x', i.getMemory("mem").data()[83]);
        assertNull(i.getTable("t").get(42));
        assertNotNull(i.getTable("t").get(43));
    }

    @Test
    void laterOrMutableGlobalsAreInvalid() {
        assertEquals("unknown global 1", invalid(DEFAULT,
                "(module (global i32 (i32.add (global.get 1) (i32.const 1))) (global i32 (i32.const 0)))"));
        assertEquals("unknown global 0", invalid(DEFAULT, "(module (global i32 (global.get 0)))"));
        assertEquals("constant expression required", invalid(DEFAULT,
                "(module (global (mut i32) (i32.const 1)) (global i32 (i32.add (global.get 0) (i32.const 1))))"));
        assertEquals("constant expression required", invalid(DEFAULT,
                "(module (global (mut i32) (i32.const 1)) (memory 1) (data (global.get 0) \"\"))"));
    }

    @Test
    void operandsAreTypeChecked() {
        assertEquals("type mismatch", invalid(DEFAULT, "(module (global i32 (i32.add (i32.const 1) (i64.const 1))))"));
        assertEquals("type mismatch", invalid(DEFAULT, "(module (global i64 (i32.add (i32.const 1) (i32.const 1))))"));
        assertEquals("type mismatch", invalid(DEFAULT, "(module (global i32 i32.const 1 i32.add))"));
        assertEquals("type mismatch", invalid(DEFAULT, "(module (global i32 i32.add))"));
        assertEquals("type mismatch", invalid(DEFAULT, "(module (global i32 i32.const 1 i32.const 2 i32.const 3 i32.add))"));
        // other numeric operators stay non-constant
        assertEquals("constant expression required", invalid(DEFAULT,
                "(module (global i32 (i32.div_s (i32.const 4) (i32.const 2))))"));
    }

    @Test
    void withTheFeatureOffTheyAreInvalidAsIn2_0() {
        assertEquals("constant expression required", invalid(WASM2, "(module (global i32 (i32.add (i32.const 1) (i32.const 2))))"));
        assertEquals("constant expression required", invalid(WASM2, "(module (global i64 (i64.mul (i64.const 1) (i64.const 2))))"));
        assertEquals("constant expression required", invalid(WASM2, "(module (memory 1) (data (i32.sub (i32.const 1) (i32.const 1)) \"\"))"));
        assertEquals("unknown global 0", invalid(WASM2, "(module (global i32 (i32.const 0)) (global i32 (global.get 0)))"));
        assertEquals("unknown global 0", invalid(WASM2, "(module (global i32 (i32.const 0)) (memory 1) (data (global.get 0) \"\"))"));
        // imported globals stay usable
        assertEquals(40, instantiate(WASM2, "(module (import \"env\" \"g\" (global i32)) (global (export \"x\") i32 (global.get 0)))")
                .getGlobal("x").get());
    }

    /** A deeply nested expression (100,000 pending operands) is evaluated without recursion. */
    @Test
    void deepExpressions() {
        int n = 100_000;
        StringBuilder sb = new StringBuilder("(module (global (export \"g\") i32 ");
        for (int k = 0; k < n; k++) sb.append("i32.const 3 ");
        for (int k = 1; k < n; k++) sb.append("i32.add ");
        sb.append("))");
        assertEquals(3 * n, instantiate(DEFAULT, sb.toString()).getGlobal("g").get());
    }

    /**
     * Constant expressions consume no fuel: Bytelift meters no instantiation work, for 2.0 modules
     * either. (Wasmtime 49 charges a little at instantiation when it cannot initialise statically:
     * 1 for globals with a non-numeric initialiser, 2 per computed data offset plus 1 + length per
     * data segment; a difference left to the fuel-parity work, not particular to this proposal.)
     */
    @Test
    void notMetered() {
        Engine fuel = new Engine(EngineConfig.builder().consumeFuel(true).build());
        Module m = fuel.compileText("""
                (module
                  (global (export "g") i64 (i64.mul (i64.add (i64.const 3) (i64.const 4)) (i64.sub (i64.const 9) (i64.const 3))))
                  (memory 1)
                  (data (i32.mul (i32.const 2) (i32.const 8)) "x"))
                """, "fuel.wat");
        Store store = new Store(fuel);
        store.setFuel(1000);
        Instance i = new Linker().instantiate(store, m);
        assertEquals(42L, i.getGlobal("g").get());
        assertEquals(1000, store.getFuel());
    }
}
