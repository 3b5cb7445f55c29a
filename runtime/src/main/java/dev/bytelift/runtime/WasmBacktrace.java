package dev.bytelift.runtime;

import java.util.List;
import dev.bytelift.runtime.internal.CodeRegistry;

/**
 * The WebAssembly frames active on the current thread, newest first: each with its function
 * index, its name from the {@code name} section and the module byte offset of the instruction
 * it is executing (the trapping instruction in the newest frame of a trap, the {@code call} in
 * the others). Frames of the host (Java code, trampolines) never appear; the WebAssembly frames
 * of every activation on the thread do, across nested host→WebAssembly→host→WebAssembly calls.
 *
 * <p>Where backtraces come from:
 * <ul>
 *   <li>{@link #capture()}, called anywhere — typically inside a host function;
 *   <li>{@link Trap#backtrace()}: every trap carries the backtrace of the point where it happened;
 *   <li>an exception thrown by a host function called from WebAssembly propagates to the
 *       embedder as itself, with the backtrace at the call that left WebAssembly attached as a
 *       {@linkplain Throwable#getSuppressed() suppressed} exception (so a printed stack trace
 *       shows it); {@link #of(Throwable)} finds it.
 * </ul>
 *
 * <p>Unlike Wasmtime, which lists only the frames of the store the trap happened in, a
 * backtrace lists the WebAssembly frames of every store active on the thread.
 */
public final class WasmBacktrace {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final List<WasmFrame> frames;

    /** A backtrace of the given frames, newest first. */
    public WasmBacktrace(List<WasmFrame> frames) {
        this.frames = List.copyOf(frames);
    }

    /** The WebAssembly frames of the current thread's stack, newest first. */
    public static WasmBacktrace capture() {
        return new WasmBacktrace(WALKER.walk(s -> {
            CodeRegistry.Frames frames = new CodeRegistry.Frames();
            s.forEach(f -> frames.add(f.getClassName(), f.getMethodName(), f.getLineNumber()));
            return List.copyOf(frames.list());
        }));
    }

    /**
     * The backtrace {@code t} carries: a trap's own, or the one attached to a host exception
     * that went through WebAssembly code; {@code null} if it carries none.
     */
    public static WasmBacktrace of(Throwable t) {
        if (t instanceof Trap trap) return new WasmBacktrace(trap.backtrace());
        for (Throwable s : t.getSuppressed()) {
            if (s instanceof Attached a) return a.backtrace;
        }
        return null;
    }

    /**
     * Attaches this backtrace to {@code t} (a trap's is set; any other exception gets it as a
     * suppressed exception) unless {@code t} carries one already; returns {@code t}.
     */
    public <T extends Throwable> T attachTo(T t) {
        if (t instanceof Trap trap) {
            if (trap.backtrace().isEmpty()) trap.setBacktrace(frames);
        } else if (of(t) == null) {
            t.addSuppressed(new Attached(this));
        }
        return t;
    }

    /** The frames, newest first. */
    public List<WasmFrame> frames() {
        return frames;
    }

    /**
     * Formats the frames like Wasmtime: {@code wasm backtrace:} and then one line per frame,
     * {@code "    0:   0x2a - module!func"}; empty if there are no frames.
     */
    @Override
    public String toString() {
        if (frames.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("wasm backtrace:");
        for (int i = 0; i < frames.size(); i++) {
            sb.append(System.lineSeparator()).append(String.format("  %3d: %s", i, frames.get(i).format()));
        }
        return sb.toString();
    }

    /** Carries a backtrace on a host exception, as a suppressed exception without a stack of its own. */
    private static final class Attached extends RuntimeException {
        final WasmBacktrace backtrace;

        Attached(WasmBacktrace backtrace) {
            super("error while executing at " + backtrace, null, false, false);
            this.backtrace = backtrace;
        }
    }
}
