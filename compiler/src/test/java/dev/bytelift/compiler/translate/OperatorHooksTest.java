package dev.bytelift.compiler.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.OperatorCost;

/**
 * The translator skips the operator hooks of instrumentation that says it has none
 * ({@link Instrumentation#hooksOperators}): that answer must be true of the class.
 */
class OperatorHooksTest {
    private static final List<Instrumentation> ALL = List.of(new StackLimitCheck(100), new FuelMeter(OperatorCost.WASMTIME), new EpochCheck());

    @Test
    void anInstrumentationWithoutHooksOverridesNeither() throws Exception {
        Class<?>[] params = {CodeEmitter.class, FunctionTranslator.class, Op.class};
        for (Instrumentation ins : ALL) {
            if (ins.hooksOperators()) continue;
            Class<?> c = ins.getClass();
            assertEquals(Instrumentation.class, c.getMethod("beforeOperator", params).getDeclaringClass(), c + " has a beforeOperator");
            assertEquals(Instrumentation.class, c.getMethod("afterOperator", params).getDeclaringClass(), c + " has an afterOperator");
        }
    }

    @Test
    void hooksKeepTheirOrder() {
        Instrumentation fuel = ALL.get(1);
        Instrumentation custom = new Instrumentation() {};
        assertFalse(ALL.get(0).hooksOperators());
        assertArrayEquals(new Instrumentation[] {fuel, custom}, OperatorHooks.of(List.of(ALL.get(0), fuel, ALL.get(2), custom)));
        assertEquals(0, OperatorHooks.of(List.of(ALL.get(0))).length);
    }
}
