package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.FUNCREF;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I64;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 3 (and issue 18): functions, tables, memories and globals belong to one store.
 * Type ids of {@code call_indirect} checks are per engine and extra results go through a per-store
 * scratch area, so using one store's objects in another went wrong silently (a six-result host
 * function of store A called from store B returned 1 instead of 21) or with a
 * WrongMethodTypeException. Every such use is now an error where it happens.
 */
class CrossStoreTest {
    private final Engine engineA = new Engine();
    private final Engine engineB = new Engine();
    private final Store storeA = new Store(engineA);
    private final Store storeB = new Store(engineB);

    private static final FuncType SIX = FuncType.of(List.of(), Collections.nCopies(6, ValType.I32));

    /** Imports host.six (six i32 results) and exports sum, their sum. */
    private static byte[] sixModule() {
        ModuleBuilder m = new ModuleBuilder();
        int six = m.type(new int[0], repeat(I32, 6));
        int sum = m.type(new int[0], new int[] {I32});
        int imp = m.importFunc("host", "six", six);
        Bytes code = new Bytes().op(0x10).u32(imp);
        for (int i = 0; i < 5; i++) code.op(0x6A);
        m.export("sum", 0, m.func(sum, code));
        return m.toBytes();
    }

    private static Func six(Store store) {
        return Func.host(store, SIX, (c, a) -> new Object[] {1, 2, 3, 4, 5, 6});
    }

    @Test
    void aHostFunctionDefinedWithAnotherStoreIsALinkError() {
        Module module = engineB.compile(sixModule());
        Store otherB = new Store(engineB);
        Linker linker = new Linker().define("host", "six", six(otherB));
        LinkException e = assertThrows(LinkException.class, () -> linker.instantiate(storeB, module));
        assertTrue(e.getMessage().contains("belongs to a different store"), e.getMessage());
        // with its own store's function, the sum is right
        Instance ok = new Linker().define("host", "six", six(storeB)).instantiate(storeB, module);
        assertEquals(21, ok.getFunc("sum").call()[0]);
        Instance inOther = linker.instantiate(otherB, module);
        assertEquals(21, inOther.getFunc("sum").call()[0]);
    }

    @Test
    void aHostFunctionOfAnotherEngineCannotEnterATable() {
        // engine B's first type is [i64] -> [i64]; engine A's first, the host function's, is [] -> [i32]:
        // both have type id 0 in their engines
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I64}, new int[] {I64});
        int call = m.type(new int[] {I32}, new int[] {I64});
        m.table(FUNCREF, 1, -1);
        m.export("table", 1, 0);
        m.export("call", 0, m.func(call, new Bytes().op(0x42, 0x05).op(0x20, 0x00).op(0x11).u32(t).u32(0)));
        Instance inst = new Linker().instantiate(storeB, engineB.compile(m.toBytes()));
        Func hostA = Func.host(storeA, FuncType.of(List.of(), List.of(ValType.I32)), (c, a) -> new Object[] {1});
        assertEquals(engineA.typeId(hostA.type()), engineB.typeId(FuncType.of(List.of(ValType.I64), List.of(ValType.I64))));
        Table table = inst.getTable("table");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.set(0, hostA));
        assertTrue(e.getMessage().contains("different store"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.grow(1, hostA));
        assertEquals(1, table.size());
    }

    @Test
    void aTableMadeByTheEmbedderBelongsToTheStoreOfItsFunctions() {
        Table table = new Table(new TableType(ValType.FUNCREF, new Limits(1, -1)), null);
        table.set(0, Func.host(storeA, FuncType.of(List.of(), List.of(ValType.I32)), (c, a) -> new Object[] {1}));
        assertSame(storeA, table.store());
        ModuleBuilder m = new ModuleBuilder();
        m.importOther("env", "table", 1, FUNCREF, 1);
        LinkException e = assertThrows(LinkException.class,
                () -> new Linker().define("env", "table", table).instantiate(storeB, engineB.compile(m.toBytes())));
        assertTrue(e.getMessage().contains("different store"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.set(0, six(storeB)));
    }

    @Test
    void anotherStoresExportsAreLinkErrorsOfEveryKind() {
        ModuleBuilder ex = new ModuleBuilder();
        int v = ex.type(new int[0], new int[0]);
        ex.export("f", 0, ex.func(v, new Bytes()));
        ex.table(FUNCREF, 1, -1);
        ex.export("t", 1, 0);
        ex.memory(1, -1);
        ex.export("m", 2, 0);
        ex.export("g", 3, ex.global(true, 5));
        Module exporter = engineA.compile(ex.toBytes());
        Store sameEngine = new Store(engineA);
        Instance a = new Linker().instantiate(storeA, exporter);
        String[] kinds = {"f", "t", "m", "g"};
        for (int kind = 0; kind < 4; kind++) {
            ModuleBuilder im = new ModuleBuilder();
            if (kind == 0) im.importFunc("a", "f", im.type(new int[0], new int[0]));
            else im.importOther("a", kinds[kind], kind, FUNCREF, kind == 3 ? 1 : 1);
            Module importer = engineA.compile(im.toBytes());
            Linker linker = new Linker().defineInstance("a", a);
            LinkException e = assertThrows(LinkException.class, () -> linker.instantiate(sameEngine, importer), kinds[kind]);
            assertTrue(e.getMessage().contains("a." + kinds[kind]) && e.getMessage().contains("different store"), e.getMessage());
            linker.instantiate(storeA, importer); // the same store: fine
        }
    }

    @Test
    void otherCrossStoreUses() {
        Module moduleA = engineA.compile(sixModule());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linker().define("host", "six", six(storeB)).instantiate(storeB, moduleA));
        assertTrue(e.getMessage().contains("different engines"), e.getMessage());
        // a funcref argument of another store
        Func takesFunc = Func.host(storeB, FuncType.of(List.of(ValType.FUNCREF), List.of()), (c, a) -> null);
        takesFunc.call(six(storeB));
        assertThrows(IllegalArgumentException.class, () -> takesFunc.call(six(storeA)));
        // a host function returning another store's function
        Func returnsFunc = Func.host(storeB, FuncType.of(List.of(), List.of(ValType.FUNCREF)), (c, a) -> new Object[] {six(storeA)});
        assertThrows(WasmException.class, returnsFunc::call);
        Func typedReturnsFunc = Func.wrap(storeB, FuncSupplier.class, () -> six(storeA));
        WasmException e2 = assertThrows(WasmException.class, typedReturnsFunc::call);
        assertTrue(e2.getMessage().contains("different store"), e2.getMessage());
        assertEquals(FuncType.of(List.of(), List.of(ValType.FUNCREF)), typedReturnsFunc.type());
    }

    /** A typed host function shape returning a funcref. */
    @FunctionalInterface
    public interface FuncSupplier {
        Func get();
    }
}
