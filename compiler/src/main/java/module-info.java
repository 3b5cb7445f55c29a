/**
 * The Bytelift compiler: WebAssembly modules to JVM classes, found by the runtime as its
 * {@link dev.bytelift.runtime.spi.ModuleCompiler} service. Embedders use the
 * runtime's API ({@code new Engine()} finds the compiler on the module path). Only the text-format
 * parser is exported, to the script runner.
 */
@SuppressWarnings("module") // dev.bytelift.wast (the script runner) may not be built yet
module dev.bytelift.compiler {
    requires dev.bytelift.runtime;
    requires dev.bytelift.trampolines;
    requires org.objectweb.asm;

    // the text format's lexer and parser, for the .wast script runner
    exports dev.bytelift.compiler.text to dev.bytelift.wast;

    provides dev.bytelift.runtime.spi.ModuleCompiler with dev.bytelift.compiler.ByteliftCompiler;
}
