package dev.bytelift.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@link CodeEmitter#line} places one label again and again for a method's line numbers, relying
 * on ASM taking only the label's current offset for each entry when frames are given and maximums
 * are computed from them: the class must be byte for byte what a fresh label per line makes. (If
 * an ASM upgrade changes that, this fails before any generated class does.)
 */
class LineLabelTest implements Opcodes {
    @Test
    void oneLabelForAllLinesWritesWhatFreshLabelsDo() {
        assertArrayEquals(write(false), write(true));
    }

    /** A method with line numbers, a forward jump and a frame at its target, a backward jump and a frame. */
    private static byte[] write(boolean throughEmitter) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, "LineLabelProbe", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "m", "(I)I", null, null);
        mv.visitCode();
        CodeEmitter e = new CodeEmitter(mv);
        e.setFrameLocals(new Object[] {INTEGER}, 1);
        Label loop = new Label();
        Label out = new Label();
        line(e, mv, throughEmitter, 1);
        mv.visitLabel(loop);
        mv.visitFrame(F_NEW, 1, new Object[] {INTEGER}, 0, new Object[0]);
        for (int i = 2; i < 40; i++) {
            line(e, mv, throughEmitter, i);
            if (i % 3 == 0) line(e, mv, throughEmitter, 1000 + i); // two entries at one offset
            mv.visitVarInsn(ILOAD, 0);
            mv.visitIntInsn(SIPUSH, 1000 + i);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, 0);
        }
        line(e, mv, throughEmitter, 50);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitJumpInsn(IFLT, out);
        mv.visitIincInsn(0, -1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(out);
        mv.visitFrame(F_NEW, 1, new Object[] {INTEGER}, 0, new Object[0]);
        line(e, mv, throughEmitter, 60);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void line(CodeEmitter e, MethodVisitor mv, boolean throughEmitter, int line) {
        if (throughEmitter) {
            e.line(line);
        } else {
            Label l = new Label();
            mv.visitLabel(l);
            mv.visitLineNumber(line, l);
        }
    }
}
