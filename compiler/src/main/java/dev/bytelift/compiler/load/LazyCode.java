package dev.bytelift.compiler.load;

import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import dev.bytelift.compiler.emit.ModuleLayout;

/**
 * Lazy compilation's function classes: each one is written (with its overflow classes) when its
 * module's class loader is first asked for it, that is when the JVM first resolves a call into it
 * or the embedder first looks a function of it up. Calls between functions stay plain
 * {@code invokestatic}s: the JVM's own lazy resolution is the stub.
 */
public final class LazyCode {
    /** The stack of a thread that writes a class the calling thread had no stack left for. */
    private static final long WRITER_STACK = 64L << 20;

    private final IntFunction<Map<String, byte[]>> writer;
    private final ModuleLayout layout;
    /** Function classes written (1), by index. */
    private final AtomicIntegerArray written;
    private final AtomicLong functionsTranslated = new AtomicLong();

    /**
     * @param writer writes function class {@code k}: its class files (with its overflow classes) by
     *     internal name, or the compiler's error (ModuleEmitter#functionClass, ASM's errors translated)
     */
    public LazyCode(IntFunction<Map<String, byte[]>> writer, ModuleLayout layout) {
        this.writer = writer;
        this.layout = layout;
        this.written = new AtomicIntegerArray(layout.functionClasses.size());
    }

    ModuleLayout layout() {
        return layout;
    }

    /** Whether function class {@code k} was written. */
    boolean written(int k) {
        return written.get(k) != 0;
    }

    /** How many functions have been translated so far (those of the function classes written). */
    public long functionsTranslated() {
        return functionsTranslated.get();
    }

    /**
     * Writes function class {@code k}; the caller makes sure it happens once. A thread deep in
     * WebAssembly code may have too little stack left to translate a large function: the class is
     * then written on a thread of its own, so that lazy compilation does not make a program's stack
     * trap earlier than eager compilation would.
     */
    Map<String, byte[]> write(int k) {
        Map<String, byte[]> classes;
        try {
            classes = writer.apply(k);
        } catch (StackOverflowError e) {
            classes = writeOnOwnThread(k);
        }
        written.set(k, 1);
        functionsTranslated.addAndGet(layout.endFunction(k) - layout.firstFunction(k));
        return classes;
    }

    /** Writes class {@code k} on a new thread with a large stack; its failure is rethrown here as it was thrown. */
    private Map<String, byte[]> writeOnOwnThread(int k) {
        @SuppressWarnings("unchecked")
        Map<String, byte[]>[] result = new Map[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = writer.apply(k);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "bytelift-lazy-compile", WRITER_STACK);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the class is needed now: finish, then keep the flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        return result[0];
    }
}
