package dev.bytelift.runtime.spi;

import dev.bytelift.runtime.Engine;

/**
 * Service interface of the compiler, found with {@link java.util.ServiceLoader} so that the
 * runtime does not depend on the compiler at build time.
 */
public interface ModuleCompiler {
    /** Decodes, validates and compiles {@code wasm} for {@code engine}. */
    CompiledModule compile(Engine engine, byte[] wasm);
}
