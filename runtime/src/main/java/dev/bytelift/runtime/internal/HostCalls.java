package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmBacktrace;
import dev.bytelift.runtime.WasmException;

/** What the generated WebAssembly-to-host (exit) trampolines call besides the host function. */
public final class HostCalls {
    private HostCalls() {}

    /**
     * An exception is leaving a host function called from WebAssembly: attaches the WebAssembly
     * backtrace of this point (the calling frames, the newest at its {@code call}) unless it carries
     * one already, and returns it for the trampoline to rethrow.
     */
    public static Throwable leaving(Throwable t) {
        // a WebAssembly exception is control flow, not an error: no backtrace to walk the stack for
        if (t instanceof dev.bytelift.runtime.ThrownException) return t;
        boolean carries = t instanceof Trap trap ? !trap.backtrace().isEmpty() : WasmBacktrace.of(t) != null;
        // a stack overflow carries its whole stack already, and walking it again could overflow
        if (!carries && !(t instanceof StackOverflowError)) {
            try {
                WasmBacktrace.capture().attachTo(t);
            } catch (StackOverflowError e) {
                // no room left to walk the stack: the exception goes on without a backtrace
            }
        }
        return t;
    }

    /**
     * Calls a boxed host function and checks its results: the extra results of a multi-value
     * type go to {@code scratch}; returns the first result (a {@code v128} as its low half, a
     * {@code Long}, with the high half in {@link Scratch#v128Hi}), or {@code null}.
     */
    public static Object callBoxed(HostFunction fn, Caller caller, Object[] args, FuncType type, Scratch scratch)
            throws Exception {
        Object[] results = fn.call(caller, args);
        int n = type.resultCount();
        int got = results == null ? 0 : results.length;
        if (got != n) {
            throw new WasmException("host function returned " + got + " results, its type " + type + " has " + n);
        }
        if (n == 0) return null;
        RuntimeAccess access = RuntimeAccess.get();
        for (int i = 0; i < n; i++) {
            if (!access.holds(type.result(i), results[i])) {
                throw new WasmException("host function result " + i + " must be " + type.result(i) + ", got "
                        + (results[i] == null ? "null" : results[i].getClass().getSimpleName()));
            }
            if (type.result(i).kind() == ValType.Kind.FUNCREF) checkFuncResult(results[i], caller);
        }
        // the slot of result i is Abi.resultSlot(type, i), counted along (it is a sum over the
        // results before: 50,000 results took over a second per call)
        for (int i = 1, slot = 0; i < n; slot += type.result(i).kind() == ValType.Kind.V128 ? 2 : 1, i++) {
            Object r = results[i];
            switch (type.result(i).kind()) {
                case I32: scratch.results[slot] = (Integer) r; break;
                case I64: scratch.results[slot] = (Long) r; break;
                case F32: scratch.results[slot] = Float.floatToRawIntBits((Float) r); break;
                case F64: scratch.results[slot] = Double.doubleToRawLongBits((Double) r); break;
                case V128: scratch.results[slot] = ((V128) r).lo(); scratch.results[slot + 1] = ((V128) r).hi(); break;
                default: scratch.refResults[slot] = r;
            }
        }
        if (type.result(0) == ValType.V128) {
            V128 v = (V128) results[0];
            scratch.v128Hi = v.hi();
            return v.lo();
        }
        return results[0];
    }

    /** A funcref a host function returns must be of its own store (the store of {@code caller}). */
    public static void checkFuncResult(Object result, Caller caller) {
        if (result instanceof Func f && f.store() != caller.store()) {
            throw new WasmException("a host function returned " + f + " of a different store");
        }
    }

    /**
     * The results of a generic call: {@code first} is the boxed first result (a {@code v128}'s low
     * half as a {@code Long}); the others are read from {@code scratch}.
     */
    public static Object[] collectResults(Object first, FuncType type, Scratch scratch) {
        int n = type.resultCount();
        Object[] out = new Object[n];
        if (n == 0) return out;
        out[0] = type.result(0) == ValType.V128 ? new V128((Long) first, scratch.v128Hi) : first;
        for (int i = 1, slot = 0; i < n; slot += type.result(i).kind() == ValType.Kind.V128 ? 2 : 1, i++) {
            long bits = scratch.results[slot];
            switch (type.result(i).kind()) {
                case I32: out[i] = (int) bits; break;
                case I64: out[i] = bits; break;
                case F32: out[i] = Float.intBitsToFloat((int) bits); break;
                case F64: out[i] = Double.longBitsToDouble(bits); break;
                case V128: out[i] = new V128(bits, scratch.results[slot + 1]); break;
                default: out[i] = scratch.refResults[slot]; scratch.refResults[slot] = null;
            }
        }
        return out;
    }
}
