package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import dev.bytelift.runtime.Engine;

/**
 * Every runtime class, method and field that generated code names exists, is public and has the
 * descriptor the code uses: the compiler names runtime members by string, so a rename in the
 * runtime fails here, at build time, rather than when generated code first links. Checked on the
 * golden modules (every operator family) in every golden configuration.
 */
class RuntimeReferencesTest {
    private static final String GENERATED = "dev/bytelift/generated/";

    @Test
    void everyMemberGeneratedCodeNamesExists() throws Exception {
        Set<String> checked = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (Path module : GoldenBytecodeTest.modules()) {
            byte[] wasm = Files.readAllBytes(module);
            for (GoldenConfig config : GoldenConfig.values()) {
                Map<String, byte[]> classes = ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm,
                        GoldenBytecodeTest.CLASS_NAME);
                for (byte[] c : classes.values()) {
                    new ClassReader(c).accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                                    check(owner, n, d, true, checked, missing);
                                }

                                @Override
                                public void visitFieldInsn(int op, String owner, String n, String d) {
                                    check(owner, n, d, false, checked, missing);
                                }

                                @Override
                                public void visitTypeInsn(int op, String type) {
                                    check(type, null, null, false, checked, missing);
                                }
                            };
                        }
                    }, ClassReader.SKIP_DEBUG);
                }
            }
        }
        assertTrue(missing.isEmpty(), "generated code names runtime members that do not exist:\n" + String.join("\n", missing));
        assertTrue(checked.size() > 50, "only " + checked.size() + " references checked");
    }

    /** Records {@code owner.name desc} in {@code missing} unless it resolves to a public member. */
    private static void check(String owner, String name, String desc, boolean method, Set<String> checked,
            Set<String> missing) {
        if (owner.startsWith(GENERATED) || owner.startsWith("[")) return;
        String ref = owner + (name == null ? "" : "." + name + (method ? desc : ":" + desc));
        if (!checked.add(ref)) return;
        try {
            Class<?> c = Class.forName(owner.replace('/', '.'), false, RuntimeReferencesTest.class.getClassLoader());
            if (!Modifier.isPublic(c.getModifiers())) missing.add(ref + " (class not public)");
            if (name == null || name.equals("<init>")) return;
            if (method) {
                // MethodHandle.invokeExact and VarHandle's accessors take any descriptor
                boolean polymorphic = c == java.lang.invoke.MethodHandle.class || c == java.lang.invoke.VarHandle.class;
                Method m = findMethod(c, name, polymorphic ? "([Ljava/lang/Object;)Ljava/lang/Object;" : desc);
                if (m == null || !Modifier.isPublic(m.getModifiers())) missing.add(ref);
            } else {
                Field f = findField(c, name);
                if (f == null || !Modifier.isPublic(f.getModifiers()) || !Type.getDescriptor(f.getType()).equals(desc)) {
                    missing.add(ref);
                }
            }
        } catch (ClassNotFoundException e) {
            missing.add(ref + " (no such class)");
        }
    }

    private static Method findMethod(Class<?> c, String name, String desc) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(desc)) return m;
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            Method m = findMethod(i, name, desc);
            if (m != null) return m;
        }
        return null;
    }

    private static Field findField(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) if (f.getName().equals(name)) return f;
        }
        return null;
    }
}
