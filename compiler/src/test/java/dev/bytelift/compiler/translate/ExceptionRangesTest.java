package dev.bytelift.compiler.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * {@link ExceptionRanges} writes a method's handlers innermost first, whatever order they were
 * registered in: a handler of an inner construct (a future {@code try_table}) registered after an
 * outer catch-all (the fuel meter's, registered at the method's start) still catches first.
 */
class ExceptionRangesTest implements Opcodes {
    private static final String NAME = "dev/bytelift/compiler/translate/ExceptionRangesProbe";

    @Test
    void innerHandlerPrecedesOuterCatchAllInTheExceptionTable() throws Exception {
        byte[] bytes = probe();
        assertEquals(List.of("java/lang/IllegalStateException", "*", "*"), handlerTypes(bytes));
        // and the JVM runs the inner one: with the catch-alls first, f would return 2 or 3
        Class<?> c = MethodHandles.lookup().defineClass(bytes);
        assertEquals(1, c.getMethod("f").invoke(null));
    }

    @Test
    void registrationOrderIsKeptWithinALevel() {
        ExceptionRanges ranges = new ExceptionRanges();
        List<String> written = new ArrayList<>();
        CodeEmitter e = new CodeEmitter(new MethodVisitor(ASM9) {
            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                written.add(type);
            }
        });
        Label l = new Label();
        ranges.add(ExceptionRanges.FRAME, l, l, l, "frame");
        ranges.add(ExceptionRanges.INSTRUMENTATION, l, l, l, "fuel1");
        ranges.add(ExceptionRanges.tryTable(1), l, l, l, "inner");
        ranges.add(ExceptionRanges.INSTRUMENTATION, l, l, l, "fuel2");
        ranges.add(ExceptionRanges.tryTable(0), l, l, l, "outer");
        ranges.emit(e);
        assertEquals(List.of("inner", "outer", "fuel1", "fuel2", "frame"), written);
    }

    /**
     * {@code static int f()}: throws inside three nested ranges, registered outermost first (the
     * frame-stack restore, the fuel meter's catch-all, then a try_table's catch), each handler
     * returning its own number.
     */
    private static byte[] probe() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, NAME, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f", "()I", null, null);
        mv.visitCode();
        CodeEmitter e = new CodeEmitter(mv);
        ExceptionRanges ranges = new ExceptionRanges();
        Label frameStart = new Label(), frameEnd = new Label(), frameHandler = new Label();
        Label fuelStart = new Label(), fuelEnd = new Label(), fuelHandler = new Label();
        Label tryStart = new Label(), tryEnd = new Label(), tryHandler = new Label();
        ranges.add(ExceptionRanges.FRAME, frameStart, frameEnd, frameHandler, null);
        mv.visitLabel(frameStart);
        ranges.add(ExceptionRanges.INSTRUMENTATION, fuelStart, fuelEnd, fuelHandler, null);
        mv.visitLabel(fuelStart);
        ranges.add(ExceptionRanges.tryTable(1), tryStart, tryEnd, tryHandler, "java/lang/IllegalStateException");
        mv.visitLabel(tryStart);
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(tryEnd);
        mv.visitLabel(fuelEnd);
        returning(mv, tryHandler, 1);
        returning(mv, fuelHandler, 2);
        mv.visitLabel(frameEnd);
        returning(mv, frameHandler, 3);
        ranges.emit(e);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void returning(MethodVisitor mv, Label handler, int value) {
        mv.visitLabel(handler);
        mv.visitInsn(POP);
        mv.visitLdcInsn(value);
        mv.visitInsn(IRETURN);
    }

    /** The catch types of f's exception table, in table order ("*" for a catch-all). */
    private static List<String> handlerTypes(byte[] bytes) {
        List<String> types = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(ASM9) {
                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        types.add(type == null ? "*" : type);
                    }
                };
            }
        }, 0);
        return types;
    }
}
