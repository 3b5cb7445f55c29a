package dev.bytelift.compiler.emit;

import java.util.List;
import java.util.function.IntConsumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A {@code lookupswitch} over function indexes (the {@code int} on the stack, a callee's
 * {@code Func.index}), as the {@code call_indirect} dispatchers and the tail-call trampolines use
 * it: one case per index, each starting with the same stack-map frame and an empty stack.
 */
final class IndexSwitch {
    private IndexSwitch() { }

    /**
     * Emits the switch on the {@code int} on top of the stack, jumping to {@code otherwise} for an
     * index not in {@code indexes}; then, for each index, a label with {@code locals} as its frame
     * and {@code caseBody} of that index (which must not fall through).
     */
    static void emit(MethodVisitor mv, List<Integer> indexes, Label otherwise, Object[] locals, IntConsumer caseBody) {
        int[] keys = new int[indexes.size()];
        Label[] labels = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = indexes.get(i);
            labels[i] = new Label();
        }
        mv.visitLookupSwitchInsn(otherwise, keys, labels);
        for (int i = 0; i < keys.length; i++) {
            mv.visitLabel(labels[i]);
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
            caseBody.accept(keys[i]);
        }
    }
}
