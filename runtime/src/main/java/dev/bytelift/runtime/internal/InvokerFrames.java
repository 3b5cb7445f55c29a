package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JVM stack a call through a WebAssembly function's invoker takes besides the callee's own
 * frame: an import stub or a dispatcher's frame in the calling instance, and the method handle
 * frames that bind the callee to its instance. Calls within an instance are direct and count each
 * frame exactly (emit.FrameSizes); these did not count at all, so recursion between two instances
 * ran the JVM's stack out before the stack limit (issue 18: one instance's function in another's
 * table, called through an import and a call_indirect, on a 1 MiB thread, interpreted). Now each
 * call through an invoker counts {@link #WORDS} into the callee's depth.
 */
final class InvokerFrames {
    /**
     * 8-byte words: the interpreter's frames of an import stub (its parameters and four more
     * slots) and of the handles between (a bound-method-handle lambda form and the direct
     * handle's holder, about 20 words each), with a margin; measured by CrossInstanceStackTest.
     */
    static final int WORDS = 128;

    /** {@code depth -> depth + WORDS}, as an argument filter. */
    static final MethodHandle ADD;

    static {
        try {
            ADD = MethodHandles.lookup().findStatic(InvokerFrames.class, "add", MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private InvokerFrames() {}

    private static int add(int depth) {
        return depth + WORDS;
    }
}
