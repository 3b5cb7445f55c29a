package dev.bytelift.trampolines;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.runtime.ValType;

/**
 * Typed bytecode fragments for WebAssembly values (a v128 is two longs; references are objects),
 * shared by the trampolines and the compiler's module-level stubs.
 */
public final class Jvm implements Opcodes {
    private Jvm() {}

    static final String OBJECT = "java/lang/Object";

    /** Loads a value of type {@code t} from {@code slot}; returns the next slot. */
    public static int load(MethodVisitor mv, ValType t, int slot) {
        switch (t.kind()) {
            case I32 -> mv.visitVarInsn(ILOAD, slot);
            case I64 -> mv.visitVarInsn(LLOAD, slot);
            case F32 -> mv.visitVarInsn(FLOAD, slot);
            case F64 -> mv.visitVarInsn(DLOAD, slot);
            case V128 -> {
                mv.visitVarInsn(LLOAD, slot);
                mv.visitVarInsn(LLOAD, slot + 2);
            }
            default -> mv.visitVarInsn(ALOAD, slot);
        }
        return slot + t.slots();
    }

    /** Loads the parameters of {@code type} from consecutive slots starting at {@code slot}; returns the next slot. */
    public static int loadParams(MethodVisitor mv, dev.bytelift.runtime.FuncType type, int slot) {
        for (int i = 0; i < type.paramCount(); i++) slot = load(mv, type.param(i), slot);
        return slot;
    }

    /** Returns the first result of {@code type} (in its JVM form, see {@link #returned}), or nothing. */
    public static void returnFirstResult(MethodVisitor mv, dev.bytelift.runtime.FuncType type) {
        returnInsn(mv, type.resultCount() == 0 ? null : returned(type.result(0)));
    }

    /** The JVM type a (first) result of type {@code t} comes back as: {@code J} for v128. */
    static ValType returned(ValType t) {
        return t == ValType.V128 ? ValType.I64 : t;
    }

    static void store(MethodVisitor mv, ValType t, int slot) {
        switch (t.kind()) {
            case I32 -> mv.visitVarInsn(ISTORE, slot);
            case I64 -> mv.visitVarInsn(LSTORE, slot);
            case F32 -> mv.visitVarInsn(FSTORE, slot);
            case F64 -> mv.visitVarInsn(DSTORE, slot);
            default -> mv.visitVarInsn(ASTORE, slot);
        }
    }

    static void returnInsn(MethodVisitor mv, ValType t) {
        if (t == null) {
            mv.visitInsn(RETURN);
            return;
        }
        switch (t.kind()) {
            case I32 -> mv.visitInsn(IRETURN);
            case I64 -> mv.visitInsn(LRETURN);
            case F32 -> mv.visitInsn(FRETURN);
            case F64 -> mv.visitInsn(DRETURN);
            default -> mv.visitInsn(ARETURN);
        }
    }

    /** Boxes the value of scalar type {@code t} on the stack (references stay as they are). */
    static void box(MethodVisitor mv, ValType t) {
        switch (t.kind()) {
            case I32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            case I64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            case F32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false);
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
            case V128 -> throw new IllegalArgumentException("box a v128 with its constructor");
            default -> { }
        }
    }

    /** Unboxes the object on the stack to scalar type {@code t} ({@code J} for a v128's low half). */
    static void unbox(MethodVisitor mv, ValType t) {
        switch (t.kind()) {
            case I32 -> unbox(mv, "java/lang/Integer", "intValue", "()I");
            case I64, V128 -> unbox(mv, "java/lang/Long", "longValue", "()J");
            case F32 -> unbox(mv, "java/lang/Float", "floatValue", "()F");
            case F64 -> unbox(mv, "java/lang/Double", "doubleValue", "()D");
            default -> { }
        }
    }

    private static void unbox(MethodVisitor mv, String owner, String name, String desc) {
        mv.visitTypeInsn(CHECKCAST, owner);
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, name, desc, false);
    }

    /** The stack-map verification type(s) of a value of type {@code t}, appended to {@code out}. */
    static void frameType(java.util.List<Object> out, ValType t) {
        switch (t.kind()) {
            case I32 -> out.add(INTEGER);
            case I64 -> out.add(LONG);
            case F32 -> out.add(FLOAT);
            case F64 -> out.add(DOUBLE);
            case V128 -> {
                out.add(LONG);
                out.add(LONG);
            }
            default -> out.add(OBJECT);
        }
    }

    /** Pushes the int {@code v} with the shortest instruction. */
    public static void iconst(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }
}
