package dev.bytelift.compiler.decode;

import dev.bytelift.runtime.Feature;

/** The WebAssembly proposal (or the MVP) that introduced an operator, and the engine feature that enables it. */
public enum Proposal {
    MVP(null),
    SIGN_EXTENSION(Feature.SIGN_EXTENSION),
    NON_TRAPPING_FLOAT_TO_INT(Feature.NON_TRAPPING_FLOAT_TO_INT),
    BULK_MEMORY(Feature.BULK_MEMORY),
    REFERENCE_TYPES(Feature.REFERENCE_TYPES),
    SIMD(Feature.SIMD),
    TAIL_CALL(Feature.TAIL_CALL),
    FUNCTION_REFERENCES(Feature.FUNCTION_REFERENCES),
    EXCEPTIONS(Feature.EXCEPTIONS),
    MULTI_MEMORY(Feature.MULTI_MEMORY),
    MEMORY64(Feature.MEMORY64),
    RELAXED_SIMD(Feature.RELAXED_SIMD);

    private final Feature feature;

    Proposal(Feature feature) {
        this.feature = feature;
    }

    /** The feature that must be enabled to use it, or null for the MVP. */
    public Feature feature() {
        return feature;
    }
}
