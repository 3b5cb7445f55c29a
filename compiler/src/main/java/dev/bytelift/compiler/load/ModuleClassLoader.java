package dev.bytelift.compiler.load;

/**
 * Defines the classes of one compiled module. One loader per module, so that a module nobody
 * references any more can be unloaded with its code.
 */
final class ModuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    ModuleClassLoader(ClassLoader parent) {
        super("bytelift-module", parent);
    }

    Class<?> define(String internalName, byte[] bytes) {
        return defineClass(internalName.replace('/', '.'), bytes, 0, bytes.length);
    }
}
