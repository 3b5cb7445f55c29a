package dev.bytelift.compiler.emit;

import org.objectweb.asm.MethodVisitor;

/**
 * Where the translator puts the extra methods a function too large for one JVM method is split
 * into. The sink picks the class, so that no class outgrows its constant pool.
 */
public interface MethodSink {
    /** A newly opened {@code public static} method and the internal name of its class. */
    record Opened(String owner, MethodVisitor mv) {}

    /** Opens a method for a piece of a function whose own method lives in {@code functionOwner}. */
    Opened open(String functionOwner, String name, String descriptor);

    /** Reports that a method of {@code owner} is finished and how many constants it used. */
    void closed(String owner, int constants);
}
