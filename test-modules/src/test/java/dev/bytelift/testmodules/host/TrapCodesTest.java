package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmFrame;
import org.junit.jupiter.api.Test;

/**
 * Wasmtime's trap_codes scenarios, and the same traps raised from hot, C2-compiled code: every
 * one keeps an exact backtrace, without any JVM flag (HotSpot's "fast throw" would otherwise
 * hand out preallocated exceptions without a stack trace).
 */
class TrapCodesTest {
    /** The offset of each function's trapping instruction in trap_codes.wat. */
    private static final Map<String, Integer> OFFSETS = Map.ofEntries(
            Map.entry("i32.div_s", 0xd8), Map.entry("i32.div_u", 0xe0), Map.entry("i32.rem_s", 0xe8),
            Map.entry("i32.rem_u", 0xf0), Map.entry("i64.div_s", 0xf8), Map.entry("i64.div_u", 0x100),
            Map.entry("i64.rem_s", 0x108), Map.entry("i64.rem_u", 0x110));
    /** Enough calls for C2 to compile the trapping code and for HotSpot to start throwing fast. */
    private static final int HOT = 20_000;

    private final Instance instance;

    TrapCodesTest() {
        Store store = new Store(new Engine());
        instance = new Linker().instantiate(store, store.engine().compile(WatModules.bytes("trap_codes")));
    }

    private static void assertTrap(TrapCode code, List<WasmFrame> frames, Trap trap) {
        assertEquals(code, trap.code());
        assertEquals(frames, trap.backtrace());
    }

    @Test
    void divisionByZeroTrapsAtTheDivision() {
        OFFSETS.forEach((name, offset) -> {
            int index = List.of("load", "load8", "store8", "i32.div_s", "i32.div_u", "i32.rem_s", "i32.rem_u", "i64.div_s",
                    "i64.div_u", "i64.rem_s", "i64.rem_u").indexOf(name);
            List<WasmFrame> expected = List.of(new WasmFrame("codes", index, name, offset));
            if (name.startsWith("i32")) {
                IntBinaryOperator op = instance.getFunc(name).typed(IntBinaryOperator.class);
                for (int i = 0; i < HOT; i++) {
                    int d = i % 7 == 0 ? 1 : 0; // mostly traps, sometimes divides
                    if (d == 1) op.applyAsInt(i, d);
                    else assertTrap(TrapCode.INTEGER_DIVISION_BY_ZERO, expected, assertThrows(Trap.class, () -> op.applyAsInt(1, 0)));
                }
            } else {
                LongBinaryOperator op = instance.getFunc(name).typed(LongBinaryOperator.class);
                for (int i = 0; i < HOT; i++) {
                    if (i % 7 == 0) op.applyAsLong(i, 1);
                    else assertTrap(TrapCode.INTEGER_DIVISION_BY_ZERO, expected, assertThrows(Trap.class, () -> op.applyAsLong(1, 0)));
                }
            }
        });
    }

    @Test
    void signedDivisionOverflowTraps() {
        Trap trap = assertThrows(Trap.class, () -> instance.getFunc("i32.div_s").call(Integer.MIN_VALUE, -1));
        assertTrap(TrapCode.INTEGER_OVERFLOW, List.of(new WasmFrame("codes", 3, "i32.div_s", 0xd8)), trap);
        trap = assertThrows(Trap.class, () -> instance.getFunc("i64.div_s").call(Long.MIN_VALUE, -1L));
        assertTrap(TrapCode.INTEGER_OVERFLOW, List.of(new WasmFrame("codes", 7, "i64.div_s", 0xf8)), trap);
    }

    @Test
    void outOfBoundsAccessesTrapAtTheAccessEvenWhenHot() {
        IntUnaryOperator load = instance.getFunc("load").typed(IntUnaryOperator.class);
        IntUnaryOperator load8 = instance.getFunc("load8").typed(IntUnaryOperator.class);
        for (int i = 0; i < HOT; i++) {
            assertTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, List.of(new WasmFrame("codes", 0, "load", 0xbc)),
                    assertThrows(Trap.class, () -> load.applyAsInt(65533)));
            assertTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, List.of(new WasmFrame("codes", 1, "load8", 0xc4)),
                    assertThrows(Trap.class, () -> load8.applyAsInt(65536)));
            assertTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, List.of(new WasmFrame("codes", 2, "store8", 0xce)),
                    assertThrows(Trap.class, () -> instance.getFunc("store8").call(-1)));
        }
    }

    @Test
    void aTrapInAnInlinedCalleeOfAHotLoopKeepsBothFrames() {
        IntUnaryOperator sum = instance.getFunc("sum").typed(IntUnaryOperator.class);
        List<WasmFrame> expected = List.of(new WasmFrame("codes", 1, "load8", 0xc4), new WasmFrame("codes", 11, "sum", 0x11c));
        for (int i = 0; i < 300; i++) {
            assertEquals(0, sum.applyAsInt(1000));
            assertTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, expected, assertThrows(Trap.class, () -> sum.applyAsInt(70_000)));
        }
    }
}
