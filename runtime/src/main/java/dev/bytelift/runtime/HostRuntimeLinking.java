package dev.bytelift.runtime;

import java.util.List;
import dev.bytelift.runtime.spi.IndexedInstance;
import dev.bytelift.runtime.spi.InstantiationOptions;

/**
 * {@link Module#instantiate(Store, InstantiationOptions)}: resolves the imports through the host
 * runtime's resolver, checks them as {@link Linker#instantiatePre} does, binds unbound ones to the
 * store, and hands over to the compiler.
 */
final class HostRuntimeLinking {
    private HostRuntimeLinking() {}

    static IndexedInstance instantiate(Module module, Store store, InstantiationOptions options) {
        InstancePre.requireSameEngine(module, store);
        List<ImportType> imports = module.imports();
        Extern[] externs = new Extern[imports.size()];
        for (int i = 0; i < externs.length; i++) {
            ImportType imp = imports.get(i);
            Extern value = options.imports().resolve(i, imp);
            if (value == null) throw new LinkException("unknown import", imp.module() + "." + imp.name());
            if (!ImportMatcher.matches(imp.type(), value)) {
                throw new LinkException("incompatible import type",
                        imp.module() + "." + imp.name() + ": expected " + imp.type() + ", got " + value.type());
            }
            Store owner = Linker.storeOf(value);
            if (owner != null && owner != store) {
                throw new LinkException("incompatible import type", imp.module() + "." + imp.name() + ": " + value
                        + " belongs to a different store");
            }
            externs[i] = value;
        }
        for (Extern e : externs) Linker.bind(e, store);
        InstantiationOptions bound = InstantiationOptions.builder()
                .imports(options.imports())
                .definedMemories(index -> {
                    Memory m = options.definedMemory(index);
                    if (m != null) {
                        if (m.store() != null && m.store() != store) {
                            throw new LinkException("incompatible memory", "memory " + index + " belongs to a different store");
                        }
                        m.bindTo(store);
                    }
                    return m;
                })
                .applyDataSegments(options.applyDataSegments())
                .runStart(options.runStart())
                .build();
        return module.compiled().instantiate(module, store, externs, bound);
    }
}
