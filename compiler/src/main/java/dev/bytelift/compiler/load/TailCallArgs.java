package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.internal.TailCalls;

/** The scratch room a module's tail calls need for their arguments (docs/tail-calls.md). */
final class TailCallArgs {
    private TailCallArgs() {}

    /** The most argument slots a tail call of the module may pass: any of its types may be a callee's. */
    static int maxSlots(ModuleInfo m) {
        int max = 0;
        for (FuncType t : m.types) max = Math.max(max, TailCalls.argSlots(t));
        return max;
    }
}
