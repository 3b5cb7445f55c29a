package dev.bytelift.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.objectweb.asm.Opcodes.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;

/** The frame-size fields spliced into a finished class file: values, and a class the JVM loads. */
class FrameSizesTest {
    /** A class with a long, a double and a non-ASCII string in its pool, whose methods read their w$ fields. */
    private static byte[] sample() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "S", null, "java/lang/Object", null);
        cw.visitField(ACC_PUBLIC | ACC_STATIC, "other", "J", null, null).visitEnd();
        // small(): returns its own frame size
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "small", "()I", null, null);
        mv.visitCode();
        FrameSizes.push(mv, "S", "small");
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // big(JD)I: more locals and stack; adds big's size to its argument depth
        mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "big\u00e9", "(IJD)I", null, null);
        mv.visitCode();
        mv.visitLdcInsn(123456789012L);
        mv.visitLdcInsn(2.5d);
        mv.visitLdcInsn("\u00e9t\u00e9 \u4e2d");
        mv.visitInsn(POP);
        mv.visitInsn(POP2);
        mv.visitInsn(POP2);
        mv.visitVarInsn(ILOAD, 0);
        FrameSizes.add(mv, "S", "big\u00e9");
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // reads a w$ field of another class: not declared here
        mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "foreign", "()I", null, null);
        mv.visitCode();
        FrameSizes.push(mv, "T", "x");
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Map<String, Object> constantFields(byte[] classFile) {
        Map<String, Object> fields = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (value != null) {
                    assertEquals(ACC_PUBLIC | ACC_STATIC | ACC_FINAL, access, name);
                    assertEquals("I", descriptor, name);
                    fields.put(name, value);
                }
                return null;
            }
        }, 0);
        return fields;
    }

    @Test
    void eachMethodReadingItsOwnFieldGetsItsFrameSize() throws Exception {
        byte[] declared = FrameSizes.declare(sample());
        Map<String, Object> fields = constantFields(declared);
        assertEquals(Map.of("w$small", FrameSizes.words(0, 1), "w$big\u00e9", FrameSizes.words(5, 5)), fields);

        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("S", declared, 0, declared.length);
            }
        }.define();
        assertEquals(FrameSizes.words(0, 1), c.getMethod("small").invoke(null));
        assertEquals(100 + FrameSizes.words(5, 5), c.getMethod("big\u00e9", int.class, long.class, double.class).invoke(null, 100, 0L, 0d));

    }

    @Test
    void aClassReadingNoneOfItsOwnIsReturnedAsItIs() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "U", null, "java/lang/Object", null);
        cw.visitEnd();
        byte[] plain = cw.toByteArray();
        assertSame(plain, FrameSizes.declare(plain));
    }
}
