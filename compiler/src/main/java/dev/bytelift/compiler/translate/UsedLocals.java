package dev.bytelift.compiler.translate;

import java.util.Arrays;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.validate.LocalTypes;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.ValType;

/**
 * The declared locals a body names, for a function declaring more locals than its body has bytes:
 * only those get a JVM slot or a frame-array entry and are zeroed on entry, so that the work per
 * function follows the body's size, not the declarations' (four bytes declare 50,000 locals;
 * 70,000 such functions were 2.1 billion locals to lay out: issue 20, fuzz seed 107). Other
 * functions keep one slot per declared local, as before: a local costs no more than a byte there.
 * The parameters always keep theirs (the JVM passes them).
 */
final class UsedLocals {
    /** Functions declaring at most this many locals are never scanned. */
    static final int FEW = 64;

    private final int params;
    /** The declared locals named by the body (not parameters), ascending, each once. */
    private final int[] used;

    private UsedLocals(int params, int[] used) {
        this.params = params;
        this.used = used;
    }

    /**
     * The locals the body from {@code start} to {@code end} (after the declarations) names, or null
     * when every declared local gets its place: the function declares few, or no more than the body
     * has bytes, or the body does not read to its end (the translator reports why, at its offset).
     */
    static UsedLocals scan(byte[] bytes, int start, int end, LocalTypes declared) {
        int params = declared.params();
        int declaredLocals = declared.size() - params;
        if (declaredLocals <= FEW || declaredLocals <= end - start) return null;
        int[] found = new int[16];
        int n = 0;
        try {
            ByteReader in = new ByteReader(bytes, start, end);
            // types are resolved by the translator, which reports an unknown one where it is
            OperatorReader r = new OperatorReader(in, null, (index, at) -> HeapType.FUNC);
            while (!in.atEnd()) {
                Op op = r.next();
                if (op != Op.LOCAL_GET && op != Op.LOCAL_SET && op != Op.LOCAL_TEE) continue;
                int i = r.index();
                if (i < params || Integer.compareUnsigned(i, declared.size()) >= 0) continue;
                if (n == found.length) found = Arrays.copyOf(found, 2 * n);
                found[n++] = i;
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        Arrays.sort(found, 0, n);
        int distinct = 0;
        for (int k = 0; k < n; k++) if (distinct == 0 || found[distinct - 1] != found[k]) found[distinct++] = found[k];
        return new UsedLocals(params, Arrays.copyOf(found, distinct));
    }

    /** The types of the locals kept: the parameters, then the used locals in order. */
    ValType[] types(LocalTypes declared) {
        ValType[] out = new ValType[params + used.length];
        for (int i = 0; i < params; i++) out[i] = declared.type(i);
        for (int k = 0; k < used.length; k++) out[params + k] = declared.type(used[k]);
        return out;
    }

    /** Where local {@code i} (a valid index the body names) is among the locals kept. */
    int index(int i) {
        if (i < params) return i;
        int k = Arrays.binarySearch(used, i);
        if (k < 0) throw new IllegalStateException("local " + i + " was not found by the scan");
        return params + k;
    }
}
