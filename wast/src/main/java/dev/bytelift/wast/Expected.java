package dev.bytelift.wast;

import java.util.List;

/** One expected result of {@code assert_return}: a value or a pattern of values. */
public sealed interface Expected {
    /**
     * Exactly this value (floats bit for bit; a null reference of any type for {@code ref.null}).
     *
     * @param value the value
     */
    record Exact(Value value) implements Expected {}

    /**
     * {@code nan:canonical} or {@code nan:arithmetic} of f32 or f64.
     *
     * @param bits 32 or 64
     * @param canonical true for {@code nan:canonical}, false for {@code nan:arithmetic}
     */
    record NaN(int bits, boolean canonical) implements Expected {}

    /**
     * A v128 compared lane by lane (float shapes, whose lanes may be NaN patterns).
     *
     * @param laneBits 32 or 64
     * @param lanes one pattern per lane, lane 0 first: {@link Exact} of {@link Value.F32} /
     *     {@link Value.F64}, or {@link NaN}
     */
    record Lanes(int laneBits, List<Expected> lanes) implements Expected {
        /** Copies the lanes. */
        public Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /** {@code (ref.extern)}: any non-null external reference. */
    record AnyExtern() implements Expected {}

    /** {@code (ref.func)}: any non-null function reference. */
    record AnyFunc() implements Expected {}

    /**
     * {@code (either R*)}: any one of the alternatives.
     *
     * @param alternatives the alternatives
     */
    record Either(List<Expected> alternatives) implements Expected {
        /** Copies the alternatives. */
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}
