package dev.bytelift.runtime.spi;

import java.util.List;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/** A compiled module as the compiler hands it to the runtime. */
public interface CompiledModule {
    /** The module's name from its {@code name} section, or {@code null}. */
    String name();

    /** What the module imports, in import order. */
    List<ImportType> imports();

    /** What the module exports, in export order. */
    List<ExportType> exports();

    /**
     * Instantiates the module with {@code imports} already resolved and type-checked, in import
     * order; runs the start function.
     *
     * @throws dev.bytelift.runtime.Trap if initialisation or the start function traps
     */
    Instance instantiate(Module module, Store store, Extern[] imports);

    /**
     * Instantiates the module as {@link #instantiate(Module, Store, Extern[])} does, with
     * {@code imports} already resolved, type-checked and bound to {@code store}, and the
     * host runtime's choices of {@code options} (its import resolver is not used here).
     *
     * @throws dev.bytelift.runtime.Trap if initialisation or the start function traps
     * @throws UnsupportedOperationException if this compiler cannot instantiate for a host runtime
     */
    default IndexedInstance instantiate(Module module, Store store, Extern[] imports, InstantiationOptions options) {
        throw new UnsupportedOperationException("this compiler cannot instantiate for a host runtime");
    }

    /** What compiling it took and made ({@link dev.bytelift.runtime.Module#statistics()}). */
    dev.bytelift.runtime.CompileStatistics statistics();

    /**
     * The module's WebAssembly binary as compiled, if the compiler keeps it (not a copy: do not
     * change it), else null. {@link dev.bytelift.runtime.ModuleCache} compares it with the module
     * it was asked for, so that an entry is only used for the very bytes it was compiled from.
     */
    default byte[] binary() {
        return null;
    }

    /**
     * This module in the serialised form {@link ModuleCompiler#deserialize} reads
     * ({@link dev.bytelift.runtime.Module#serialize()}).
     *
     * @throws UnsupportedOperationException if this compiler cannot serialise modules
     */
    default byte[] serialize() {
        throw new UnsupportedOperationException("this compiler cannot serialise modules");
    }

    /**
     * This module as ahead-of-time files ({@link dev.bytelift.runtime.Module#aheadOfTime(String)}):
     * paths in a jar or class folder and their bytes.
     *
     * @throws UnsupportedOperationException if this module cannot be compiled ahead of time
     */
    default java.util.Map<String, byte[]> aheadOfTime(String name) {
        throw new UnsupportedOperationException("this module cannot be written ahead of time");
    }
}
