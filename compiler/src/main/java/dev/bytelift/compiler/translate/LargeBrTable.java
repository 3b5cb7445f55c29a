package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.BR_TABLES;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.internal.BrTables;

/**
 * A {@code br_table} with more entries than {@link #MIN_ENTRIES}, lowered in code whose size does
 * not grow with the number of entries (docs/splitting.md, "Large br_tables"). A {@code tableswitch}
 * with one entry per Wasm entry takes 4 bytes an entry, so 16,000 entries fill a JVM method, and
 * ASM records a forward reference per entry to the same label in an array it grows 6 at a time,
 * which made such tables quadratic to compile. Instead, every entry gets the ordinal of its
 * destination, one char per entry in string constants of {@link BrTables#CHUNK} chars:
 *
 * <pre>
 *   index                          on the stack
 *   dup; iushr 14; tableswitch     over the chunks: ldc chunk k (out of range: "")
 *   BrTables.entry(index, chunk)   the ordinal: 0 = the default, 1..k in this method, k+1+code outside
 *   tableswitch 0..k               over the distinct destinations (each label referenced once)
 * </pre>
 *
 * <p>In a region, the entries leaving it share one exit whose exit code is the ordinal less
 * {@code k + 1} (kept in the region's br_table local), so a table spanning thousands of outer
 * blocks needs no stub per block.
 */
final class LargeBrTable extends TranslatorPart {
    /** Tables with at most this many entries keep their one-tableswitch lowering (4 KiB of code). */
    static final int MIN_ENTRIES = 1024;

    private final ControlLowering control;

    LargeBrTable(FunctionTranslator t, ControlLowering control) {
        super(t);
        this.control = control;
    }

    /** Emits the table; the index is on the stack above the carried values (validated already). */
    void emit(int[] depths, int dflt) {
        int n = depths.length;
        Map<Integer, Label> stubs = new LinkedHashMap<>();
        Map<Label, Integer> ordinals = new IdentityHashMap<>();
        List<Label> destinations = new ArrayList<>();
        boolean anyOutside = false;
        for (int d : depths) anyOutside |= control.isOutside(d);
        anyOutside |= control.isOutside(dflt);
        // (wide labels of deep-stack mode go to their own frame's height: one stub per target block)
        boolean wide = fn.deep != null && DeepStack.isWide(fn.target(dflt).frame.labelTypes());
        Label sharedExit = anyOutside && !wide ? new Label() : null;
        destinations.add(sharedExit != null && control.isOutside(dflt) ? sharedExit : control.branchLabel(dflt, stubs));
        ordinals.put(destinations.get(0), 0);
        char[] table = new char[n];
        int[] pendingOutside = new int[n];
        int outside = 0;
        for (int i = 0; i < n; i++) {
            if (sharedExit != null && control.isOutside(depths[i])) {
                pendingOutside[outside++] = i; // its ordinal depends on how many destinations there are
                continue;
            }
            Label l = control.branchLabel(depths[i], stubs);
            Integer o = ordinals.get(l);
            if (o == null) {
                o = destinations.size();
                ordinals.put(l, o);
                destinations.add(l);
            }
            table[i] = (char) (int) o;
        }
        int base = destinations.size(); // ordinal of exit code 0; exit codes start at 1
        if (base + v.depth() > Character.MAX_VALUE) {
            throw new ImplementationLimitException("br_table in a function with blocks nested more than "
                    + (Character.MAX_VALUE - base) + " deep", v.offset);
        }
        int defaultCode = control.isOutside(dflt) ? v.depth() - dflt : 0;
        for (int k = 0; k < outside; k++) {
            int i = pendingOutside[k];
            int code = v.depth() - depths[i];
            // an entry going where the default goes keeps ordinal 0
            table[i] = (char) (code == defaultCode ? 0 : base + code);
            ms().exitCodes.set(code);
        }
        if (defaultCode != 0) ms().exitCodes.set(defaultCode);

        lookUpOrdinal(table);
        if (sharedExit != null) {
            e().insn(DUP);
            e().varInsn(ISTORE, control.brIndexSlot());
        }
        Label[] labels = destinations.toArray(new Label[0]);
        if (labels.length == 1 && sharedExit == null) {
            e().insn(POP);
            e().jump(GOTO, labels[0]);
        } else {
            SwitchTree.table(e(), 0, labels.length - 1, sharedExit != null ? sharedExit : labels[0], labels,
                    l -> e().targetWithInt(l, v));
        }
        for (Map.Entry<Integer, Label> s : stubs.entrySet()) {
            e().target(s.getValue(), v);
            control.branchTo(fn.target(s.getKey()));
        }
        if (sharedExit != null) {
            e().target(sharedExit, v);
            fn.regions.storeCarried(fn.target(dflt).frame.labelTypes());
            fn.regions.beforeExit();
            e().varInsn(ILOAD, control.brIndexSlot());
            e().iconst(base);
            e().iconst(defaultCode);
            e().invokeStatic(BR_TABLES, "exitCode", "(III)I");
            e().insn(IRETURN);
        }
    }

    /** Replaces the index on the stack by its entry's ordinal, from the chunked table. */
    private void lookUpOrdinal(char[] table) {
        int chunks = (table.length + BrTables.CHUNK - 1) / BrTables.CHUNK;
        Label[] cases = new Label[chunks];
        for (int k = 0; k < chunks; k++) cases[k] = new Label();
        Label outOfRange = new Label();
        Label join = new Label();
        e().insn(DUP);
        e().iconst(Integer.numberOfTrailingZeros(BrTables.CHUNK));
        e().insn(IUSHR); // a negative index (unsigned: huge) lands past the last chunk too
        e().tableSwitch(0, chunks - 1, outOfRange, cases);
        for (int k = 0; k <= chunks; k++) {
            e().targetWithInt(k < chunks ? cases[k] : outOfRange, v);
            int from = k * BrTables.CHUNK;
            // at most CHUNK chars of at most 3 bytes each: under the 65,535-byte limit of a constant
            e().ldc(k < chunks ? new String(table, from, Math.min(BrTables.CHUNK, table.length - from)) : "");
            if (k < chunks) e().jump(GOTO, join);
        }
        e().targetWithTop(join, v, INTEGER, "java/lang/String");
        e().invokeStatic(BR_TABLES, "entry", "(ILjava/lang/String;)I");
    }
}
