package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.WasmFrame;

/** Maps a JVM frame of a generated class (method name, line number) to a WebAssembly frame. */
public interface FrameResolver {
    /** The WebAssembly frame, or {@code null} if the method is not a WebAssembly function. */
    WasmFrame resolve(String methodName, int lineNumber);
}
