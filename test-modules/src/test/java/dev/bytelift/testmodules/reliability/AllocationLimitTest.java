package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.FUNCREF;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 2: allocations sized by the guest. A module of a few hundred bytes declaring a
 * hundred tables of ten million elements made instantiation throw OutOfMemoryError; now what an
 * instance's tables and memory need is checked against the store's allocation limit (by default
 * the JVM's maximum heap) before anything is allocated, and growing past it fails with -1.
 */
class AllocationLimitTest {
    private final Engine engine = new Engine();

    private static byte[] tables(int count, int elements) {
        ModuleBuilder m = new ModuleBuilder();
        for (int i = 0; i < count; i++) m.table(FUNCREF, elements, -1);
        return m.toBytes();
    }

    @Test
    void aHundredTablesOfTenMillionElementsFailToInstantiateCleanly() {
        byte[] wasm = tables(100, Table.MAX_ELEMENTS);
        assertTrue(wasm.length < 700, "a small module: " + wasm.length + " bytes");
        long needed = 100L * Table.MAX_ELEMENTS * Table.ELEMENT_BYTES;
        assumeTrue(Runtime.getRuntime().maxMemory() < needed, "the heap could hold them");
        Module module = engine.compile(wasm);
        Store store = new Store(engine);
        Trap t = assertThrows(Trap.class, () -> new Linker().instantiate(store, module));
        assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, t.code());
        assertTrue(t.getMessage().contains(needed + " bytes") && t.getMessage().contains("allocation limit"), t.getMessage());
        assertEquals(0, store.allocated(), "nothing was allocated");
    }

    @Test
    void instantiationCountsTablesAndMemoryAgainstTheLimit() {
        Store store = new Store(engine);
        store.setAllocationLimit(4 * MemoryType.PAGE_SIZE);
        ModuleBuilder big = new ModuleBuilder();
        big.memory(5, -1);
        Trap t = assertThrows(Trap.class, () -> new Linker().instantiate(store, engine.compile(big.toBytes())));
        assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, t.code());
        // two instances that fit one by one but not together
        Module half = engine.compile(tables(1, 3 * MemoryType.PAGE_SIZE / Table.ELEMENT_BYTES));
        new Linker().instantiate(store, half);
        assertEquals(3 * MemoryType.PAGE_SIZE, store.allocated());
        assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, assertThrows(Trap.class, () -> new Linker().instantiate(store, half)).code());
    }

    @Test
    void growingPastTheLimitReturnsMinusOne() {
        ModuleBuilder m = new ModuleBuilder();
        int grow = m.type(new int[] {I32}, new int[] {I32});
        m.memory(1, -1);
        m.table(FUNCREF, 0, -1);
        m.export("memoryGrow", 0, m.func(grow, new Bytes().op(0x20, 0x00).op(0x40, 0x00)));
        m.export("tableGrow", 0, m.func(grow, new Bytes().op(0xD0, 0x70).op(0x20, 0x00).op(0xFC).u32(15).u32(0)));
        m.export("table", 1, 0);
        Store store = new Store(engine);
        store.setAllocationLimit(4 * MemoryType.PAGE_SIZE);
        Instance inst = new Linker().instantiate(store, engine.compile(m.toBytes()));
        IntUnaryOperator memoryGrow = inst.getFunc("memoryGrow").typed(IntUnaryOperator.class);
        IntUnaryOperator tableGrow = inst.getFunc("tableGrow").typed(IntUnaryOperator.class);
        assertEquals(-1, memoryGrow.applyAsInt(4));
        assertEquals(1, memoryGrow.applyAsInt(2));
        assertEquals(-1, tableGrow.applyAsInt(MemoryType.PAGE_SIZE / Table.ELEMENT_BYTES + 1));
        assertEquals(0, tableGrow.applyAsInt(MemoryType.PAGE_SIZE / Table.ELEMENT_BYTES));
        assertEquals(-1, memoryGrow.applyAsInt(1));
        assertEquals(-1, inst.getTable("table").grow(1, null));
        assertEquals(4 * MemoryType.PAGE_SIZE, store.allocated());
        store.setAllocationLimit(Long.MAX_VALUE);
        assertEquals(3, memoryGrow.applyAsInt(1));
        // without a store limit, a table still stops at Table.MAX_ELEMENTS
        assertEquals(-1, tableGrow.applyAsInt(Table.MAX_ELEMENTS));
    }
}
