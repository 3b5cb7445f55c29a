package dev.bytelift.trampolines;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import org.objectweb.asm.Type;

/**
 * A functional interface read as a WebAssembly signature: its single abstract method, whether
 * the method takes a {@link Caller} first, and the {@link FuncType} its other parameters and its
 * result map to ({@code int} i32, {@code long} i64, {@code float} f32, {@code double} f64,
 * {@link Func} funcref, {@link Object} externref, {@code void} no result).
 */
record Shape(Class<?> iface, Method method, boolean withCaller, FuncType type) {

    static Shape of(Class<?> iface) {
        if (!iface.isInterface()) throw new IllegalArgumentException(iface.getName() + " is not an interface");
        try {
            MethodHandles.publicLookup().accessClass(iface);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(iface.getName() + " must be public to shape a typed function", e);
        }
        Method sam = null;
        for (Method m : iface.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) continue;
            if (sam != null && !sameSignature(sam, m)) {
                throw new IllegalArgumentException(iface.getName() + " is not a functional interface");
            }
            sam = m;
        }
        if (sam == null) throw new IllegalArgumentException(iface.getName() + " has no abstract method");
        Class<?>[] ps = sam.getParameterTypes();
        boolean withCaller = ps.length > 0 && ps[0] == Caller.class;
        List<ValType> params = new ArrayList<>();
        for (int i = withCaller ? 1 : 0; i < ps.length; i++) params.add(valType(iface, ps[i]));
        List<ValType> results = sam.getReturnType() == void.class ? List.of() : List.of(valType(iface, sam.getReturnType()));
        return new Shape(iface, sam, withCaller, FuncType.of(params, results));
    }

    private static ValType valType(Class<?> iface, Class<?> c) {
        if (c == int.class) return ValType.I32;
        if (c == long.class) return ValType.I64;
        if (c == float.class) return ValType.F32;
        if (c == double.class) return ValType.F64;
        if (c == Func.class) return ValType.FUNCREF;
        if (c == Object.class) return ValType.EXTERNREF;
        throw new IllegalArgumentException(iface.getName() + ": " + c.getName()
                + " is not a WebAssembly value type (int, long, float, double, Func, Object)");
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean sameSignature(Method a, Method b) {
        return a.getName().equals(b.getName()) && Type.getMethodDescriptor(a).equals(Type.getMethodDescriptor(b));
    }

    String internalName() {
        return Type.getInternalName(iface);
    }

    String descriptor() {
        return Type.getMethodDescriptor(method);
    }
}
