package dev.bytelift.compiler.load;

/**
 * Defines the classes of one compiled module. One loader per module, so that a module nobody
 * references any more can be unloaded with its code. With lazy compilation it also writes the
 * function classes, each when it is first asked for ({@link LazyCode}).
 */
final class ModuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Class files not defined yet, by binary name; a module's classes refer to each other. */
    private final java.util.Map<String, byte[]> pending = new java.util.concurrent.ConcurrentHashMap<>();
    /** Writes the function classes not in {@link #pending}, or null (eager compilation). */
    private final LazyCode lazy;
    /** Called with the binary name of every class a lazy compilation writes. */
    private final java.util.function.Consumer<String> onWritten;

    /** A deserialised module's class files not in {@link #pending}, by internal name, or null. */
    private final java.util.function.Function<String, byte[]> stored;

    ModuleClassLoader(ClassLoader parent, java.util.Map<String, byte[]> classes, LazyCode lazy,
            java.util.function.Consumer<String> onWritten, java.util.function.Function<String, byte[]> stored) {
        super("bytelift-module", parent);
        this.lazy = lazy;
        this.stored = stored;
        this.onWritten = onWritten;
        classes.forEach((internalName, bytes) -> pending.put(internalName.replace('/', '.'), bytes));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pending.get(name);
        if (bytes == null && lazy != null) bytes = write(name);
        if (bytes == null && stored != null) bytes = readStored(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        // removed only once defined: a definition that fails (a StackOverflowError when a deep chain
        // of region calls first reaches a class) must be possible again on the next call
        Class<?> c = defineClass(name, bytes, 0, bytes.length);
        pending.remove(name);
        return c;
    }

    /**
     * Reads class {@code name} of a deserialised module; a file that cannot be read any more (a
     * mapping of a file truncated since) is a class that does not load, not the JVM's error.
     */
    private byte[] readStored(String name) {
        try {
            return stored.apply(name.replace('.', '/'));
        } catch (InternalError | RuntimeException e) {
            throw new ClassFormatError("class " + name + " of the deserialised module cannot be read: " + e);
        }
    }

    /** Writes the function class {@code name} is or belongs to, if not done yet; its bytes, or null. */
    private byte[] write(String name) {
        int k = lazy.layout().functionClassOf(name);
        if (k < 0) return null;
        // the loader locks per class name: two threads asking for one of the class's overflow
        // classes and the class itself must not both write it
        synchronized (getClassLoadingLock(lazy.layout().functionClasses.get(k).replace('/', '.'))) {
            if (!lazy.written(k)) {
                var classes = lazy.write(k);
                for (String n : classes.keySet()) onWritten.accept(n.replace('/', '.'));
                classes.forEach((internalName, b) -> pending.put(internalName.replace('/', '.'), b));
            }
        }
        return pending.get(name);
    }
}
