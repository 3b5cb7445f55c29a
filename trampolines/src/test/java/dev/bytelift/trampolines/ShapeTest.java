package dev.bytelift.trampolines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntToLongFunction;
import java.util.function.ToIntFunction;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.internal.VMRuntimeLimits;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.runtime.internal.Scratch;
import org.junit.jupiter.api.Test;

class ShapeTest {
    /** funcref and externref parameters, a float result. */
    public interface Refs {
        float call(Func f, Object o, double d);
    }

    /** Not a functional interface. */
    public interface Two {
        int a(int x);

        int b(int x);
    }

    interface Hidden {
        int call(int x);
    }

    @Test
    void aJdkInterfaceReadsAsItsWebAssemblyType() {
        Shape s = Shape.of(IntBinaryOperator.class);
        assertEquals(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)), s.type());
        assertFalse(s.withCaller());
        assertEquals("applyAsInt", s.method().getName());
        assertEquals(FuncType.of(List.of(ValType.I32), List.of(ValType.I64)), Shape.of(IntToLongFunction.class).type());
        assertEquals(FuncType.of(List.of(), List.of()), Shape.of(Runnable.class).type());
    }

    @Test
    void aCallerFirstParameterIsNotPartOfTheType() {
        Shape s = Shape.of(HostFn.II_I.class);
        assertTrue(s.withCaller());
        assertEquals(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)), s.type());
    }

    @Test
    void referencesMapToFuncrefAndExternref() {
        assertEquals(FuncType.of(List.of(ValType.FUNCREF, ValType.EXTERNREF, ValType.F64), List.of(ValType.F32)),
                Shape.of(Refs.class).type());
    }

    @Test
    void whatCannotBeATypedShapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(Two.class));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(java.util.function.Predicate.class)); // boolean
        assertThrows(IllegalArgumentException.class, () -> Shape.of(Hidden.class));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(String.class));
    }

    @Test
    void erasedTypeParametersAreExternrefs() {
        assertEquals(FuncType.of(List.of(ValType.EXTERNREF), List.of(ValType.I32)), Shape.of(ToIntFunction.class).type());
    }

    @Test
    void generatedTrampolinesVerify() {
        Object[] data = {new VMRuntimeLimits(10), null, null, null, null};
        for (Class<?> shape : List.of(IntBinaryOperator.class, HostFn.II_I.class, Refs.class, Runnable.class)) {
            Shape s = Shape.of(shape);
            HiddenClasses.define(ExitTrampolineEmitter.emit(s.type(), s), java.util.Arrays.asList(data), null,
                    Abi.invokerType(s.type()));
            if (!s.withCaller()) {
                HiddenClasses.define(EntryTrampolineEmitter.emitTyped(s.type(), s, false), java.util.Arrays.asList(data),
                        MethodType.methodType(void.class), null);
                HiddenClasses.define(EntryTrampolineEmitter.emitTyped(s.type(), s, true), java.util.Arrays.asList(data),
                        MethodType.methodType(void.class), null);
            }
        }
        FuncType all = FuncType.of(List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
                ValType.FUNCREF, ValType.EXTERNREF), List.of(ValType.V128, ValType.I32, ValType.EXTERNREF));
        HiddenClasses.define(ExitTrampolineEmitter.emit(all, null), java.util.Arrays.asList(data), null, Abi.invokerType(all));
        for (boolean host : new boolean[] {false, true}) {
            HiddenClasses.define(EntryTrampolineEmitter.emitGeneric(all, host), null, EntryTrampolineEmitter.GENERIC_CONSTRUCTOR, null);
        }
    }
}
