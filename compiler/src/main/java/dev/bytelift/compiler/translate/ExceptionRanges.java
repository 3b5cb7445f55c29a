package dev.bytelift.compiler.translate;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The one owner of a method's exception handlers. The JVM searches a method's exception table in
 * order and takes the first entry that covers the throwing instruction and matches, so when ranges
 * nest, the inner construct's handler must come first. Every part of the translator that catches
 * registers its ranges here with a nesting {@link #add level}; {@link #emit} writes them at the
 * method's end, innermost (highest level) first and in registration order within a level.
 *
 * <p>The levels, outermost first: {@link #FRAME} (a split function's frame-stack restore, covering
 * the whole method including the other handlers' code, which rethrows into it), then
 * {@link #INSTRUMENTATION} (catch-alls of instrumentation, such as the fuel meter's write-back,
 * around the method's WebAssembly code), then one level per WebAssembly block depth
 * ({@link #tryTable}): this is where the handlers of {@code try_table} (the exception-handling
 * proposal) go, so that a fuel catch-all does not shadow a WebAssembly {@code catch} inside it.
 *
 * <p>The handlers are registered with the method visitor after their labels are placed. ASM's
 * {@code MethodVisitor} contract asks for {@code visitTryCatchBlock} before, which matters only to
 * visitors that analyse code as it streams (such as {@code AnalyzerAdapter}); the
 * {@code ClassWriter} the emitter writes to keeps the handlers in a list and only reads them in
 * {@code visitMaxs} and when writing the table. Should such a visitor ever sit between the emitter
 * and the writer, buffer the method in asm-tree's {@code MethodNode} instead.
 */
final class ExceptionRanges {
    /** A split function's frame-stack restore: the whole method, the other handlers included. */
    static final int FRAME = 0;
    /** Instrumentation's catch-alls: inside {@link #FRAME}, outside every WebAssembly construct. */
    static final int INSTRUMENTATION = 1;

    private record Range(int level, Label start, Label end, Label handler, String type) {}

    /** Null until the first range: most methods have none. */
    private List<Range> ranges;

    /** The level of a {@code try_table}'s handlers at WebAssembly block depth {@code depth} (0: the function's block). */
    static int tryTable(int depth) {
        return INSTRUMENTATION + 1 + depth;
    }

    /**
     * Registers a handler for the code from {@code start} to {@code end} (placed before or after this
     * call), of type {@code type} (an internal class name, or null to catch everything).
     */
    void add(int level, Label start, Label end, Label handler, String type) {
        if (ranges == null) ranges = new ArrayList<>();
        ranges.add(new Range(level, start, end, handler, type));
    }

    /** Higher levels first (a class, not a lambda: no call-site linking in a cold JVM). */
    private static final java.util.Comparator<Range> INNERMOST_FIRST = new java.util.Comparator<>() {
        @Override
        public int compare(Range a, Range b) {
            return Integer.compare(b.level, a.level);
        }
    };

    /** At the method's end (all labels placed, before {@code visitMaxs}): writes the table, innermost first. */
    void emit(CodeEmitter e) {
        if (ranges == null) return;
        // stable: registration order within a level (for the fuel meter, code order)
        ranges.sort(INNERMOST_FIRST);
        for (Range r : ranges) e.tryCatch(r.start, r.end, r.handler, r.type);
        ranges = null;
    }
}
