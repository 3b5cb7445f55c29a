package dev.bytelift.runtime;

/**
 * A function implemented by the host, callable from WebAssembly. This is the general form that
 * serves any signature: arguments and results are boxed ({@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@link V128}, and references as themselves).
 *
 * <p>For the common signatures, typed host functions ({@link Func#wrap}) avoid the boxing and
 * allocation of this form.
 *
 * <p>An exception thrown here propagates through the calling WebAssembly code to the embedder as
 * itself, with the WebAssembly backtrace of the call attached ({@link WasmBacktrace#of}); a
 * {@link Trap} thrown here gets that backtrace as its own.
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * Runs the function.
     *
     * @param caller the calling instance's view (its memory and exports)
     * @param args the arguments, one per parameter
     * @return the results, one per result type ({@code null} or an empty array for none)
     */
    Object[] call(Caller caller, Object[] args) throws Exception;
}
