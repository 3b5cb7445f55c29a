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

    /** A defined trampoline class: its constructor and, for exit trampolines, its {@code invoke} method. */
    record Defined(MethodHandle constructor, MethodHandle invoke) {}

    static Defined define(byte[] bytes, MethodType constructor, MethodType invoke) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            Class<?> c = lookup.lookupClass();
            MethodHandle ctor = lookup.findConstructor(c, constructor);
            MethodHandle inv = invoke == null ? null : lookup.findVirtual(c, "invoke", invoke);
            return new Defined(ctor, inv);
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("Bytelift generated an invalid trampoline (a bug): " + e, e);
        }
    }
}
