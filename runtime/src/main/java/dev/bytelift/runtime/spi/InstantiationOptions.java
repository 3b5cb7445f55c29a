package dev.bytelift.runtime.spi;

import java.util.Objects;
import java.util.function.IntFunction;
import dev.bytelift.runtime.Memory;

/**
 * How {@link dev.bytelift.runtime.Module#instantiate(dev.bytelift.runtime.Store, InstantiationOptions)}
 * instantiates a module for a host runtime that keeps part of the instance's life to itself (a
 * Chicory {@code Instance} running on a Bytelift machine, for example): where the imports come
 * from, which of the memories the module defines the host runtime already made, and whether
 * Bytelift applies the active data segments and runs the start function or leaves them to the
 * host runtime. Immutable; made with {@link #builder()}.
 *
 * <p>Element segments are always applied by Bytelift: the tables are Bytelift's.
 */
public final class InstantiationOptions {
    private final ImportResolver imports;
    private final IntFunction<Memory> definedMemories;
    private final boolean applyDataSegments;
    private final boolean runStart;

    private InstantiationOptions(Builder b) {
        this.imports = b.imports;
        this.definedMemories = b.definedMemories;
        this.applyDataSegments = b.applyDataSegments;
        this.runStart = b.runStart;
    }

    /** A builder: no imports, every memory created, data segments applied, start run. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the imports come from. */
    public ImportResolver imports() {
        return imports;
    }

    /**
     * The memory to use as the memory of index {@code memoryIndex} (in the module's memory index
     * space) that the module defines, or {@code null} to create it.
     */
    public Memory definedMemory(int memoryIndex) {
        return definedMemories.apply(memoryIndex);
    }

    /** Whether instantiation writes the active data segments into their memories. */
    public boolean applyDataSegments() {
        return applyDataSegments;
    }

    /** Whether instantiation runs the module's start function. */
    public boolean runStart() {
        return runStart;
    }

    /** Builds {@link InstantiationOptions}. */
    public static final class Builder {
        private ImportResolver imports = (index, type) -> null;
        private IntFunction<Memory> definedMemories = index -> null;
        private boolean applyDataSegments = true;
        private boolean runStart = true;

        private Builder() {}

        /** Where the imports come from (default: nowhere, so only a module without imports instantiates). */
        public Builder imports(ImportResolver resolver) {
            this.imports = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The memories the host runtime made for memories the module defines, by index in the
         * module's memory index space ({@code null} for one Bytelift creates). Each must have at
         * least the declared minimum size and a maximum within the declared one; it must not be
         * shared with another instance (the defining instance owns it).
         */
        public Builder definedMemories(IntFunction<Memory> memories) {
            this.definedMemories = Objects.requireNonNull(memories, "memories");
            return this;
        }

        /**
         * Whether instantiation writes the active data segments (default {@code true}). Off, the
         * host runtime writes them (through the memory it shares); they count as dropped all the
         * same, as after an ordinary instantiation.
         */
        public Builder applyDataSegments(boolean on) {
            this.applyDataSegments = on;
            return this;
        }

        /** Whether instantiation runs the start function (default {@code true}); off, the host runtime calls it. */
        public Builder runStart(boolean on) {
            this.runStart = on;
            return this;
        }

        /** The options. */
        public InstantiationOptions build() {
            return new InstantiationOptions(this);
        }
    }
}
