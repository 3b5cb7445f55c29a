package dev.bytelift.runtime;

import java.util.EnumSet;
import java.util.Set;

/**
 * The WebAssembly proposals an {@link Engine} may compile, each merged into the standard: every
 * supported one is enabled by default ({@link #defaults()}, {@link EngineConfig.Builder#features}),
 * as in Wasmtime. A module that
 * uses a disabled one fails to compile with a {@link DisabledFeatureException} naming it. Proposals
 * Bytelift does not implement yet are listed too ({@link #supported()} false), so that a module using
 * one is told so; they cannot be enabled.
 */
public enum Feature {
    /** {@code i32.extend8_s} and the other sign-extension operators. */
    SIGN_EXTENSION("sign-extension operators"),
    /** {@code i32.trunc_sat_f32_s} and the other saturating truncations. */
    NON_TRAPPING_FLOAT_TO_INT("non-trapping float-to-int conversions"),
    /** Functions with several results, blocks with parameters or several results. */
    MULTI_VALUE("multi-value"),
    /** {@code memory.copy}, {@code memory.fill}, passive segments and their operators. */
    BULK_MEMORY("bulk memory operations"),
    /** {@code funcref} and {@code externref} values, several tables, table operators. */
    REFERENCE_TYPES("reference types"),
    /** 128-bit vectors ({@code v128}) and their operators. */
    SIMD("SIMD"),
    /**
     * Extended constant expressions (WebAssembly 3.0): {@code i32.add}, {@code i32.sub},
     * {@code i32.mul} and their {@code i64} forms in global initialisers and segment offsets, and
     * {@code global.get} of any earlier immutable global there (2.0: only imported ones). Disabled,
     * such an expression is invalid as in 2.0 ("constant expression required", "unknown global").
     */
    EXTENDED_CONST("extended constant expressions"),
    /**
     * Tail calls (WebAssembly 3.0): {@code return_call}, {@code return_call_indirect} and, with
     * typed function references, {@code return_call_ref}.
     */
    TAIL_CALL("tail calls"),
    /**
     * Typed function references (WebAssembly 3.0): {@code (ref null? $t)} types, {@code call_ref},
     * {@code ref.as_non_null}, {@code br_on_null}, {@code br_on_non_null}, tables with initialisers.
     */
    FUNCTION_REFERENCES("typed function references"),
    /**
     * Exception handling (WebAssembly 3.0): tags, {@code throw}, {@code throw_ref}, {@code try_table},
     * {@code exnref}, and the legacy {@code try}/{@code catch}/{@code delegate}/{@code rethrow}.
     */
    EXCEPTIONS("exception handling"),
    /** Several memories in one module, and a memory index on every memory operator (WebAssembly 3.0). */
    MULTI_MEMORY("multiple memories"),
    /** Memories and tables with 64-bit addresses ({@code i64} address type; WebAssembly 3.0). */
    MEMORY64("64-bit memories and tables"),
    /** Relaxed SIMD operators (WebAssembly 3.0), each with one deterministic result in Bytelift. */
    RELAXED_SIMD("relaxed SIMD"),
    /** Garbage collection: struct, array and recursive types (WebAssembly 3.0; not supported yet). */
    GC("garbage collection (struct and array types)", false);

    private final String description;
    private final boolean supported;

    Feature(String description) {
        this(description, true);
    }

    Feature(String description, boolean supported) {
        this.description = description;
        this.supported = supported;
    }

    /** Whether Bytelift implements it (only those can be enabled). */
    public boolean supported() {
        return supported;
    }

    /** What the proposal brings, in a few words (used in error messages). */
    public String description() {
        return description;
    }

    /** The features of WebAssembly 2.0. */
    public static Set<Feature> webAssembly2() {
        return EnumSet.range(SIGN_EXTENSION, SIMD);
    }

    /**
     * The default set: every {@link #supported() supported} feature, i.e. WebAssembly 2.0 and the
     * parts of 3.0 Bytelift implements so far (as Wasmtime enables all it implements).
     */
    public static Set<Feature> defaults() {
        EnumSet<Feature> all = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) if (f.supported) all.add(f);
        return all;
    }
}
