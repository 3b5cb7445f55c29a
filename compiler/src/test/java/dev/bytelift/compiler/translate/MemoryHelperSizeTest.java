package dev.bytelift.compiler.translate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import dev.bytelift.runtime.internal.MemoryAccess;

/**
 * The memory helpers every load and store calls must stay small enough for C1 to inline them:
 * C1 inlines a callee only if its bytecode is at most {@code MaxInlineSize} (35) bytes, and
 * under the launcher's C1-only policy an access that is not inlined is a call (shootout-matrix
 * 1.7x slower, docs/performance.md §20). Both paths of {@code MemoryAccess}, {@code Unsafe} and
 * {@code VarHandle}, count: C1 measures the method before folding the constant test between them.
 */
class MemoryHelperSizeTest {
    private static final int C1_MAX_INLINE_SIZE = 35;

    @Test
    void everyLoadAndStoreHelperFitsC1sInliningLimit() throws IOException {
        byte[] classFile;
        try (InputStream in = MemoryAccess.class.getResourceAsStream("MemoryAccess.class")) {
            classFile = in.readAllBytes();
        }
        List<String> sizes = new ArrayList<>();
        List<String> tooBig = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if ((access & Opcodes.ACC_STATIC) == 0 || name.startsWith("<")) return null;
                return new CodeSizeEvaluator(null) {
                    @Override
                    public void visitEnd() {
                        // the minimum is the size: a method this small never needs a wide jump
                        sizes.add(name);
                        if (getMinSize() > C1_MAX_INLINE_SIZE) tooBig.add(name + desc + ": " + getMinSize() + " bytes");
                    }
                };
            }
        }, 0);
        assertTrue(sizes.contains("i64Store16") && sizes.contains("i64Load32U") && sizes.size() >= 26, "helpers found: " + sizes);
        assertTrue(tooBig.isEmpty(), "over C1's inlining limit of " + C1_MAX_INLINE_SIZE + " bytes: " + tooBig);
    }
}
