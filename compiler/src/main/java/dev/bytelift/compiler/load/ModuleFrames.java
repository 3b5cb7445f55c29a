package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.runtime.WasmFrame;
import dev.bytelift.runtime.internal.FrameResolver;

/**
 * Reads a JVM frame of the module's class as a WebAssembly frame: the method name carries the
 * function index, the line number the byte offset within the function body (plus one).
 */
final class ModuleFrames implements FrameResolver {
    private final String moduleName;
    private final java.util.Map<Integer, String> names;
    private final int importedFuncs;
    private final int[] bodyStarts;

    ModuleFrames(ModuleInfo m) {
        this.moduleName = m.moduleName;
        this.names = m.funcNames;
        this.importedFuncs = m.importedFuncs;
        this.bodyStarts = new int[m.bodies.size()];
        for (int i = 0; i < bodyStarts.length; i++) bodyStarts[i] = m.bodies.get(i).start();
    }

    @Override
    public WasmFrame resolve(String methodName, int line) {
        // no line number: a tail-call entry (TailCallEmitter), whose frame a tail call may have replaced
        if (line < 0) return null;
        int f = ModuleLayout.functionIndexOf(methodName);
        if (f < importedFuncs || f - importedFuncs >= bodyStarts.length) return null;
        int offset = line > 0 ? bodyStarts[f - importedFuncs] + line - 1 : -1;
        return new WasmFrame(moduleName, f, names.get(f), offset);
    }
}
