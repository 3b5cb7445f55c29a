package dev.bytelift.runtime.internal;

/**
 * Opens the ABI packages to the classes compiled from a WebAssembly module. They live in the
 * unnamed module of their own class loader, to which {@code module-info} cannot name an export;
 * {@link Module#addExports} must be called from inside this module (it is caller-sensitive), so
 * the compiler calls this for each loader it defines code with. On the class path (the runtime in
 * an unnamed module itself) everything is already accessible and this does nothing.
 */
public final class InternalExports {
    private InternalExports() {}

    /** Exports the packages generated code uses to {@code generated}. */
    public static void to(Module generated) {
        Module self = InternalExports.class.getModule();
        if (!self.isNamed()) return;
        self.addExports(InternalExports.class.getPackageName(), generated);
        self.addExports(dev.bytelift.runtime.internal.simd.SimdTable.class.getPackageName(), generated);
    }
}
