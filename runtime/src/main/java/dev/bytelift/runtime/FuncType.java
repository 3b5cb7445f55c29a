package dev.bytelift.runtime;

import java.util.Arrays;
import java.util.List;

/** A function type: parameter and result types. Immutable, compared structurally. */
public final class FuncType implements ExternType {
    private final ValType[] params;
    private final ValType[] results;
    private final int hash;

    /** A function type of {@code params} to {@code results} (the arrays are copied). */
    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
    }

    /** Shorthand: {@code FuncType.of(List.of(I32, I32), List.of(I64))}. */
    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params.toArray(new ValType[0]), results.toArray(new ValType[0]));
    }

    /** The parameter types. */
    public List<ValType> params() {
        return List.of(params);
    }

    /** The result types. */
    public List<ValType> results() {
        return List.of(results);
    }

    /** The number of parameters. */
    public int paramCount() {
        return params.length;
    }

    /** The number of results. */
    public int resultCount() {
        return results.length;
    }

    /** The type of parameter {@code i}. */
    public ValType param(int i) {
        return params[i];
    }

    /** The type of result {@code i}. */
    public ValType result(int i) {
        return results[i];
    }

    @Override
    public String kind() {
        return "func";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && hash == other.hash
                && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "(func (param" + join(params) + ") (result" + join(results) + "))";
    }

    private static String join(ValType[] types) {
        StringBuilder sb = new StringBuilder();
        for (ValType t : types) sb.append(' ').append(t);
        return sb.toString();
    }
}
