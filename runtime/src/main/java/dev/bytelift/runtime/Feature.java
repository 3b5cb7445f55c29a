package dev.bytelift.runtime;

import java.util.EnumSet;
import java.util.Set;

/**
 * The WebAssembly proposals an {@link Engine} may compile, each merged into the standard: all of
 * WebAssembly 2.0's are enabled by default ({@link EngineConfig.Builder#features}). A module that
 * uses a disabled one fails to compile with a {@link DisabledFeatureException} naming it.
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
    SIMD("SIMD");

    private final String description;

    Feature(String description) {
        this.description = description;
    }

    /** What the proposal brings, in a few words (used in error messages). */
    public String description() {
        return description;
    }

    /** The features of WebAssembly 2.0 (the default set). */
    public static Set<Feature> webAssembly2() {
        return EnumSet.allOf(Feature.class);
    }
}
