package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;

/**
 * The calling convention of generated functions, in one place.
 *
 * <p>A WebAssembly function of type {@code [p0..pn] -> [r0..rm]} is a static JVM method
 * {@code (p0..pn, int depth, VMContext ctx) -> r0} where each {@code v128} parameter is two
 * {@code long}s and references are {@code Object}. {@code depth} is the JVM stack, in 8-byte words,
 * the WebAssembly frames below the callee take (the stack limit's measure). A {@code v128} first result returns its low half and leaves the high half in
 * {@link Scratch#v128Hi}; results 1..m go through {@link Scratch#results} /
 * {@link Scratch#refResults} at the slots {@link #resultSlot} gives.
 *
 * <p>Every {@link dev.bytelift.runtime.Func} has an <em>invoker</em>, a handle of the uniform
 * type {@code (p0..pn, int depth, VMContext caller, int pc) -> r0} ({@link #invokerType}): the
 * import stubs and the {@code call_indirect} dispatchers of generated code call functions they do
 * not know statically through it. {@code caller} is the calling instance and {@code pc} the
 * module byte offset of the calling instruction; a WebAssembly function's invoker ignores both,
 * a host function's (a generated exit trampoline) records them in
 * {@link dev.bytelift.runtime.VMRuntimeLimits#lastWasmExitPc} and {@code lastWasmExitFp}
 * ({@code depth - 1}, the calling frame).
 */
public final class Abi {
    /** Binds a generated static method to its instance: the uniform invoker of a WebAssembly function. */
    public static MethodHandle bindToInstance(MethodHandle method, VMContext owner, FuncType type) {
        int ctxPos = jvmParamClasses(type).size() + 1;
        MethodHandle bound = MethodHandles.insertArguments(method, ctxPos, owner);
        // the frames between caller and callee count towards the stack limit (InvokerFrames)
        bound = MethodHandles.filterArguments(bound, ctxPos - 1, InvokerFrames.ADD);
        return MethodHandles.dropArguments(bound, ctxPos, VMContext.class, int.class);
    }

    private Abi() {}

    /**
     * The most JVM parameter slots the WebAssembly parameters of a function type may take (a
     * {@code long} or {@code double} takes two, a {@code v128} four). The JVM allows 255 per method
     * and 254 per method handle type (invoking a handle takes the handle itself as the 255th). An
     * invoker takes the parameters plus {@code depth}, {@code caller} and {@code pc}; the call site
     * of an import stub invokes it through {@code MethodHandles.exactInvoker}, whose type adds the
     * invoked handle as one more parameter: 250 slots are left.
     */
    public static final int MAX_PARAM_SLOTS = 250;

    /** The JVM parameter slots the WebAssembly parameters of {@code type} take. */
    public static int paramSlots(FuncType type) {
        int n = 0;
        for (int i = 0; i < type.paramCount(); i++) n += type.param(i).slots();
        return n;
    }

    /** Whether Bytelift can compile and call functions of {@code type} (see {@link #MAX_PARAM_SLOTS}). */
    public static boolean supports(FuncType type) {
        return paramSlots(type) <= MAX_PARAM_SLOTS;
    }

    /** What is wrong with a type {@link #supports} rejects. */
    public static String unsupportedMessage(FuncType type) {
        return "function type with " + type.paramCount() + " parameters taking " + paramSlots(type)
                + " JVM slots exceeds Bytelift's implementation limit of " + MAX_PARAM_SLOTS
                + " parameter slots (i32, f32 and references take 1, i64 and f64 2, v128 4)";
    }

    /** Throws an {@link IllegalArgumentException} if Bytelift cannot call functions of {@code type}. */
    public static void requireSupported(FuncType type) {
        if (!supports(type)) throw new IllegalArgumentException(unsupportedMessage(type));
    }

    public static final String CONTEXT_INTERNAL_NAME = "dev/bytelift/runtime/internal/VMContext";
    public static final String CONTEXT_DESCRIPTOR = "L" + CONTEXT_INTERNAL_NAME + ";";

    /**
     * The suffix of the runtime helpers per value kind ({@code Results.putI32}, {@code TailCalls.argV128},
     * {@code Globals.getRef}...): {@code I32}, {@code I64}, {@code F32}, {@code F64}, {@code V128}, {@code Ref}.
     */
    public static String suffix(ValType t) {
        return switch (t.kind()) {
            case I32 -> "I32";
            case I64 -> "I64";
            case F32 -> "F32";
            case F64 -> "F64";
            case V128 -> "V128";
            default -> "Ref";
        };
    }

    /** The JVM method descriptor of a function of type {@code type}. */
    public static String descriptor(FuncType type) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < type.paramCount(); i++) sb.append(type.param(i).descriptor());
        sb.append('I').append(CONTEXT_DESCRIPTOR).append(')');
        sb.append(returnDescriptor(type));
        return sb.toString();
    }

    /** The JVM method descriptor of an invoker (and of an import stub) of type {@code type}. */
    public static String invokerDescriptor(FuncType type) {
        return invokerType(type).toMethodDescriptorString();
    }

    /** The JVM method type of an invoker of type {@code type}: the function's, plus {@code int pc}. */
    public static MethodType invokerType(FuncType type) {
        return methodType(type).appendParameterTypes(int.class);
    }

    /** The JVM return descriptor: the first result's type ({@code J} for v128), or {@code V}. */
    public static String returnDescriptor(FuncType type) {
        if (type.resultCount() == 0) return "V";
        ValType r = type.result(0);
        return r == ValType.V128 ? "J" : r.descriptor();
    }

    /** The JVM method type of a function of type {@code type}. */
    public static MethodType methodType(FuncType type) {
        List<Class<?>> params = jvmParamClasses(type);
        params.add(int.class);
        params.add(VMContext.class);
        return MethodType.methodType(returnClass(type), params);
    }

    /** The JVM classes of the WebAssembly parameters (a v128 is two longs). */
    public static List<Class<?>> jvmParamClasses(FuncType type) {
        List<Class<?>> params = new ArrayList<>();
        for (int i = 0; i < type.paramCount(); i++) {
            ValType t = type.param(i);
            if (t == ValType.V128) {
                params.add(long.class);
                params.add(long.class);
            } else {
                params.add(jvmClass(t));
            }
        }
        return params;
    }

    public static Class<?> returnClass(FuncType type) {
        if (type.resultCount() == 0) return void.class;
        ValType r = type.result(0);
        return r == ValType.V128 ? long.class : jvmClass(r);
    }

    public static Class<?> jvmClass(ValType t) {
        switch (t.kind()) {
            case I32: return int.class;
            case I64: return long.class;
            case F32: return float.class;
            case F64: return double.class;
            case V128: throw new IllegalArgumentException("v128 is two longs");
            default: return Object.class;
        }
    }

    /** The scratch slot of result {@code i >= 1}: v128 results take two consecutive slots. */
    public static int resultSlot(FuncType type, int i) {
        int slot = 0;
        for (int k = 1; k < i; k++) slot += type.result(k) == ValType.V128 ? 2 : 1;
        return slot;
    }

    /** The number of scratch slots results 1..m take. */
    public static int resultSlots(FuncType type) {
        return type.resultCount() <= 1 ? 0 : resultSlot(type, type.resultCount());
    }
}
