package dev.bytelift.compiler.translate;

import java.lang.reflect.Method;
import org.objectweb.asm.Type;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.runtime.internal.simd.SimdTable;

/**
 * Finds the runtime method implementing each SIMD instruction, through the runtime's
 * {@link SimdTable} (one static method per instruction, named after it).
 */
final class SimdMethods {
    private SimdMethods() {}

    record Target(String owner, String name, String descriptor) {}

    /** By operator (ordinal): found once. */
    private static final Target[] TARGETS = new Target[Op.values().length];

    static Target forOp(Op op) {
        Target t = TARGETS[op.ordinal()];
        if (t != null) return t;
        Method m = SimdTable.forOpcode(op.code());
        if (m == null) throw new WasmException("no implementation of SIMD instruction " + op.text());
        t = new Target(Type.getInternalName(m.getDeclaringClass()), m.getName(), Type.getMethodDescriptor(m));
        TARGETS[op.ordinal()] = t;
        return t;
    }
}
