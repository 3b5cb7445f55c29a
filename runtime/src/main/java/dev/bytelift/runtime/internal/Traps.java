package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmBacktrace;
import dev.bytelift.runtime.WasmException;

/**
 * Where failures leave WebAssembly (called by the entry trampolines): JVM failures raised by
 * generated code become traps here, traps get their WebAssembly backtrace, and host exceptions
 * pass through as themselves.
 */
public final class Traps {
    private Traps() {}

    /**
     * Creates a trap; called by generated code and helpers. Its JVM stack trace (taken here, with
     * the exact line, hence module offset, of every generated frame) becomes its backtrace when it
     * leaves WebAssembly.
     */
    public static Trap trap(TrapCode code) {
        return new Trap(code);
    }

    /** The {@code integer divide by zero} trap; called by the division helpers. */
    public static Trap divisionByZero() {
        return new Trap(TrapCode.INTEGER_DIVISION_BY_ZERO);
    }

    /** The exception the embedder should see for {@code t}. */
    public static Throwable translate(Throwable t) {
        if (t instanceof Trap trap) {
            if (trap.backtrace().isEmpty()) trap.setBacktrace(CodeRegistry.backtrace(trap.getStackTrace()));
            return trap;
        }
        // the JVM stack overflowed: in WebAssembly, in a trampoline or in a host function between
        // two WebAssembly activations, it is the stack trap (and the store stays usable)
        if (t instanceof StackOverflowError) return stackOverflow(t);
        // a host function's exception: the exit trampoline attached the backtrace on its way out
        if (WasmBacktrace.of(t) != null || t instanceof WasmException) return t;
        // a generated class that does not load when first used (an ahead-of-time module loaded lazily)
        if (t instanceof LinkageError && raisedByGuest(t)) return new WasmException("WebAssembly code does not load: " + t, t);
        TrapCode code = null;
        if (t instanceof OutOfMemoryError) code = TrapCode.HOST_RESOURCE_EXHAUSTED;
        else if (raisedByGuest(t)) {
            if (t instanceof ArithmeticException) code = TrapCode.INTEGER_DIVISION_BY_ZERO;
            else if (t instanceof IndexOutOfBoundsException) code = TrapCode.MEMORY_OUT_OF_BOUNDS;
        }
        if (code == null) return t;
        Trap trap = new Trap(code, t);
        trap.setBacktrace(CodeRegistry.backtrace(t.getStackTrace()));
        return trap;
    }

    private static Trap stackOverflow(Throwable t) {
        Trap trap = new Trap(TrapCode.STACK_OVERFLOW, t);
        WasmBacktrace attached = WasmBacktrace.of(t);
        trap.setBacktrace(attached != null ? attached.frames() : CodeRegistry.backtrace(t.getStackTrace()));
        return trap;
    }

    /**
     * Whether the innermost frame is generated code or a runtime helper it calls (the memory
     * helpers' index checks throw {@link IndexOutOfBoundsException}s with stack traces). An
     * exception without a stack trace cannot come from a host function (those carry an attached
     * backtrace), so it is the guest's — but generated code raises none: the division helpers
     * check the divisor and the memory helpers never rely on the array's implicit check.
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
}
