package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.spi.GenericEntry;
import dev.bytelift.runtime.spi.Trampolines;

/**
 * The trampolines an engine uses when {@code bytelift-trampolines} is not on the class path (an
 * application that loads ahead-of-time modules only, without ASM): the same calls as the generated
 * trampolines (see {@code EntryTrampolineEmitter}, {@code ExitTrampolineEmitter}) written once as
 * plain methods reached through method handles, which box every value. Boxed host functions and
 * {@link Func#call} work; typed host functions and typed entries need the generated trampolines.
 */
public final class HandleTrampolines implements Trampolines {
    private static final MethodHandle EXIT;

    static {
        try {
            EXIT = MethodHandles.lookup().findStatic(HandleTrampolines.class, "exit",
                    MethodType.methodType(Object.class, HostFunction.class, FuncType.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static UnsupportedOperationException typed() {
        return new UnsupportedOperationException("typed host functions and typed entry points need the generated trampolines: "
                + "add dev.bytelift:bytelift-trampolines (and ASM) to the class path");
    }

    @Override
    public FuncType typeOf(Class<?> shape) {
        throw typed();
    }

    @Override
    public MethodHandle typedHostInvoker(Class<?> shape, Object fn) {
        throw typed();
    }

    @Override
    public <T> T typedEntry(Func func, Class<T> shape) {
        throw typed();
    }

    /** The invoker {@code (params..., int depth, VMContext caller, int pc) -> r0} of a boxed host function. */
    @Override
    public MethodHandle hostInvoker(FuncType type, HostFunction fn) {
        MethodType invokerType = Abi.invokerType(type);
        return MethodHandles.insertArguments(EXIT, 0, fn, type)
                .asCollector(Object[].class, invokerType.parameterCount())
                .asType(invokerType);
    }

    /** A host function called from WebAssembly: {@code all} holds its invoker's arguments. */
    private static Object exit(HostFunction fn, FuncType type, Object[] all) throws Throwable {
        int n = all.length;
        int depth = (Integer) all[n - 3];
        VMContext caller = (VMContext) all[n - 2];
        int pc = (Integer) all[n - 1];
        Object[] args = new Object[type.paramCount()];
        int s = 0;
        for (int i = 0; i < args.length; i++) {
            ValType p = type.param(i);
            if (p == ValType.V128) {
                args[i] = new V128((Long) all[s], (Long) all[s + 1]);
                s += 2;
            } else {
                args[i] = all[s++];
            }
        }
        VMRuntimeLimits limits = caller.limits;
        limits.lastWasmExitFp = depth - 1;  // the calling WebAssembly frame
        limits.lastWasmExitPc = pc;         // the module offset of its call instruction
        Object r;
        try {
            r = HostCalls.callBoxed(fn, caller.caller, args, type, caller.scratch);
        } catch (Throwable t) {
            limits.lastWasmExitFp = 0;
            limits.lastWasmExitPc = 0;
            throw HostCalls.leaving(t);
        }
        limits.lastWasmExitFp = 0;
        limits.lastWasmExitPc = 0;
        return r;
    }

    @Override
    public GenericEntry genericEntry(Func func) {
        Store store = func.store();
        RuntimeAccess access = RuntimeAccess.get();
        boolean host = func.owner == null;
        return new Entry(func.invoker(), access.limits(store), func.type(), access.scratch(store),
                host ? access.hostContext(store) : null, host);
    }

    /** {@link Func#call}: unboxes, enters as the generated generic entry does, boxes all results. */
    private record Entry(MethodHandle target, VMRuntimeLimits limits, FuncType type, Scratch scratch, VMContext context, boolean host)
            implements GenericEntry {
        @Override
        public Object[] call(Object[] args) {
            int slots = 0;
            for (ValType p : type.params()) slots += p == ValType.V128 ? 2 : 1;
            Object[] all = new Object[slots + 3];
            int s = 0;
            for (int i = 0; i < type.paramCount(); i++) {
                if (type.param(i) == ValType.V128) {
                    V128 v = (V128) args[i];
                    all[s++] = v.lo();
                    all[s++] = v.hi();
                } else {
                    all[s++] = args[i];
                }
            }
            VMRuntimeLimits l = limits;
            int sp = l.lastWasmEntrySp, fp = l.lastWasmExitFp, pc = l.lastWasmExitPc;
            EntryCalls.claimExclusive(l, host);
            int depth = EntryCalls.depth(fp, host);
            l.lastWasmEntrySp = EntryCalls.entrySp(depth, host);
            l.lastWasmExitFp = 0;
            l.lastWasmExitPc = 0;
            all[s] = depth;
            all[s + 1] = context;
            all[s + 2] = 0;
            Object[] results;
            try {
                Object first = target.invokeWithArguments(all);
                results = HostCalls.collectResults(first, type, scratch);
            } catch (Throwable t) {
                restore(l, sp, fp, pc);
                EntryCalls.release(l, sp);
                throw HandleTrampolines.<RuntimeException>sneaky(Traps.translate(t));
            }
            restore(l, sp, fp, pc);
            EntryCalls.leave(l, sp);
            return results;
        }

        private static void restore(VMRuntimeLimits l, int sp, int fp, int pc) {
            l.lastWasmEntrySp = sp;
            l.lastWasmExitFp = fp;
            l.lastWasmExitPc = pc;
        }
    }

    /** Throws {@code t} as it is (the generated trampolines' {@code athrow}). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
