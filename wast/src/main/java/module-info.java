/**
 * WebAssembly spec scripts ({@code .wast}): {@link dev.bytelift.wast.ScriptParser} reads one into a
 * {@link dev.bytelift.wast.Script} with the compiler's text-format parser, and
 * {@link dev.bytelift.wast.ScriptRunner} runs its commands against the runtime's embedding API.
 * The command line's {@code bytelift wast} and the spec-suite harness both use it.
 */
module dev.bytelift.wast {
    requires transitive dev.bytelift.runtime;
    requires dev.bytelift.compiler;

    exports dev.bytelift.wast;
}
