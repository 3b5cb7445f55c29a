package dev.bytelift.runtime.spi;

import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.Table;

/**
 * An instance seen by index, as a host runtime that drives Bytelift addresses it: every function,
 * memory, table and global of the module's index spaces (imports first, then definitions),
 * whether exported or not. Made by {@link dev.bytelift.runtime.Module#instantiate(dev.bytelift.runtime.Store,
 * InstantiationOptions)}.
 */
public interface IndexedInstance {
    /** The instance, with its exports by name. */
    Instance instance();

    /** How many functions the module's function index space has (imported and defined). */
    int functionCount();

    /**
     * Function {@code index} of the module's function index space: an import as it was resolved,
     * or a function this instance defines, callable with {@link Func#call} or through
     * {@link Func#invoker()}.
     *
     * @throws IndexOutOfBoundsException if there is no such function
     */
    Func function(int index);

    /** How many memories the module's memory index space has. */
    int memoryCount();

    /**
     * Memory {@code index} of the module's memory index space.
     *
     * @throws IndexOutOfBoundsException if there is no such memory
     */
    Memory memory(int index);

    /** How many tables the module's table index space has. */
    int tableCount();

    /**
     * Table {@code index} of the module's table index space.
     *
     * @throws IndexOutOfBoundsException if there is no such table
     */
    Table table(int index);

    /** How many globals the module's global index space has. */
    int globalCount();

    /**
     * Global {@code index} of the module's global index space.
     *
     * @throws IndexOutOfBoundsException if there is no such global
     */
    Global global(int index);
}
