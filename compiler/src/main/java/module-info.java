/**
 * The Bytelift compiler: WebAssembly modules to JVM classes, found by the runtime as its
 * {@link dev.bytelift.runtime.spi.ModuleCompiler} service. It exports nothing: embedders use the
 * runtime's API ({@code new Engine()} finds the compiler on the module path).
 */
module dev.bytelift.compiler {
    requires dev.bytelift.runtime;
    requires dev.bytelift.trampolines;
    requires org.objectweb.asm;

    provides dev.bytelift.runtime.spi.ModuleCompiler with dev.bytelift.compiler.ByteliftCompiler;
}
