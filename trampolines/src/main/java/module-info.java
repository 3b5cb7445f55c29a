/**
 * The trampolines between the host and WebAssembly code, found by the runtime as its
 * {@link dev.bytelift.runtime.spi.Trampolines} service. The package is exported to the compiler
 * only, which shares its value-type mapping.
 */
@SuppressWarnings("module") // the qualified export names a module built after this one
module dev.bytelift.trampolines {
    requires dev.bytelift.runtime;
    requires org.objectweb.asm;

    exports dev.bytelift.trampolines to dev.bytelift.compiler;

    provides dev.bytelift.runtime.spi.Trampolines with dev.bytelift.trampolines.TrampolineFactory;
}
