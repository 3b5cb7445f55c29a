package dev.bytelift.compiler.text;

import java.util.Arrays;

/** A function type of a text module: parameter and result value types, each as its binary encoding. */
record FuncType(int[] params, int[] results) {
    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType f && Arrays.equals(params, f.params) && Arrays.equals(results, f.results);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(params) * 31 + Arrays.hashCode(results);
    }

    void encode(ByteBuf b) {
        b.byte1(0x60);
        b.u32(params.length);
        for (int t : params) ValTypes.encode(b, t);
        b.u32(results.length);
        for (int t : results) ValTypes.encode(b, t);
    }
}
