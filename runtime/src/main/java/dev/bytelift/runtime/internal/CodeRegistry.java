package dev.bytelift.runtime.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.bytelift.runtime.WasmFrame;

/**
 * Knows which JVM classes hold generated WebAssembly code, by their (globally unique) names, so
 * that a JVM stack trace can be read as a WebAssembly backtrace after the stack has unwound.
 * Resolvers are held weakly: a module that is no longer used can be unloaded.
 */
public final class CodeRegistry {
    private CodeRegistry() {}

    /** Prefix of the name of every generated class. */
    public static final String GENERATED_PACKAGE = "dev.bytelift.generated.";

    private static final ConcurrentHashMap<String, WeakReference<FrameResolver>> RESOLVERS = new ConcurrentHashMap<>();

    public static void register(String className, FrameResolver resolver) {
        if (RESOLVERS.size() > 1024) RESOLVERS.values().removeIf(r -> r.get() == null);
        RESOLVERS.put(className, new WeakReference<>(resolver));
    }

    /** The WebAssembly frames in {@code trace}, newest first. */
    public static List<WasmFrame> backtrace(StackTraceElement[] trace) {
        List<WasmFrame> frames = new ArrayList<>();
        for (StackTraceElement e : trace) {
            if (!e.getClassName().startsWith(GENERATED_PACKAGE)) continue;
            WasmFrame f = resolve(e.getClassName(), e.getMethodName(), e.getLineNumber());
            if (f != null) frames.add(f);
        }
        return frames;
    }

    /**
     * The WebAssembly frame of a JVM frame executing {@code methodName} of generated class
     * {@code className} at {@code line}, or {@code null} if it is not a WebAssembly function
     * (an import stub, a dispatcher, an unknown or unloaded class).
     */
    public static WasmFrame resolve(String className, String methodName, int line) {
        WeakReference<FrameResolver> ref = RESOLVERS.get(className);
        FrameResolver r = ref == null ? null : ref.get();
        return r == null ? null : r.resolve(methodName, line);
    }
}
