package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;

/**
 * Where failures leave WebAssembly: JVM exceptions raised by generated code become traps here,
 * host exceptions are unwrapped, and traps get their WebAssembly backtrace.
 */
public final class Traps {
    private Traps() {}

    /** Creates a trap; called by generated code and helpers (the backtrace is filled in on exit). */
    public static Trap trap(TrapCode code) {
        return new Trap(code);
    }

    /**
     * Turns whatever left WebAssembly code into what the embedder sees, and throws it: a
     * {@link Trap} with its backtrace, a host function's own exception, or a bug of ours as is.
     */
    public static RuntimeException rethrow(Throwable t) {
        throw sneaky(translate(t));
    }

    /** The exception the embedder should see for {@code t}. */
    public static Throwable translate(Throwable t) {
        if (t instanceof HostCallException && t.getCause() != null) return t.getCause();
        if (t instanceof Trap trap) {
            if (trap.backtrace().isEmpty()) trap.setBacktrace(CodeRegistry.backtrace(trap.getStackTrace()));
            return trap;
        }
        if (t instanceof WasmException) return t;
        TrapCode code = null;
        if (t instanceof StackOverflowError) code = TrapCode.STACK_OVERFLOW;
        else if (t instanceof OutOfMemoryError) code = TrapCode.HOST_RESOURCE_EXHAUSTED;
        else if (raisedByGuest(t)) {
            if (t instanceof ArithmeticException) code = TrapCode.INTEGER_DIVISION_BY_ZERO;
            else if (t instanceof IndexOutOfBoundsException) code = TrapCode.MEMORY_OUT_OF_BOUNDS;
        }
        if (code == null) return t;
        Trap trap = new Trap(code, t);
        trap.setBacktrace(CodeRegistry.backtrace(t.getStackTrace()));
        return trap;
    }

    /**
     * Whether the innermost frame is generated code or a runtime helper it calls. An exception
     * without a stack trace is one HotSpot preallocated for an implicit check in compiled code
     * ("fast throw"); host code's exceptions never get here unwrapped, so it is the guest's.
     */
    private static boolean raisedByGuest(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        if (st.length == 0) return true;
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (c.startsWith(CodeRegistry.GENERATED_PACKAGE) || c.startsWith("dev.bytelift.runtime.internal.")) return true;
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) continue;
            return false;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
