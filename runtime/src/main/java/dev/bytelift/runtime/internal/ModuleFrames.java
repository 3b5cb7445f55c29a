package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.WasmFrame;

/**
 * Reads a JVM frame of a module's generated classes as a WebAssembly frame, for compiled and
 * ahead-of-time modules alike: the method name carries the function index, the line number the
 * byte offset within the function body plus one.
 */
public final class ModuleFrames implements FrameResolver {
    private final ModuleImage m;

    /** The frames of the module {@code m} describes (its body offsets and function names). */
    public ModuleFrames(ModuleImage m) {
        this.m = m;
    }

    @Override
    public WasmFrame resolve(String methodName, int line) {
        // no line number: a tail-call entry (TailCallEmitter), whose frame a tail call may have replaced
        if (line < 0) return null;
        int f = functionIndexOf(methodName);
        if (f < m.importedFuncs || f - m.importedFuncs >= m.bodyStarts.length) return null;
        int offset = line > 0 ? m.bodyStarts[f - m.importedFuncs] + line - 1 : -1;
        return new WasmFrame(m.moduleName, f, m.funcNames.get(f), offset);
    }

    /**
     * The function index in a generated method name ({@code f<index>}, then {@code _}, {@code $}
     * or nothing: the compiler's {@code ModuleLayout} writes them), or -1.
     */
    public static int functionIndexOf(String methodName) {
        if (methodName.length() < 2 || methodName.charAt(0) != 'f') return -1;
        int i = 1;
        long n = 0;
        // at most ten digits, and within an int: a name is ours, but reading it never overflows
        while (i < methodName.length() && i < 11 && methodName.charAt(i) >= '0' && methodName.charAt(i) <= '9') {
            n = n * 10 + (methodName.charAt(i) - '0');
            i++;
        }
        if (i == 1 || n > Integer.MAX_VALUE) return -1;
        if (i < methodName.length() && methodName.charAt(i) != '_' && methodName.charAt(i) != '$') return -1;
        return (int) n;
    }
}
