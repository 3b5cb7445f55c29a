package dev.bytelift.compiler.emit;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
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
 * stack then): {@link #declare} adds the fields to the finished class, so the code reads a
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
     * when it reads none. The methods are copied as they are.
     */
    public static byte[] declare(byte[] classFile) {
        ClassReader cr = new ClassReader(classFile);
        String self = cr.getClassName();
        char[] buf = new char[cr.getMaxStringLength()];
        java.util.Set<String> wanted = referenced(cr, self, buf);
        if (wanted.isEmpty()) return classFile;
        java.util.Map<String, Integer> sizes = methodSizes(cr, wanted, buf);
        ClassWriter cw = new ClassWriter(cr, 0);
        cr.accept(new ClassVisitor(Opcodes.ASM9, cw) {
            @Override
            public void visitEnd() {
                for (String m : wanted) {
                    Integer size = sizes.get(m);
                    if (size == null) throw new IllegalStateException("no method " + m + " in " + self);
                    super.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, field(m), "I", null, size)
                            .visitEnd();
                }
                super.visitEnd();
            }
        }, 0);
        return cw.toByteArray();
    }

    /** The methods whose frame-size field the class's code reads from the class itself. */
    private static java.util.Set<String> referenced(ClassReader cr, String self, char[] buf) {
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
        for (int i = 1; i < cr.getItemCount(); i++) {
            int at = cr.getItem(i);
            if (at == 0 || cr.readByte(at - 1) != 9) continue; // CONSTANT_Fieldref
            String owner = cr.readClass(at, buf);
            int nameAndType = cr.getItem(cr.readUnsignedShort(at + 2));
            String name = cr.readUTF8(nameAndType, buf);
            if (owner.equals(self) && name.startsWith(PREFIX)) wanted.add(name.substring(PREFIX.length()));
        }
        return wanted;
    }

    /** Frame sizes of the named methods, read from their Code attributes. */
    private static java.util.Map<String, Integer> methodSizes(ClassReader cr, java.util.Set<String> names, char[] buf) {
        java.util.Map<String, Integer> sizes = new java.util.HashMap<>();
        int p = cr.header + 6; // access, this, super
        p += 2 + 2 * cr.readUnsignedShort(p); // interfaces
        int fields = cr.readUnsignedShort(p);
        p += 2;
        for (int k = 0; k < fields; k++) p = skipMember(cr, p);
        int methods = cr.readUnsignedShort(p);
        p += 2;
        for (int k = 0; k < methods; k++) {
            String name = cr.readUTF8(p + 2, buf);
            int attributes = cr.readUnsignedShort(p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = cr.readInt(p + 2);
                if (names.contains(name) && "Code".equals(cr.readUTF8(p, buf))) {
                    sizes.merge(name, words(cr.readUnsignedShort(p + 8), cr.readUnsignedShort(p + 6)), Math::max);
                }
                p += 6 + length;
            }
        }
        return sizes;
    }

    /** The offset after the field or method at {@code p}. */
    private static int skipMember(ClassReader cr, int p) {
        int attributes = cr.readUnsignedShort(p + 6);
        p += 8;
        for (int a = 0; a < attributes; a++) p += 6 + cr.readInt(p + 2);
        return p;
    }
}
