package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;
import org.junit.jupiter.api.Test;

/** Typed calls into WebAssembly ({@link Func#typed}) and typed host functions ({@link Func#wrap}). */
public class TypedFunctionsTest {
    /** An embedder's own shape: {@code [i32 i32] -> [i64]}. */
    public interface SumMemory {
        long sum(int ptr, int len);
    }

    private final Store store = new Store(new Engine());

    private Instance hostCalls(Linker linker) {
        return linker.instantiate(store, store.engine().compile(WatModules.bytes("host_calls")));
    }

    private Linker identityHost() {
        return new Linker()
                .defineFunction(store, "host", "observe", IntUnaryOperator.class, x -> x * 2)
                .defineFunction(store, "host", "reenter", HostFn.I_I.class, (caller, n) -> n);
    }

    @Test
    void aTypedCallTakesAndReturnsPrimitives() {
        Instance instance = hostCalls(identityHost());
        IntBinaryOperator add = instance.getFunc("add").typed(IntBinaryOperator.class);
        assertEquals(5, add.applyAsInt(2, 3));
        IntUnaryOperator twice = instance.getFunc("twice").typed(IntUnaryOperator.class);
        assertEquals(42, twice.applyAsInt(21)); // observe doubles: 42 + 0
    }

    @Test
    void anEmbeddersInterfaceServesAsTheShape() {
        Instance instance = hostCalls(identityHost());
        instance.getMemory("memory").write(0, new byte[] {5, 6, 7});
        assertEquals(18L, instance.getFunc("sum_memory").typed(SumMemory.class).sum(0, 3));
    }

    @Test
    void aShapeThatDoesNotMatchIsRejected() {
        Func add = hostCalls(identityHost()).getFunc("add");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add.typed(LongUnaryOperator.class));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> add.typed(Comparable.class));
        assertThrows(IllegalArgumentException.class, () -> add.typed(HostFn.II_I.class)); // a host function shape
    }

    @Test
    void aWrappedFunctionGetsTheTypeOfItsShape() {
        assertEquals(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                Func.wrap(store, IntBinaryOperator.class, (a, b) -> a + b).type());
        assertEquals(FuncType.of(List.of(ValType.I64), List.of()),
                Func.wrap(store, HostFn.J_V.class, (caller, a) -> { }).type());
        assertEquals(FuncType.of(List.of(), List.of()), Func.wrap(store, Runnable.class, () -> { }).type());
    }

    @Test
    void aTypedCallTrapsWithItsBacktrace() {
        Instance instance = hostCalls(identityHost());
        Runnable boom = instance.getFunc("boom").typed(Runnable.class);
        Trap trap = assertThrows(Trap.class, boom::run);
        assertEquals(TrapCode.UNREACHABLE, trap.code());
        assertEquals(0xa6, trap.backtrace().get(0).moduleOffset());
        var l = dev.bytelift.runtime.internal.RuntimeAccess.get().limits(store);
        assertEquals(List.of(0, 0, 0), List.of(l.lastWasmEntrySp, l.lastWasmExitFp, l.lastWasmExitPc));
    }

    @Test
    void aTypedHostFunctionCanBeCalledTypedFromTheHost() {
        Func add = Func.wrap(store, IntBinaryOperator.class, (a, b) -> a + b);
        assertEquals(7, add.typed(IntBinaryOperator.class).applyAsInt(3, 4));
        assertEquals(7, add.call(3, 4)[0]);
    }

    @Test
    void multiValueHostFunctionsUseTheGeneralForm() {
        FuncType swap = FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64, ValType.I32));
        Func f = Func.host(store, swap, (caller, args) -> new Object[] {args[1], args[0]});
        Object[] r = f.call(1, 2L);
        assertEquals(2L, r[0]);
        assertEquals(1, r[1]);
    }
}
