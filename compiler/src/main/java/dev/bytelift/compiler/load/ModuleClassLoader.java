package dev.bytelift.compiler.load;

/**
 * Defines the classes of one compiled module. One loader per module, so that a module nobody
 * references any more can be unloaded with its code.
 */
final class ModuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Class files not defined yet, by binary name; a module's classes refer to each other. */
    private final java.util.Map<String, byte[]> pending = new java.util.concurrent.ConcurrentHashMap<>();

    ModuleClassLoader(ClassLoader parent, java.util.Map<String, byte[]> classes) {
        super("bytelift-module", parent);
        classes.forEach((internalName, bytes) -> pending.put(internalName.replace('/', '.'), bytes));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pending.get(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        // removed only once defined: a definition that fails (a StackOverflowError when a deep chain
        // of region calls first reaches a class) must be possible again on the next call
        Class<?> c = defineClass(name, bytes, 0, bytes.length);
        pending.remove(name);
        return c;
    }
}
