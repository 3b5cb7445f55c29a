package dev.bytelift.runtime;

/** Why WebAssembly code trapped. {@link #message()} is the spec's (and Wasmtime's) wording. */
public enum TrapCode {
    UNREACHABLE("unreachable"),
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    /** {@code call_indirect} through an index past the end of the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** {@code call_indirect} through a null table entry. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    BAD_SIGNATURE("indirect call type mismatch"),
    INTEGER_OVERFLOW("integer overflow"),
    INTEGER_DIVISION_BY_ZERO("integer divide by zero"),
    BAD_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    STACK_OVERFLOW("call stack exhausted"),
    OUT_OF_FUEL("all fuel consumed"),
    INTERRUPT("interrupted"),
    /** {@code call_ref} of a null reference (typed function references). */
    NULL_FUNCTION_REFERENCE("null function reference"),
    /** {@code ref.as_non_null} of a null reference; {@code throw_ref} of a null exception reference. */
    NULL_REFERENCE("null reference"),
    /** A failure of the host JVM (for example out of memory) while running guest code. */
    HOST_RESOURCE_EXHAUSTED("host resource exhausted");

    private final String message;

    TrapCode(String message) {
        this.message = message;
    }

    /** The spec's message for this trap. */
    public String message() {
        return message;
    }
}
