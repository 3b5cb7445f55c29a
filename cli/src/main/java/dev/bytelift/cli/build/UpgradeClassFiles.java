package dev.bytelift.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Copies the command-line jar with its class files older than Java 6 (version 49: ASM's and
 * picocli's) rewritten as version 50 with stack map frames; the {@code ./bytelift} launcher runs
 * this once per jar, next to its class-data-sharing archive, and runs the copy. Class-data sharing cannot archive a pre-Java-6 class, nor any class linked against one,
 * so without this the launcher's archive missed ASM, picocli and most of Bytelift's compiler
 * (about 370 of the classes a {@code run} loads). Version 50 rather than 52 so that, should a
 * computed frame ever be rejected, HotSpot still falls back to the old verifier.
 *
 * <p>Usage: {@code UpgradeClassFiles JAR COPY}; the copy is written under a temporary name and
 * linked into place, so it is complete or absent, and an existing copy is never replaced.
 */
public final class UpgradeClassFiles {
    private UpgradeClassFiles() {}

    /** Copies the jar named by the first argument to the second. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: UpgradeClassFiles JAR COPY");
        Path jar = Path.of(args[0]);
        Path copy = Path.of(args[1]);
        Path tmp = copy.resolveSibling(copy.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                InputStream fileIn = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(fileIn);
                OutputStream fileOut = Files.newOutputStream(tmp);
                ZipOutputStream out = new ZipOutputStream(fileOut)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && major(bytes) < Opcodes.V1_6) {
                    bytes = upgrade(bytes, hierarchy);
                }
                ZipEntry entry = new ZipEntry(e.getName());
                entry.setTime(e.getTime());
                out.putNextEntry(entry);
                out.write(bytes);
                out.closeEntry();
            }
        }
        // An existing copy is kept: a concurrent first run may already have an archive made
        // against it (its time is part of what the archive checks), which a replacement would
        // turn useless for good. A hard link fails atomically when the copy exists.
        try {
            Files.createLink(copy, tmp);
        } catch (FileAlreadyExistsException e) {
            // another run was first
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(copy)) Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int major(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    static byte[] upgrade(byte[] classFile, ClassLoader hierarchy) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;   // frames merge types of the jar's own classes
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_6, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }
}
