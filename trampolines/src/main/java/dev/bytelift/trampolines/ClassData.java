package dev.bytelift.trampolines;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Loads what a trampoline is bound to (its target handle, host function, limits object) as a
 * dynamic constant of its class data ({@code MethodHandles.classDataAt}): {@code ldc} of a
 * resolved constant is a true constant to C2, which therefore inlines through the target handle
 * or into the host function, where an instance field would leave an indirect call.
 */
final class ClassData implements Opcodes {
    private ClassData() {}

    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

    /** Pushes element {@code index} of the class data list, of type {@code descriptor}. */
    static void load(MethodVisitor mv, int index, String descriptor) {
        mv.visitLdcInsn(new ConstantDynamic("_", descriptor, CLASS_DATA_AT, index));
    }
}
