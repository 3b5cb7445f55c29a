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

    /**
     * As {@link #compile(Engine, byte[], String)}; with {@code retainCode} the module keeps its
     * generated class files until its first {@link CompiledModule#serialize()}, which then need not
     * generate them again (the {@link dev.bytelift.runtime.ModuleCache} serialises each module it
     * compiles once).
     */
    default CompiledModule compile(Engine engine, byte[] wasm, String defaultName, boolean retainCode) {
        return compile(engine, wasm, defaultName);
    }

    /**
     * A module from the bytes of {@link CompiledModule#serialize()}, without generating code.
     *
     * @throws dev.bytelift.runtime.DeserializeException if the bytes are not a serialised module of
     *     this compiler build for {@code engine}'s configuration, or are damaged
     * @throws UnsupportedOperationException if this compiler cannot deserialise modules
     */
    default CompiledModule deserialize(Engine engine, byte[] serialized) {
        throw new UnsupportedOperationException("this compiler cannot deserialise modules");
    }

    /**
     * As {@link #deserialize(Engine, byte[])}, from a file: this one reads the whole file; a
     * compiler may read it as it needs it instead (Bytelift's maps it and defines each function
     * class when first used).
     *
     * @throws java.io.IOException if the file cannot be read
     */
    default CompiledModule deserialize(Engine engine, java.nio.file.Path file) throws java.io.IOException {
        return deserialize(engine, java.nio.file.Files.readAllBytes(file));
    }

    /**
     * A text that differs between engines whose generated code differs: the compiler's build and
     * every setting of {@code engine}'s configuration that changes the code it generates. Serialised
     * modules and the {@link dev.bytelift.runtime.ModuleCache}'s keys carry it.
     */
    default String codeKey(Engine engine) {
        throw new UnsupportedOperationException("this compiler cannot serialise modules");
    }
}
