package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import org.junit.jupiter.api.Test;

/** Issue 2: a complete host embedding in under 15 lines. */
class EmbeddingExampleTest {
    @Test
    void aHostEmbedsAModuleInAFewLines() {
        Engine engine = new Engine();
        Module module = engine.compile(WatModules.bytes("host_calls"));
        Store store = new Store(engine);
        Linker linker = new Linker()
                .defineFunction(store, "host", "observe", IntUnaryOperator.class, x -> x + 100)
                .defineFunction(store, "host", "reenter", HostFn.I_I.class, (caller, n) -> n);
        Instance instance = linker.instantiate(store, module);
        IntUnaryOperator twice = instance.getFunc("twice").typed(IntUnaryOperator.class);
        assertEquals(201, twice.applyAsInt(1)); // (1 + 100) + (0 + 100)
        assertEquals(5, instance.getFunc("add").typed(IntBinaryOperator.class).applyAsInt(2, 3));
    }
}
