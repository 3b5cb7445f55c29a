package dev.bytelift.runtime.spi;

import dev.bytelift.runtime.Engine;

/**
 * Service interface of the compiler, found with {@link java.util.ServiceLoader} so that the
 * runtime does not depend on the compiler at build time.
 */
public interface ModuleCompiler {
    /** Decodes, validates and compiles {@code wasm} for {@code engine}. */
    CompiledModule compile(Engine engine, byte[] wasm);

    /**
     * As {@link #compile(Engine, byte[])}, naming the module {@code defaultName} (when not null)
     * if it has no name of its own in its {@code name} section: {@link CompiledModule#name()} and
     * backtraces then show it. A compiler that cannot ignores the name.
     */
    default CompiledModule compile(Engine engine, byte[] wasm, String defaultName) {
        return compile(engine, wasm);
    }

    /**
     * The binary module of a module in the WebAssembly text format ({@code .wat}, UTF-8), called
     * {@code sourceName} in errors.
     *
     * @throws dev.bytelift.runtime.TextFormatException if the text does not parse
     * @throws UnsupportedOperationException if this compiler does not read the text format
     */
    default byte[] textToBinary(byte[] utf8, String sourceName) {
        throw new UnsupportedOperationException("this compiler does not read the WebAssembly text format");
    }

    /**
     * Compiles a module in the text format: {@link #textToBinary}, then {@link #compile}; a compiler
     * that can may say where in the text a validation error is.
     */
    default CompiledModule compileText(Engine engine, byte[] utf8, String sourceName) {
        return compile(engine, textToBinary(utf8, sourceName));
    }

    /** As {@link #compileText(Engine, byte[], String)}, with a default name as {@link #compile(Engine, byte[], String)}. */
    default CompiledModule compileText(Engine engine, byte[] utf8, String sourceName, String defaultName) {
        return compileText(engine, utf8, sourceName);
    }
}
