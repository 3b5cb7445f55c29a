package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;

/** Typed function references as the embedding API shows them: types, calls, tables, globals, imports. */
class TypedReferencesApiTest {
    private static final String WAT = """
            (module
              (type $ii (func (param i32) (result i32)))
              (func $inc (export "inc") (type $ii) (i32.add (local.get 0) (i32.const 1)))
              (func (export "apply") (param $f (ref $ii)) (param i32) (result i32)
                (call_ref $ii (local.get 1) (local.get $f)))
              (func (export "applyNull") (param $f (ref null $ii)) (result i32)
                (call_ref $ii (i32.const 0) (local.get $f)))
              (table (export "t") 2 (ref $ii) (ref.func $inc))
              (global (export "g") (ref $ii) (ref.func $inc)))
            """;

    private static final FuncType II = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));

    @Test
    void typesShowTheirReferences() {
        Engine engine = new Engine();
        Module module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8));
        Store store = new Store(engine);
        Instance i = new Linker().instantiate(store, module);
        ValType ref = ValType.ref(false, HeapType.of(II));
        assertEquals(FuncType.of(List.of(ref, ValType.I32), List.of(ValType.I32)), i.getFunc("apply").type());
        assertEquals("(func (param (ref (func (param i32) (result i32))) i32) (result i32))", i.getFunc("apply").type().toString());
        assertEquals("(ref null (func (param i32) (result i32)))", ValType.ref(true, HeapType.of(II)).toString());
        assertSame(ValType.FUNCREF, ValType.ref(true, HeapType.FUNC));
        assertTrue(ref.isSubtypeOf(ValType.ref(true, HeapType.of(II))) && ref.isSubtypeOf(ValType.FUNCREF)
                && ref.isSubtypeOf(ValType.ref(false, HeapType.FUNC)));
        assertFalse(ValType.FUNCREF.isSubtypeOf(ref) || ref.isSubtypeOf(ValType.EXTERNREF));
        assertTrue(ValType.NULLFUNCREF.isSubtypeOf(ValType.ref(true, HeapType.of(II))));
        assertEquals(ref, i.getTable("t").elementType());
        assertEquals(new GlobalType(ref, false), i.getGlobal("g").type());
    }

    @Test
    void callsCheckTheReferencesTheyAreGiven() {
        Engine engine = new Engine();
        Store store = new Store(engine);
        Instance i = new Linker().instantiate(store, engine.compile(WAT.getBytes(StandardCharsets.UTF_8)));
        Func inc = i.getFunc("inc");
        assertArrayEquals(new Object[] {42}, i.getFunc("apply").call(inc, 41));
        assertThrows(IllegalArgumentException.class, () -> i.getFunc("apply").call(null, 41)); // non-null parameter
        assertThrows(IllegalArgumentException.class, () -> i.getFunc("apply").call(i.getFunc("apply"), 41)); // wrong type
        Trap t = assertThrows(Trap.class, () -> i.getFunc("applyNull").call((Object) null));
        assertEquals(TrapCode.NULL_FUNCTION_REFERENCE, t.code());
        Table table = i.getTable("t");
        assertSame(inc, table.get(1));
        assertThrows(IllegalArgumentException.class, () -> table.set(0, null));
        assertThrows(IllegalArgumentException.class, () -> new Global(new GlobalType(ValType.ref(false, HeapType.FUNC), false), null));
    }

    @Test
    void importsMatchBySubtyping() {
        Engine engine = new Engine();
        Store store = new Store(engine);
        Instance exporter = new Linker().instantiate(store, engine.compile(WAT.getBytes(StandardCharsets.UTF_8)));
        Linker linker = new Linker().defineInstance("m", exporter);
        // an immutable global of type (ref $ii) stands for a funcref one, or a (ref null $ii) one
        for (String type : new String[] {"funcref", "(ref func)", "(ref null $ii)", "(ref $ii)"}) {
            String importer = "(module (type $ii (func (param i32) (result i32))) (import \"m\" \"g\" (global " + type + ")))";
            linker.instantiate(store, engine.compile(importer.getBytes(StandardCharsets.UTF_8)));
        }
        // a mutable global must have the same type; a table too
        Global mutable = new Global(new GlobalType(ValType.ref(false, HeapType.FUNC), true), exporter.getFunc("inc"));
        linker.define("m", "mg", mutable);
        String mg = "(module (import \"m\" \"mg\" (global (mut funcref))))";
        assertThrows(LinkException.class, () -> linker.instantiate(store, engine.compile(mg.getBytes(StandardCharsets.UTF_8))));
        String tab = "(module (import \"m\" \"t\" (table 2 funcref)))";
        assertThrows(LinkException.class, () -> linker.instantiate(store, engine.compile(tab.getBytes(StandardCharsets.UTF_8))));
        String fn = "(module (type $ii (func (param i32) (result i32))) (import \"m\" \"t\" (table 2 (ref $ii))))";
        linker.instantiate(store, engine.compile(fn.getBytes(StandardCharsets.UTF_8)));
    }
}
