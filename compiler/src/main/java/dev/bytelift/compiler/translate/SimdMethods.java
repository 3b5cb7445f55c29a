package dev.bytelift.compiler.translate;

import java.lang.reflect.Method;
import org.objectweb.asm.Type;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.simd.SimdTable;

/**
 * Finds the runtime method implementing each SIMD instruction, through the runtime's
 * {@link SimdTable} (one static method per instruction, named after it).
 */
final class SimdMethods {
    private SimdMethods() {}

    record Target(String owner, String name, String descriptor) {}

    private static final Target[] TARGETS = new Target[0x114];

    static Target forOpcode(int sub) {
        Target t = TARGETS[sub];
        if (t != null) return t;
        Method m = SimdTable.forOpcode(sub);
        if (m == null) throw new WasmException("no implementation of SIMD instruction 0xfd " + sub);
        t = new Target(Type.getInternalName(m.getDeclaringClass()), m.getName(), Type.getMethodDescriptor(m));
        TARGETS[sub] = t;
        return t;
    }
}
