package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;

/**
 * Tail calls (docs/tail-calls.md). A function that makes tail calls is compiled as a body and an
 * entry: at {@code return_call} the body stores the callee's arguments here ({@link Scratch#tailArgs}),
 * sets {@link Scratch#tailCallee} (the "pending call") and returns; the entry, which ordinary callers
 * call, then runs the module's trampoline loop, which calls each pending callee's tail entry
 * ({@code t<index>}: arguments from the scratch, then the callee's body) until none is left. So a
 * tail call replaces the frame instead of adding one, and the JVM stack stays constant.
 *
 * <p>ABI: called by generated code. Parameter order follows the operand stack, as in {@link Results}.
 */
public final class TailCalls {
    private TailCalls() {}

    public static void argI32(int v, VMContext c, int slot) { c.scratch.tailArgs[slot] = v; }
    public static void argI64(long v, VMContext c, int slot) { c.scratch.tailArgs[slot] = v; }
    public static void argF32(float v, VMContext c, int slot) { c.scratch.tailArgs[slot] = Float.floatToRawIntBits(v); }
    public static void argF64(double v, VMContext c, int slot) { c.scratch.tailArgs[slot] = Double.doubleToRawLongBits(v); }
    public static void argRef(Object v, VMContext c, int slot) { c.scratch.tailRefArgs[slot] = v; }

    public static void argV128(long lo, long hi, VMContext c, int slot) {
        long[] a = c.scratch.tailArgs;
        a[slot] = lo;
        a[slot + 1] = hi;
    }

    public static int getI32(VMContext c, int slot) { return (int) c.scratch.tailArgs[slot]; }
    public static long getI64(VMContext c, int slot) { return c.scratch.tailArgs[slot]; }
    public static float getF32(VMContext c, int slot) { return Float.intBitsToFloat((int) c.scratch.tailArgs[slot]); }
    public static double getF64(VMContext c, int slot) { return Double.longBitsToDouble(c.scratch.tailArgs[slot]); }
    public static long getV128Lo(VMContext c, int slot) { return c.scratch.tailArgs[slot]; }
    public static long getV128Hi(VMContext c, int slot) { return c.scratch.tailArgs[slot + 1]; }

    public static Object getRef(VMContext c, int slot) {
        Object[] a = c.scratch.tailRefArgs;
        Object v = a[slot];
        a[slot] = null; // do not keep the object alive from the scratch space
        return v;
    }

    /** The scratch slot of parameter {@code i}: v128 parameters take two consecutive slots. */
    public static int argSlot(FuncType type, int i) {
        int slot = 0;
        for (int k = 0; k < i; k++) slot += type.param(k) == ValType.V128 ? 2 : 1;
        return slot;
    }

    /** The number of scratch slots the parameters of {@code type} take. */
    public static int argSlots(FuncType type) {
        return argSlot(type, type.paramCount());
    }

    /*
     * A pending callee the trampoline loop cannot call directly (a host function, a function of
     * another instance, or one past the loop's cases) is called through its invoker, with the
     * arguments boxed: it runs to completion, its own tail calls in its own entry's loop. The
     * results after the first are in the scratch as the callee left them.
     */

    public static void foreignV(Func g, int depth, VMContext ctx) throws Throwable { foreign(g, depth, ctx); }
    public static int foreignI(Func g, int depth, VMContext ctx) throws Throwable { return (Integer) foreign(g, depth, ctx); }
    public static long foreignJ(Func g, int depth, VMContext ctx) throws Throwable { return (Long) foreign(g, depth, ctx); }
    public static float foreignF(Func g, int depth, VMContext ctx) throws Throwable { return (Float) foreign(g, depth, ctx); }
    public static double foreignD(Func g, int depth, VMContext ctx) throws Throwable { return (Double) foreign(g, depth, ctx); }
    public static Object foreignA(Func g, int depth, VMContext ctx) throws Throwable { return foreign(g, depth, ctx); }

    private static Object foreign(Func g, int depth, VMContext ctx) throws Throwable {
        FuncType t = g.type();
        Object[] args = new Object[Abi.jvmParamClasses(t).size() + 3];
        int n = 0;
        for (int i = 0; i < t.paramCount(); i++) {
            int slot = argSlot(t, i);
            switch (t.param(i).kind()) {
                case I32 -> args[n++] = getI32(ctx, slot);
                case I64 -> args[n++] = getI64(ctx, slot);
                case F32 -> args[n++] = getF32(ctx, slot);
                case F64 -> args[n++] = getF64(ctx, slot);
                case V128 -> {
                    args[n++] = getV128Lo(ctx, slot);
                    args[n++] = getV128Hi(ctx, slot);
                }
                default -> args[n++] = getRef(ctx, slot);
            }
        }
        args[n++] = depth;
        args[n++] = ctx;
        args[n] = 0; // no calling instruction: its frame was replaced
        MethodHandle h = g.invoker();
        return h.invokeWithArguments(args);
    }
}
