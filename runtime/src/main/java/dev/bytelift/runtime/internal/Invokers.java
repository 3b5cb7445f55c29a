package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;

/**
 * Makes the invokers of a module's WebAssembly functions on demand: a {@link dev.bytelift.runtime.Func}
 * of an instance gets its invoker the first time something calls it through one (the host, a
 * trampoline, another instance), since binding a handle for each of a program's functions at
 * instantiation costs tens of milliseconds in a cold JVM and most are only ever called directly.
 */
public interface Invokers {
    /** The invoker of function {@code funcIndex} (an index of the function index space) bound to {@code ctx}. */
    MethodHandle invoker(int funcIndex, VMContext ctx);
}
