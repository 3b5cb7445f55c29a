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

    /** Marks the name of a method holding a piece of a function split over several methods. */
    public static final String REGION_MARKER = "$region";

    /** Prefix of the name of every generated class. */
    public static final String GENERATED_PACKAGE = "dev.bytelift.generated.";

    private static final ConcurrentHashMap<String, WeakReference<FrameResolver>> RESOLVERS = new ConcurrentHashMap<>();

    /** Sweep unloaded modules' entries when the map grows past this (then twice what is left). */
    private static volatile int sweepAt = 1024;

    public static void register(String className, FrameResolver resolver) {
        // amortised: a module of ten thousand classes must not sweep the whole map for each one
        if (RESOLVERS.size() > sweepAt) {
            RESOLVERS.values().removeIf(r -> r.get() == null);
            sweepAt = Math.max(1024, 2 * RESOLVERS.size());
        }
        RESOLVERS.put(className, new WeakReference<>(resolver));
    }

    /** The WebAssembly frames in {@code trace}, newest first. */
    public static List<WasmFrame> backtrace(StackTraceElement[] trace) {
        Frames frames = new Frames();
        for (StackTraceElement e : trace) frames.add(e.getClassName(), e.getMethodName(), e.getLineNumber());
        return frames.list();
    }

    /**
     * Collects the WebAssembly frames of JVM frames given newest first. A function split over
     * several methods shows as one frame: the piece that was running (a "$region" method) hides
     * the frames of the same function that called it.
     */
    public static final class Frames {
        private final List<WasmFrame> frames = new ArrayList<>();
        private boolean previousWasRegion;
        private int previousFunc = -1;

        /** Adds the JVM frame executing {@code methodName} of {@code className} at {@code line}. */
        public void add(String className, String methodName, int line) {
            if (!className.startsWith(GENERATED_PACKAGE)) return;
            WasmFrame f = resolve(className, methodName, line);
            if (f == null) return;
            if (!(previousWasRegion && f.funcIndex() == previousFunc)) frames.add(f);
            previousWasRegion = methodName.contains(REGION_MARKER);
            previousFunc = f.funcIndex();
        }

        public List<WasmFrame> list() {
            return frames;
        }
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
