package dev.bytelift.compiler.validate;

import java.util.Arrays;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.TypeReader;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.ValType;

/**
 * The types of a function's locals, parameters first, as the body declares them: runs of one type
 * (a declaration {@code (n, t)} is one run, each parameter another). Nothing is kept per declared
 * local: four bytes may declare 50,000 locals, and a module of tiny functions each declaring that
 * many would otherwise cost time and memory per local, not per byte (issue 20, fuzz seed 107).
 * A function with few locals also keeps them as one array, so that the common lookup is an index.
 */
public final class LocalTypes {
    /** Up to this many locals are also kept one entry per local. */
    private static final int DENSE = 256;

    private final int count;
    private final int params;
    /** The index past the end of each run, ascending. */
    private final int[] ends;
    /** The type of each run. */
    private final ValType[] runTypes;
    /** Every local's type when there are at most {@link #DENSE}, else null. */
    private final ValType[] dense;

    private LocalTypes(int count, int params, int[] ends, ValType[] runTypes) {
        this.count = count;
        this.params = params;
        this.ends = ends;
        this.runTypes = runTypes;
        if (count <= DENSE) {
            dense = new ValType[count];
            int from = 0;
            for (int k = 0; k < ends.length; k++) {
                Arrays.fill(dense, from, ends[k], runTypes[k]);
                from = ends[k];
            }
        } else {
            dense = null;
        }
    }

    /**
     * Reads the local declarations at the start of a body of type {@code type} ("too many locals"
     * past 2^32 or {@link BodyValidator#MAX_LOCALS}).
     */
    public static LocalTypes read(ByteReader in, FuncType type, TypeReader.Resolver types) {
        int groups = in.u32Count();
        int params = type.paramCount();
        int runs = params + groups;
        int[] ends = new int[runs];
        ValType[] runTypes = new ValType[runs];
        for (int i = 0; i < params; i++) {
            ends[i] = i + 1;
            runTypes[i] = type.param(i);
        }
        long total = params;
        int k = params;
        for (int i = 0; i < groups; i++) {
            int n = in.u32();
            total += Integer.toUnsignedLong(n);
            if (total > 0xFFFFFFFFL) throw in.malformed("too many locals");
            int at = in.pos();
            ValType t = TypeReader.valType(in, null, types);
            if (total > BodyValidator.MAX_LOCALS) {
                // like Wasmtime (wasmparser), a limit of the implementation, reported as invalid
                throw new InvalidModuleException("too many locals (the limit is " + BodyValidator.MAX_LOCALS + ")", at);
            }
            if (n == 0) continue; // an empty run (binary search needs ends strictly ascending)
            ends[k] = (int) total;
            runTypes[k++] = t;
        }
        return new LocalTypes((int) total, params, Arrays.copyOf(ends, k), Arrays.copyOf(runTypes, k));
    }

    /** Types given one per local, the first {@code params} of them parameters (each its own run). */
    public static LocalTypes of(ValType[] types, int params) {
        int[] ends = new int[types.length];
        ValType[] runTypes = new ValType[types.length];
        int k = 0;
        for (int i = 0; i < types.length; i++) {
            if (i >= params && k > params && runTypes[k - 1] == types[i]) {
                ends[k - 1] = i + 1;
            } else {
                ends[k] = i + 1;
                runTypes[k++] = types[i];
            }
        }
        return new LocalTypes(types.length, params, Arrays.copyOf(ends, k), Arrays.copyOf(runTypes, k));
    }

    /** How many locals, parameters included. */
    public int size() {
        return count;
    }

    /** How many of them are parameters. */
    public int params() {
        return params;
    }

    /** The type of local {@code i} ({@code 0 <= i < size()}). */
    public ValType type(int i) {
        if (dense != null) return dense[i];
        int k = Arrays.binarySearch(ends, i + 1);
        return runTypes[k >= 0 ? k : -k - 1];
    }

    /** How many runs of one type. */
    public int runs() {
        return ends.length;
    }

    /** The first local of run {@code k}. */
    public int runStart(int k) {
        return k == 0 ? 0 : ends[k - 1];
    }

    /** The index past the last local of run {@code k}. */
    public int runEnd(int k) {
        return ends[k];
    }

    /** The type of run {@code k}. */
    public ValType runType(int k) {
        return runTypes[k];
    }

    /** Every local's type, one entry each: only where the caller pays per local anyway. */
    public ValType[] toArray() {
        if (dense != null) return dense.clone();
        ValType[] out = new ValType[count];
        for (int k = 0; k < ends.length; k++) Arrays.fill(out, runStart(k), ends[k], runTypes[k]);
        return out;
    }
}
