package dev.bytelift.compiler.emit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The JVM stack each generated method's frame takes, in 8-byte words, for the stack limit
 * ({@code EngineConfig.maxWasmStack}, in bytes: compiled code compares words with a limit of
 * {@code maxWasmStack / 8}, so that the add of a small function's frame size takes an 8-bit
 * immediate in machine code, as the add of 1 did when the limit counted calls). A method passing
 * the call depth on adds its own
 * frame size, {@code depth + w$<method>}; a function's entry checks {@code depth + w$<itself>}
 * against the limit. {@code w$<method>} is a {@code static final int} of the method's class whose
 * value is only known once the class is written (ASM computes the method's max locals and max
 * stack then): {@link #declare} adds the fields to the finished class file, so the code reads a
 * constant (folded by both JIT compilers) and the check stays an add and a compare.
 *
 * <p>The size is that of an interpreter frame, the largest a method takes: a word per local and
 * per operand stack slot plus the frame's fixed part (about 10 words on x64; {@link #FIXED}
 * leaves room for other platforms). Compiled frames are smaller, so the limit is reached before
 * the JVM's stack runs out whenever the thread has the limit's size free.
 */
public final class FrameSizes {
    private FrameSizes() {}

    /** Words of an interpreter frame besides its locals and operand stack, with a margin (128 bytes). */
    static final int FIXED = 16;
    private static final String PREFIX = "w$";

    /** The frame size, in words, of a method with these maxima. */
    static int words(int maxLocals, int maxStack) {
        return maxLocals + maxStack + FIXED;
    }

    /** The name of {@code method}'s frame-size field. */
    static String field(String method) {
        return PREFIX + method;
    }

    /** Pushes the frame size of method {@code method} of class {@code owner} (its own, as a caller). */
    public static void push(MethodVisitor mv, String owner, String method) {
        mv.visitFieldInsn(Opcodes.GETSTATIC, owner, field(method), "I");
    }

    /** {@code depth} on the stack becomes {@code depth} + the frame size of the method written. */
    static void add(MethodVisitor mv, String owner, String method) {
        push(mv, owner, method);
        mv.visitInsn(Opcodes.IADD);
    }

    /**
     * {@code classFile} with a {@code public static final int w$<m>} for every {@code w$<m>} its
     * code reads from its own class, valued with the size of method {@code m}'s frame; unchanged
     * when it reads none. The rest of the class is copied byte for byte ({@link ClassFileSplice}).
     */
    public static byte[] declare(byte[] classFile) {
        ClassFileSplice c = new ClassFileSplice(classFile);
        String self = c.className();
        Map<String, int[]> wanted = new LinkedHashMap<>(); // method -> name and descriptor indices
        c.forEachFieldref((owner, name, nameIndex, descriptorIndex) -> {
            if (owner.equals(self) && name.startsWith(PREFIX)) {
                wanted.putIfAbsent(name.substring(PREFIX.length()), new int[] {nameIndex, descriptorIndex});
            }
        });
        if (wanted.isEmpty()) return classFile;
        Map<String, Integer> sizes = new HashMap<>();
        c.forEachMethodCode((name, maxLocals, maxStack) -> {
            if (wanted.containsKey(name)) sizes.merge(name, words(maxLocals, maxStack), Math::max);
        });
        wanted.forEach((m, indices) -> {
            Integer size = sizes.get(m);
            if (size == null) throw new IllegalStateException("no method " + m + " in " + self);
            c.addIntField(indices[0], indices[1], size);
        });
        return c.toByteArray();
    }
}
