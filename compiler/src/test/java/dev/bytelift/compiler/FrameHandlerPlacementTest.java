package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A split function's frame-stack restore (a catch-all over its whole entry method) has its handler
 * code before the range, not after it: HotSpot's verifier looks a handler's stack-map frame up by a
 * linear search from the method's first frame at every instruction the range covers, so a handler
 * at the end of a large entry method made verifying it quadratic (a tenth of branchy's compile,
 * docs/performance.md §28). Checked over every method generated for the golden modules in every
 * configuration.
 */
class FrameHandlerPlacementTest {
    @Test
    void frameRestoreHandlersPrecedeTheirRanges() throws IOException {
        int checked = 0;
        for (GoldenMethods.Generated g : GoldenMethods.all()) {
            MethodNode m = g.method();
            for (TryCatchBlockNode t : m.tryCatchBlocks) {
                if (t.type != null || !restoresFrameStack(t.handler)) continue;
                checked++;
                assertTrue(m.instructions.indexOf(t.handler) < m.instructions.indexOf(t.start),
                        g.where() + ": the frame-stack restore's handler comes after its range");
            }
        }
        assertTrue(checked > 0, "no split function's entry method: the check proved nothing");
    }

    /** Whether the handler's code stores {@code FrameStack.top} before its first throw. */
    private static boolean restoresFrameStack(AbstractInsnNode handler) {
        for (AbstractInsnNode i = handler; i != null && i.getOpcode() != Opcodes.ATHROW; i = i.getNext()) {
            if (i instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTFIELD && f.owner.endsWith("/FrameStack") && f.name.equals("top")) {
                return true;
            }
        }
        return false;
    }
}
