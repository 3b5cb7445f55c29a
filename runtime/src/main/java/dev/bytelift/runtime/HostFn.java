package dev.bytelift.runtime;

/**
 * Typed host function shapes whose first parameter is the {@link Caller}, for
 * {@link Func#wrap} and {@link Linker#defineFunction(Store, String, String, Class, Object)}.
 * Names read as WebAssembly signatures with JVM descriptor letters: the parameters, an
 * underscore, the result ({@code I} = i32, {@code J} = i64, {@code F} = f32, {@code D} = f64,
 * {@code V} = none). {@code II_I} is {@code (Caller, int, int) -> int}: {@code [i32 i32] -> [i32]}.
 *
 * <p>Shapes without a caller need no interface of ours: the JDK's serve ({@code Runnable} for
 * {@code [] -> []}, {@code IntUnaryOperator}, {@code IntBinaryOperator}, {@code IntConsumer},
 * {@code IntSupplier}, {@code LongUnaryOperator}, {@code LongBinaryOperator},
 * {@code DoubleUnaryOperator}, {@code IntToLongFunction}…), and so does any functional interface
 * of the embedder's, with or without a {@code Caller} first parameter. A shape may throw any
 * exception: it propagates to the embedder as itself.
 */
public final class HostFn {
    private HostFn() {}

    /** {@code [] -> []} */
    @FunctionalInterface
    public interface V_V { void call(Caller caller) throws Exception; }

    /** {@code [] -> [i32]} */
    @FunctionalInterface
    public interface V_I { int call(Caller caller) throws Exception; }

    /** {@code [] -> [i64]} */
    @FunctionalInterface
    public interface V_J { long call(Caller caller) throws Exception; }

    /** {@code [i32] -> []} */
    @FunctionalInterface
    public interface I_V { void call(Caller caller, int a) throws Exception; }

    /** {@code [i32 i32] -> []} */
    @FunctionalInterface
    public interface II_V { void call(Caller caller, int a, int b) throws Exception; }

    /** {@code [i32 i32 i32] -> []} */
    @FunctionalInterface
    public interface III_V { void call(Caller caller, int a, int b, int c) throws Exception; }

    /** {@code [i32] -> [i32]} */
    @FunctionalInterface
    public interface I_I { int call(Caller caller, int a) throws Exception; }

    /** {@code [i32 i32] -> [i32]} */
    @FunctionalInterface
    public interface II_I { int call(Caller caller, int a, int b) throws Exception; }

    /** {@code [i32 i32 i32] -> [i32]} */
    @FunctionalInterface
    public interface III_I { int call(Caller caller, int a, int b, int c) throws Exception; }

    /** {@code [i32 i32 i32 i32] -> [i32]} (the shape of many WASI calls) */
    @FunctionalInterface
    public interface IIII_I { int call(Caller caller, int a, int b, int c, int d) throws Exception; }

    /** {@code [i64] -> []} */
    @FunctionalInterface
    public interface J_V { void call(Caller caller, long a) throws Exception; }

    /** {@code [i64] -> [i64]} */
    @FunctionalInterface
    public interface J_J { long call(Caller caller, long a) throws Exception; }

    /** {@code [i64 i64] -> [i64]} */
    @FunctionalInterface
    public interface JJ_J { long call(Caller caller, long a, long b) throws Exception; }

    /** {@code [i32] -> [i64]} */
    @FunctionalInterface
    public interface I_J { long call(Caller caller, int a) throws Exception; }

    /** {@code [f64] -> [f64]} */
    @FunctionalInterface
    public interface D_D { double call(Caller caller, double a) throws Exception; }
}
