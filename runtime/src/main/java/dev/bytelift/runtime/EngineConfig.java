package dev.bytelift.runtime;

/**
 * How an {@link Engine} compiles and runs modules. Immutable; build with {@link #builder()}.
 *
 * @param maxWasmStack the deepest WebAssembly call depth allowed (the stack limit)
 * @param dumpClassesDir a folder to write generated classes to, or {@code null}
 */
public record EngineConfig(int maxWasmStack, String dumpClassesDir) {

    /** The default call-depth limit. */
    public static final int DEFAULT_MAX_WASM_STACK = 20_000;

    public static EngineConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EngineConfig}. */
    public static final class Builder {
        private int maxWasmStack = DEFAULT_MAX_WASM_STACK;
        private String dumpClassesDir;

        /** The deepest WebAssembly call depth allowed before the {@code call stack exhausted} trap. */
        public Builder maxWasmStack(int depth) {
            if (depth < 1) throw new IllegalArgumentException("maxWasmStack must be positive");
            this.maxWasmStack = depth;
            return this;
        }

        /** Write every generated class file under {@code dir} (for reading with {@code javap}). */
        public Builder dumpClassesDir(String dir) {
            this.dumpClassesDir = dir;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(maxWasmStack, dumpClassesDir);
        }
    }
}
