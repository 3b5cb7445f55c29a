package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.V128;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.WasmException;

/**
 * Adapts a boxed {@link HostFunction} to the uniform invoker type of {@link Abi}, so generated
 * code calls host functions like any other function.
 */
public final class HostFunctions {
    private HostFunctions() {}

    private static final MethodHandle INVOKE;

    static {
        try {
            INVOKE = MethodHandles.lookup().findVirtual(Call.class, "invoke",
                    MethodType.methodType(Object.class, int.class, VMContext.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The uniform invoker for {@code fn}. */
    public static MethodHandle invoker(Store store, FuncType type, HostFunction fn) {
        store.scratch().ensureResultCapacity(Abi.resultSlots(type) + 2);
        List<Class<?>> jvmParams = Abi.jvmParamClasses(type);
        int n = jvmParams.size();
        MethodHandle mh = INVOKE.bindTo(new Call(store, type, fn)).asCollector(Object[].class, n);
        MethodType collected = MethodType.methodType(Abi.returnClass(type), int.class, VMContext.class)
                .appendParameterTypes(jvmParams);
        mh = mh.asType(collected);
        int[] reorder = new int[n + 2];
        reorder[0] = n;
        reorder[1] = n + 1;
        for (int i = 0; i < n; i++) reorder[i + 2] = i;
        return MethodHandles.permuteArguments(mh, Abi.methodType(type), reorder);
    }

    /** One host function bound to its store and type. */
    static final class Call {
        private final Store store;
        private final FuncType type;
        private final HostFunction fn;

        Call(Store store, FuncType type, HostFunction fn) {
            this.store = store;
            this.type = type;
            this.fn = fn;
        }

        Object invoke(int depth, VMContext caller, Object[] jvmArgs) {
            Object[] args = new Object[type.paramCount()];
            for (int i = 0, j = 0; i < args.length; i++) {
                if (type.param(i) == ValType.V128) {
                    args[i] = new V128((Long) jvmArgs[j], (Long) jvmArgs[j + 1]);
                    j += 2;
                } else {
                    args[i] = jvmArgs[j++];
                }
            }
            Object[] results;
            try {
                results = fn.call(new dev.bytelift.runtime.Caller(caller, store), args);
            } catch (WasmException e) {
                throw e;
            } catch (Throwable t) {
                throw new HostCallException(t);
            }
            return returnResults(results);
        }

        private Object returnResults(Object[] results) {
            int n = type.resultCount();
            int got = results == null ? 0 : results.length;
            if (got != n) {
                throw new HostCallException(new WasmException(
                        "host function returned " + got + " results, its type " + type + " has " + n));
            }
            if (n == 0) return null;
            Scratch s = store.scratch();
            for (int i = 0; i < n; i++) {
                if (!fits(type.result(i), results[i])) {
                    throw new HostCallException(new WasmException("host function result " + i + " must be "
                            + type.result(i) + ", got " + (results[i] == null ? "null" : results[i].getClass().getSimpleName())));
                }
            }
            for (int i = 1; i < n; i++) {
                int slot = Abi.resultSlot(type, i);
                Object r = results[i];
                switch (type.result(i)) {
                    case I32: s.results[slot] = (Integer) r; break;
                    case I64: s.results[slot] = (Long) r; break;
                    case F32: s.results[slot] = Float.floatToRawIntBits((Float) r); break;
                    case F64: s.results[slot] = Double.doubleToRawLongBits((Double) r); break;
                    case V128: s.results[slot] = ((V128) r).lo(); s.results[slot + 1] = ((V128) r).hi(); break;
                    default: s.refResults[slot] = r;
                }
            }
            if (type.result(0) == ValType.V128) {
                V128 v = (V128) results[0];
                s.v128Hi = v.hi();
                return v.lo();
            }
            return results[0];
        }

        private static boolean fits(ValType t, Object v) {
            switch (t) {
                case I32: return v instanceof Integer;
                case I64: return v instanceof Long;
                case F32: return v instanceof Float;
                case F64: return v instanceof Double;
                case V128: return v instanceof V128;
                case FUNCREF: return v == null || v instanceof Func;
                default: return true;
            }
        }
    }

}
