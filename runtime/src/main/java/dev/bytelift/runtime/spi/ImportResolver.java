package dev.bytelift.runtime.spi;

import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.ImportType;

/**
 * Supplies the value of each import when a module is instantiated inside another runtime
 * ({@link InstantiationOptions#imports}): the host runtime's functions wrapped as
 * {@link dev.bytelift.runtime.Func#host host functions} (so that WebAssembly calls them through
 * Bytelift's exit trampolines), and memories, tables, globals and tags of Bytelift that the host
 * runtime exposes as its own. The runtime checks each value's type as a {@link dev.bytelift.runtime.Linker} does.
 */
@FunctionalInterface
public interface ImportResolver {
    /**
     * The value of import {@code index} (in import order), described by {@code type}.
     *
     * @return the value; {@code null} fails instantiation with an "unknown import" link error
     */
    Extern resolve(int index, ImportType type);
}
