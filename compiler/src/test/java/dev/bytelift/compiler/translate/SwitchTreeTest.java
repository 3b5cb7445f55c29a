package dev.bytelift.compiler.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * {@link SwitchTree} branches where one {@code lookupswitch} would, for every key, the keys
 * around them, the extremes and everything between: dense, sparse and mixed key sets, small ones
 * (one instruction) and large ones (a tree), the stack under the key kept.
 */
class SwitchTreeTest implements Opcodes {
    private static int probes;

    /**
     * {@code static int f(int x)}: {@code 1000 + (x & 1)} under the switch (checks the stack below
     * the key survives), then the index of x's key plus that, or -1 plus it for the default.
     */
    private static MethodHandle compile(int[] keys, boolean table) throws ReflectiveOperationException {
        String name = "dev/bytelift/compiler/translate/SwitchTreeProbe" + (probes++);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f", "(I)I", null, null);
        mv.visitCode();
        CodeEmitter e = new CodeEmitter(mv);
        e.setFrameLocals(new Object[] {INTEGER}, 1);
        e.varInsn(ILOAD, 0);
        e.iconst(1);
        e.insn(IAND);
        e.iconst(1000);
        e.insn(IADD);
        e.varInsn(ILOAD, 0);
        Label dflt = new Label();
        Label[] labels = new Label[keys.length];
        for (int i = 0; i < labels.length; i++) labels[i] = new Label();
        if (table) {
            SwitchTree.table(e, keys[0], keys[keys.length - 1], dflt, labels, l -> e.targetWithStack(l, INTEGER, INTEGER));
        } else {
            SwitchTree.lookup(e, dflt, keys, labels, l -> e.targetWithStack(l, INTEGER, INTEGER));
        }
        for (int i = 0; i <= labels.length; i++) {
            e.targetWithStack(i < labels.length ? labels[i] : dflt, INTEGER);
            e.iconst(i < labels.length ? i : -1);
            e.insn(IADD);
            e.insn(IRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        Class<?> c = MethodHandles.lookup().defineClass(cw.toByteArray());
        return MethodHandles.lookup().findStatic(c, "f", MethodType.methodType(int.class, int.class));
    }

    private static void check(int[] keys, boolean table) throws Throwable {
        MethodHandle f = compile(keys, table);
        TreeSet<Integer> probe = new TreeSet<>();
        for (int k : keys) for (int d = -2; d <= 2; d++) probe.add(k + d);
        probe.add(Integer.MIN_VALUE);
        probe.add(Integer.MAX_VALUE);
        probe.add(0);
        for (int x : probe) {
            int i = java.util.Arrays.binarySearch(keys, x);
            assertEquals((i >= 0 ? i : -1) + 1000 + (x & 1), (int) f.invokeExact(x), "key " + x + " of " + keys.length);
        }
    }

    @Test
    void everyKeyGoesWhereOneSwitchWouldGo() throws Throwable {
        Random r = new Random(18);
        for (int n : new int[] {1, 2, 9, 64, 65, 100, 272, 1000}) {
            int[] dense = new int[n];
            for (int i = 0; i < n; i++) dense[i] = 40 + i;
            check(dense, false);
            check(dense, true);
            int[] sparse = new int[n];
            int[] mixed = new int[n];
            for (int i = 0, a = -5_000, b = 3; i < n; i++) {
                sparse[i] = a += 1 + r.nextInt(1000);
                mixed[i] = b += r.nextInt(4) == 0 ? 1 + r.nextInt(50) : 1;
            }
            check(sparse, false);
            check(mixed, false);
        }
        check(new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}, false);
        int[] extremes = new int[200];
        for (int i = 0; i < 100; i++) {
            extremes[i] = Integer.MIN_VALUE + i;
            extremes[100 + i] = Integer.MAX_VALUE - 99 + i;
        }
        check(extremes, false);
    }
}
