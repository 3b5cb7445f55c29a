package dev.bytelift.wast;

/**
 * A constant of a script: an argument, or an exact expected result. Floats are kept as bit
 * patterns so that NaN payloads survive.
 */
public sealed interface Value {
    /**
     * {@code (i32.const N)}.
     *
     * @param value the value
     */
    record I32(int value) implements Value {}

    /**
     * {@code (i64.const N)}.
     *
     * @param value the value
     */
    record I64(long value) implements Value {}

    /**
     * {@code (f32.const Z)}.
     *
     * @param bits the IEEE 754 bit pattern
     */
    record F32(int bits) implements Value {}

    /**
     * {@code (f64.const Z)}.
     *
     * @param bits the IEEE 754 bit pattern
     */
    record F64(long bits) implements Value {}

    /**
     * {@code (v128.const SHAPE LANE*)}.
     *
     * @param bytes the 16 bytes, lane 0 first, little-endian
     */
    record V128(byte[] bytes) implements Value {
        /** Copies the bytes. */
        public V128 {
            if (bytes.length != 16) throw new IllegalArgumentException("a v128 has 16 bytes, not " + bytes.length);
            bytes = bytes.clone();
        }

        /** A copy of the 16 bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * {@code (ref.null HEAPTYPE)}.
     *
     * @param heapType the heap type as written ({@code func}, {@code extern}, ...)
     */
    record RefNull(String heapType) implements Value {}

    /**
     * {@code (ref.extern N)}: host reference number N, one object per number and script.
     *
     * @param n the reference's number
     */
    record RefExtern(long n) implements Value {}
}
