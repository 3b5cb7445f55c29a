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

    public static void register(String className, FrameResolver resolver) {
        if (RESOLVERS.size() > 1024) RESOLVERS.values().removeIf(r -> r.get() == null);
        RESOLVERS.put(className, new WeakReference<>(resolver));
    }

    /** The WebAssembly frames in {@code trace}, newest first. */
    public static List<WasmFrame> backtrace(StackTraceElement[] trace) {
        List<WasmFrame> frames = new ArrayList<>();
        // a function split over several methods shows as one frame: the piece that was running
        // (a "$region" method) hides the frames of the same function that called it
        boolean previousWasRegion = false;
        int previousFunc = -1;
        for (StackTraceElement e : trace) {
            if (!e.getClassName().startsWith(GENERATED_PACKAGE)) continue;
            WeakReference<FrameResolver> ref = RESOLVERS.get(e.getClassName());
            FrameResolver r = ref == null ? null : ref.get();
            if (r == null) continue;
            WasmFrame f = r.resolve(e.getMethodName(), e.getLineNumber());
            if (f == null) continue;
            boolean region = e.getMethodName().contains(REGION_MARKER);
            if (!(previousWasRegion && f.funcIndex() == previousFunc)) frames.add(f);
            previousWasRegion = region;
            previousFunc = f.funcIndex();
        }
        return frames;
    }
}
