package dev.bytelift.compiler.decode;

/** The WebAssembly proposal (or the MVP) that introduced an operator. */
public enum Proposal {
    MVP,
    SIGN_EXTENSION,
    NON_TRAPPING_FLOAT_TO_INT,
    BULK_MEMORY,
    REFERENCE_TYPES,
    SIMD
}
