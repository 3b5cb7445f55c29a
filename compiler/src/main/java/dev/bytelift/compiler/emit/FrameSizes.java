package dev.bytelift.compiler.emit;

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
    private static final byte[] PREFIX_BYTES = {'w', '$'};

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
        // the fields read: name and descriptor indices, in pool order (ASM writes each name once)
        int[][] wanted = {new int[8]};
        int[] count = {0};
        c.forEachOwnFieldref(PREFIX_BYTES, (nameIndex, descriptorIndex) -> {
            int n = count[0];
            if (2 * n + 2 > wanted[0].length) wanted[0] = java.util.Arrays.copyOf(wanted[0], 4 * n + 4);
            wanted[0][2 * n] = nameIndex;
            wanted[0][2 * n + 1] = descriptorIndex;
            count[0] = n + 1;
        });
        int n = count[0];
        if (n == 0) return classFile;
        int[] fields = wanted[0];
        // their methods, found by the bytes of the name after the prefix: an open-addressed table of field numbers
        int[] table = new int[Integer.highestOneBit(4 * n - 1) << 1];
        int mask = table.length - 1;
        for (int k = 0; k < n; k++) {
            int slot = c.utf8Hash(fields[2 * k], PREFIX_BYTES.length) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = k + 1;
        }
        int[] sizes = new int[n];
        c.forEachMethodCode((nameIndex, maxLocals, maxStack) -> {
            for (int slot = c.utf8Hash(nameIndex, 0) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
                int k = table[slot] - 1;
                if (c.utf8Equals(fields[2 * k], PREFIX_BYTES.length, nameIndex)) {
                    sizes[k] = Math.max(sizes[k], words(maxLocals, maxStack));
                }
            }
        });
        for (int k = 0; k < n; k++) {
            if (sizes[k] == 0) {
                throw new IllegalStateException("no method " + c.utf8(fields[2 * k], PREFIX_BYTES.length) + " in " + c.className());
            }
            c.addIntField(fields[2 * k], fields[2 * k + 1], sizes[k]);
        }
        return c.toByteArray();
    }
}
