package dev.bytelift.compiler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/** Renders generated class files as text (ASM's Textifier format) that a golden file can hold. */
final class ClassText {
    private ClassText() {}

    /**
     * Every class, in the order given (the emitter's: the main class first), with all of it:
     * frames, line numbers and max stack/locals are part of the generated code too.
     */
    static String render(Map<String, byte[]> classes) {
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out);
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            pw.println("// ===== " + c.getKey() + " =====");
            new ClassReader(c.getValue()).accept(new TraceClassVisitor(null, new StableTextifier(), pw), 0);
        }
        pw.flush();
        // PrintWriter ends lines with the platform's separator; approved files use \n
        return out.toString().replace("\r\n", "\n");
    }
}
