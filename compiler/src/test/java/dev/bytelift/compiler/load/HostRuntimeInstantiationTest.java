package dev.bytelift.compiler.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * {@link Module#instantiate(Store, InstantiationOptions)}: imports from a resolver, a memory the
 * host runtime made, data segments and start left to the host runtime, functions by index.
 */
class HostRuntimeInstantiationTest {
    private static final Engine ENGINE = new Engine();
    private static final String WAT = """
            (module
              (import "env" "tick" (func $tick))
              (memory 1 3)
              (global $g (mut i32) (i32.const 7))
              (data (i32.const 16) "hi")
              (func $hidden (result i32) (call $tick) (i32.load8_u (i32.const 16)))
              (func $start (global.set $g (i32.const 9)))
              (start $start)
              (export "g" (global $g)))
            """;

    private static IndexedInstance instantiate(Store store, AtomicInteger ticks, Memory memory, boolean hostInit) {
        Module m = ENGINE.compileText(WAT, "t.wat");
        Func tick = Func.host(store, new FuncType(new ValType[0], new ValType[0]), (caller, args) -> {
            ticks.incrementAndGet();
            return null;
        });
        return m.instantiate(store, InstantiationOptions.builder()
                .imports((index, type) -> index == 0 ? tick : null)
                .definedMemories(index -> memory)
                .applyDataSegments(!hostInit)
                .runStart(!hostInit)
                .build());
    }

    @Test
    void anOrdinaryInstantiationByIndex() {
        AtomicInteger ticks = new AtomicInteger();
        IndexedInstance i = instantiate(new Store(ENGINE), ticks, null, false);
        assertEquals(3, i.functionCount());
        assertArrayEquals(new Object[] {(int) 'h'}, i.function(1).call());
        assertEquals(1, ticks.get());
        assertEquals(9, i.global(0).get()); // the start function ran
        assertSame(i.instance().getGlobal("g"), i.global(0));
        assertEquals(1, i.memoryCount());
    }

    @Test
    void theHostRuntimeOwnsMemoryDataAndStart() {
        Store store = new Store(ENGINE);
        Memory shared = new Memory(new MemoryType(new Limits(2, 3), ValType.I32));
        IndexedInstance i = instantiate(store, new AtomicInteger(), shared, true);
        assertSame(shared, i.memory(0));
        assertSame(store, shared.store());
        assertEquals(7, i.global(0).get()); // start not run
        assertArrayEquals(new Object[] {0}, i.function(1).call()); // data not written
        shared.writeByte(16, (byte) 'x'); // the host runtime's write is the guest's memory
        assertArrayEquals(new Object[] {(int) 'x'}, i.function(1).call());
        i.function(2).call();
        assertEquals(9, i.global(0).get());
    }

    @Test
    void aSuppliedMemoryMustMatch() {
        Memory tooBig = new Memory(new MemoryType(new Limits(1, 5), ValType.I32));
        assertThrows(LinkException.class, () -> instantiate(new Store(ENGINE), new AtomicInteger(), tooBig, true));
    }

    @Test
    void aMissingImportIsALinkError() {
        Module m = ENGINE.compileText(WAT, "t.wat");
        assertThrows(LinkException.class, () -> m.instantiate(new Store(ENGINE), InstantiationOptions.builder().build()));
    }
}
