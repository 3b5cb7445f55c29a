package dev.bytelift.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.spi.CompiledModule;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * A module whose code is generated JVM classes and whose description is a {@link ModuleImage}:
 * the compiler's modules and ahead-of-time ones. Everything the image decides is here, once, so
 * that both kinds answer and behave alike: the module's name, imports and exports, instantiating
 * it ({@link Instantiation}, with or without a host runtime's options) and reading its classes'
 * frames as WebAssembly frames ({@link ModuleFrames}), and the invokers of its functions, from
 * handles looked up once. How the classes are defined or found, and where each function's method
 * is ({@link #method}), are each subclass's.
 */
public abstract class LoadedModule implements CompiledModule, Invokers {
    private final ModuleImage image;
    /** Held here: {@link CodeRegistry} keeps resolvers weakly, as long as their module lives. */
    private final ModuleFrames frames;
    private final List<ImportType> imports;
    private final List<ExportType> exports;
    /** {@link ModuleImage#resultSlots()}, computed once per module. */
    private final int resultSlots;
    /**
     * Unbound handles of the defined functions, by defined index, looked up when first needed
     * (most functions are only called directly by generated code, never through a handle).
     */
    private final MethodHandle[] methods;

    /** A module described by {@code image}, which is complete and no longer changes. */
    protected LoadedModule(ModuleImage image) {
        this.image = image;
        this.frames = new ModuleFrames(image);
        this.imports = List.copyOf(image.imports);
        List<ExportType> ex = new ArrayList<>(image.exports.size());
        for (ModuleImage.Export e : image.exports) ex.add(new ExportType(e.name(), image.externType(e.kind(), e.index())));
        this.exports = List.copyOf(ex);
        this.resultSlots = image.resultSlots();
        this.methods = new MethodHandle[image.funcCount() - image.importedFuncs];
    }

    /**
     * The static method of defined function {@code f} (an index of the function index space), of
     * type {@code type} ({@link Abi#methodType}), unbound; loads its class if it is not loaded yet.
     * Fails with the subclass's own exception: a compiler bug, or a damaged module.
     */
    protected abstract MethodHandle method(int f, MethodType type);

    @Override
    public final MethodHandle invoker(int f, VMContext ctx) {
        FuncType t = image.funcType(f);
        int i = f - image.importedFuncs;
        MethodHandle method = methods[i];
        if (method == null) {
            method = method(f, Abi.methodType(t));
            methods[i] = method; // a race looks the same handle up twice
        }
        return Abi.bindToInstance(method, ctx, t);
    }

    /** Makes the frames of generated class {@code className} (internal or binary name) show in backtraces as this module's. */
    protected final void registerClass(String className) {
        CodeRegistry.register(className.replace('/', '.'), frames);
    }

    @Override
    public final String name() {
        return image.moduleName;
    }

    @Override
    public final List<ImportType> imports() {
        return imports;
    }

    @Override
    public final List<ExportType> exports() {
        return exports;
    }

    @Override
    public final Instance instantiate(Module module, Store store, Extern[] imports) {
        return Instantiation.instantiate(image, resultSlots, this, module, store, imports, Instantiation.DEFAULT_OPTIONS).instance();
    }

    @Override
    public final IndexedInstance instantiate(Module module, Store store, Extern[] imports, InstantiationOptions options) {
        return Instantiation.instantiate(image, resultSlots, this, module, store, imports, options);
    }
}
