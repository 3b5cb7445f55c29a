package dev.bytelift.testmodules.host;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/** A boxed host function's results are checked against its type (the embedding API's boxing rules). */
class HostResultTypeTest {
    private static Instance instance(Object result) {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[0], new int[] {I32});
        int imp = m.importFunc("host", "f", t);
        m.export("call", 0, m.func(t, new Bytes().op(0x10).u32(imp)));
        Engine engine = new Engine();
        Store store = new Store(engine);
        Linker linker = new Linker();
        linker.defineFunction(store, "host", "f", FuncType.of(List.of(), List.of(ValType.I32)),
                (caller, args) -> new Object[] {result});
        return linker.instantiate(store, engine.compile(m.toBytes()));
    }

    @Test
    void aResultOfTheRightBoxIsPassedOn() {
        assertArrayEquals(new Object[] {42}, instance(42).getFunc("call").call());
    }

    @Test
    void aResultOfAnotherBoxIsAClearError() {
        Exception e = assertThrows(WasmException.class, () -> instance(42L).getFunc("call").call());
        assertTrue(e.getMessage().contains("host function result 0 must be i32, got Long"), e.getMessage());
    }
}
