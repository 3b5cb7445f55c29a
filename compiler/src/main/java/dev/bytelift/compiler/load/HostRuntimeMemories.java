package dev.bytelift.compiler.load;

import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.internal.RuntimeAccess;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.spi.InstantiationOptions;

/** The memories a host runtime made for memories the module defines ({@link InstantiationOptions#definedMemory}). */
final class HostRuntimeMemories {
    private HostRuntimeMemories() {}

    /** Puts each supplied memory in {@code ctx.memories}, checked against the module's declaration. */
    static void supply(ModuleInfo m, InstantiationOptions options, VMContext ctx, int importedMemories) {
        for (int i = importedMemories; i < m.memories.size(); i++) {
            Memory supplied = options.definedMemory(i);
            if (supplied == null) continue;
            MemoryType declared = m.memories.get(i);
            MemoryType actual = supplied.type();
            if (actual.addressType() != declared.addressType() || !declared.limits().acceptsActual(actual.limits())) {
                throw new LinkException("incompatible memory", "memory " + i + ": declared " + declared.limits()
                        + ", supplied " + actual.limits());
            }
            ctx.memories[i] = RuntimeAccess.get().vm(supplied);
        }
    }
}
