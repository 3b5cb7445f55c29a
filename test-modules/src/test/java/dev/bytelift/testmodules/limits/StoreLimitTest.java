package dev.bytelift.testmodules.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * A store limited to 10 MiB: growth past the limit returns -1, or traps when the store says so
 * ({@code Store.setTrapOnGrowFailure}, Wasmtime's {@code trap_on_grow_failure}); growth past the
 * module's own maximum returns -1 either way.
 */
class StoreLimitTest {
    private static final String WAT = """
            (module
              (memory (export "memory") 1)
              (memory $capped 1 2)
              (table (export "table") 0 funcref)
              (func $grow (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "grow_capped") (param i32) (result i32) (memory.grow $capped (local.get 0)))
              (func (export "grow_table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
            """;
    private static final int TEN_MIB = 10 << 20, PAGES = TEN_MIB / MemoryType.PAGE_SIZE;

    private final Engine engine = new Engine();
    private final Store store = new Store(engine);
    private final Instance instance;
    private final IntUnaryOperator grow, growCapped, growTable;

    StoreLimitTest() {
        store.setAllocationLimit(TEN_MIB);
        instance = new Linker().instantiate(store, engine.compileText(WAT, "limits.wat"));
        grow = instance.getFunc("grow").typed(IntUnaryOperator.class);
        growCapped = instance.getFunc("grow_capped").typed(IntUnaryOperator.class);
        growTable = instance.getFunc("grow_table").typed(IntUnaryOperator.class);
    }

    @Test
    void growthPastTheLimitReturnsMinusOneByDefault() {
        assertFalse(store.trapOnGrowFailure());
        // the two memories' first pages are allocated: 158 more pages fit in 10 MiB
        assertEquals(1, grow.applyAsInt(PAGES - 3));
        assertEquals(-1, grow.applyAsInt(2));
        assertEquals(-1, growTable.applyAsInt(MemoryType.PAGE_SIZE));
        assertEquals(PAGES - 2, grow.applyAsInt(1)); // the last page
        assertEquals(TEN_MIB, store.allocated());
        assertEquals(-1, grow.applyAsInt(1));
    }

    @Test
    void growthPastTheLimitTrapsWhenConfigured() {
        store.setTrapOnGrowFailure(true);
        assertEquals(1, grow.applyAsInt(PAGES - 2));
        Trap t = assertThrows(Trap.class, () -> grow.applyAsInt(1));
        assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, t.code());
        assertTrue(t.getMessage().startsWith("host resource exhausted: growing a memory by 65536 bytes was refused"), t.getMessage());
        assertEquals("grow", t.backtrace().get(0).funcName());
        Trap table = assertThrows(Trap.class, () -> growTable.applyAsInt(1));
        assertEquals(TrapCode.HOST_RESOURCE_EXHAUSTED, table.code());
        // the embedder's grow traps too; nothing changed
        assertThrows(Trap.class, () -> instance.getMemory("memory").grow(1));
        assertEquals(TEN_MIB, store.allocated());
        // the store stays usable: with more room, growth works again
        store.setAllocationLimit(TEN_MIB + MemoryType.PAGE_SIZE);
        assertEquals(PAGES - 1, grow.applyAsInt(1));
    }

    @Test
    void growthPastTheModulesMaximumReturnsMinusOneEvenWhenTrapping() {
        store.setTrapOnGrowFailure(true);
        assertEquals(-1, growCapped.applyAsInt(2));
        assertEquals(1, growCapped.applyAsInt(1));
        assertEquals(-1, growCapped.applyAsInt(1));
    }
}
