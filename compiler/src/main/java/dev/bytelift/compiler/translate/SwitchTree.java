package dev.bytelift.compiler.translate;

import java.util.Arrays;
import java.util.function.Consumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * A switch of many keys as a binary tree of comparisons over small switches. C1 (the only JIT the
 * command line runs, {@code -XX:TieredStopAtLevel=1}) compiles {@code tableswitch} and
 * {@code lookupswitch} alike to one comparison per distinct destination, in key order: a key near
 * the end of 272 cases took 51 ns against 1.8 ns for the first (JDK 17 and 25, docs/performance.md
 * §18). A tree of leaves of {@value #LEAF} keys costs at most about {@code log2(n / 8) + 8}
 * comparisons, and no more bytes than one {@code lookupswitch} (leaves over consecutive keys are
 * {@code tableswitch}es of 4 bytes per key instead of 8). Small switches are emitted as they were.
 */
final class SwitchTree implements Opcodes {
    /** Switches of up to this many keys stay one instruction. */
    static final int THRESHOLD = 64;
    private static final int LEAF = 8;

    private SwitchTree() {}

    /**
     * Emits a switch on the int on top of the stack, which it consumes like the JVM's switches:
     * {@code keys} ascending and distinct. {@code place} places a label inside the tree with the
     * stack as it was, that int included.
     */
    static void lookup(CodeEmitter e, Label dflt, int[] keys, Label[] labels, Consumer<Label> place) {
        if (keys.length <= THRESHOLD) {
            e.lookupSwitch(dflt, keys, labels);
            return;
        }
        emit(e, dflt, keys, labels, 0, keys.length, place);
    }

    /** {@link #lookup} for the keys {@code min..max}: a {@code tableswitch} when small. */
    static void table(CodeEmitter e, int min, int max, Label dflt, Label[] labels, Consumer<Label> place) {
        if (labels.length <= THRESHOLD) {
            e.tableSwitch(min, max, dflt, labels);
            return;
        }
        int[] keys = new int[labels.length];
        for (int i = 0; i < keys.length; i++) keys[i] = min + i;
        emit(e, dflt, keys, labels, 0, keys.length, place);
    }

    private static void emit(CodeEmitter e, Label dflt, int[] keys, Label[] labels, int from, int to,
            Consumer<Label> place) {
        int n = to - from;
        if (n <= LEAF) {
            int lo = keys[from], hi = keys[to - 1];
            if ((long) hi - lo + 1 <= 2L * n) {
                Label[] table = new Label[hi - lo + 1];
                Arrays.fill(table, dflt);
                for (int i = from; i < to; i++) table[keys[i] - lo] = labels[i];
                e.tableSwitch(lo, hi, dflt, table);
            } else {
                e.lookupSwitch(dflt, Arrays.copyOfRange(keys, from, to), Arrays.copyOfRange(labels, from, to));
            }
            return;
        }
        int mid = from + n / 2;
        Label upper = new Label();
        e.insn(DUP);
        e.iconst(keys[mid]);
        e.jump(IF_ICMPGE, upper);
        emit(e, dflt, keys, labels, from, mid, place);
        place.accept(upper);
        emit(e, dflt, keys, labels, mid, to, place);
    }
}
