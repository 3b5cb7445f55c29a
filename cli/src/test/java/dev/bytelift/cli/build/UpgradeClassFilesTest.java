package dev.bytelift.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * ASM's own Java 5 class files, rewritten as version 50 with frames, still load, link and work: the
 * launcher runs every command from such a copy of the jar.
 */
class UpgradeClassFilesTest {
    /** Loads org.objectweb.asm classes itself, each rewritten by UpgradeClassFiles. */
    private static final class UpgradingLoader extends ClassLoader {
        UpgradingLoader() {
            super(UpgradeClassFilesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.objectweb.asm.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] upgraded = UpgradeClassFiles.upgrade(bytes(name), getParent());
                    assertEquals(Opcodes.V1_6, ((upgraded[6] & 0xff) << 8) | (upgraded[7] & 0xff), name);
                    c = defineClass(name, upgraded, 0, upgraded.length);
                }
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }

    private static byte[] bytes(String className) {
        try (InputStream in = UpgradeClassFilesTest.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void asmStillWritesAClassAfterTheUpgrade() throws Exception {
        assertEquals(Opcodes.V1_5, ((bytes("org.objectweb.asm.ClassWriter")[6] & 0xff) << 8) | (bytes("org.objectweb.asm.ClassWriter")[7] & 0xff),
                "ASM's class files are no longer Java 5: this test and UpgradeClassFiles may be unnecessary");
        ClassLoader loader = new UpgradingLoader();
        // an upgraded ASM copies an upgraded class file: exercises ClassReader, ClassWriter, SymbolTable, ...
        Class<?> reader = loader.loadClass(ClassReader.class.getName());
        Class<?> writer = loader.loadClass(ClassWriter.class.getName());
        Object w = writer.getConstructor(int.class).newInstance(ClassWriter.COMPUTE_FRAMES);
        Object r = reader.getConstructor(byte[].class).newInstance((Object) bytes("org.objectweb.asm.Label"));
        Class<?> visitor = loader.loadClass("org.objectweb.asm.ClassVisitor");
        reader.getMethod("accept", visitor, int.class).invoke(r, w, 0);
        byte[] copy = (byte[]) writer.getMethod("toByteArray").invoke(w);
        assertEquals("org/objectweb/asm/Label", new ClassReader(copy).getClassName());
    }

    @Test
    void theUpgradedClassHasStackMapFrames() {
        int[] frames = {0};
        byte[] upgraded = UpgradeClassFiles.upgrade(bytes("org.objectweb.asm.ClassReader"), getClass().getClassLoader());
        new ClassReader(upgraded).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        frames[0]++;
                    }
                };
            }
        }, 0);
        // the split verifier needs a frame at every branch target; ClassReader has hundreds
        assertTrue(frames[0] > 100, "frames: " + frames[0]);
    }
}
