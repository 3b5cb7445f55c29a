package dev.bytelift.trampolines;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Defines generated trampolines as hidden classes of this package: no class loader per class,
 * unloadable once unreferenced, invisible in stack traces, and with final fields the JIT trusts.
 */
final class HiddenClasses {
    private HiddenClasses() {}

    /** A defined trampoline class: its constructor (entries) or its static {@code invoke} method (exits). */
    record Defined(MethodHandle constructor, MethodHandle invoke) {}

    static Defined define(byte[] bytes, MethodType constructor, MethodType invoke) {
        return define(bytes, null, constructor, invoke);
    }

    /**
     * Defines {@code bytes} with {@code classData} (if not {@code null}); finds the constructor
     * (if {@code constructor} is given) and the static {@code invoke} method (if {@code invoke} is).
     */
    static Defined define(byte[] bytes, Object classData, MethodType constructor, MethodType invoke) {
        try {
            MethodHandles.Lookup lookup = classData == null
                    ? MethodHandles.lookup().defineHiddenClass(bytes, true)
                    : MethodHandles.lookup().defineHiddenClassWithClassData(bytes, classData, true);
            Class<?> c = lookup.lookupClass();
            MethodHandle ctor = constructor == null ? null : lookup.findConstructor(c, constructor);
            MethodHandle inv = invoke == null ? null : lookup.findStatic(c, "invoke", invoke);
            return new Defined(ctor, inv);
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("Bytelift generated an invalid trampoline (a bug): " + e, e);
        }
    }
}
