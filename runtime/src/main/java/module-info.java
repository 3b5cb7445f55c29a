/**
 * The Bytelift runtime: the embedding API ({@code dev.bytelift.runtime}) and the service
 * interfaces the compiler and the trampolines plug in with ({@code dev.bytelift.runtime.spi}).
 *
 * <p>The ABI with generated code ({@code dev.bytelift.runtime.internal}) is exported only to the
 * compiler and the trampolines; the classes a module compiles to live in the unnamed module of
 * their own class loader, which the compiler gives access with
 * {@link dev.bytelift.runtime.internal.InternalExports#to}.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.bytelift.runtime {
    requires jdk.unsupported; // sun.misc.Unsafe for memory accesses (internal.UnsafeMemory)

    exports dev.bytelift.runtime;
    exports dev.bytelift.runtime.spi;
    exports dev.bytelift.runtime.internal to dev.bytelift.compiler, dev.bytelift.trampolines;
    exports dev.bytelift.runtime.internal.simd to dev.bytelift.compiler;
    exports dev.bytelift.runtime.internal.aot to dev.bytelift.compiler;

    uses dev.bytelift.runtime.spi.ModuleCompiler;
    uses dev.bytelift.runtime.spi.Trampolines;
}
