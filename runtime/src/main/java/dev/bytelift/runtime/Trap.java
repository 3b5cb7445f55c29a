package dev.bytelift.runtime;

import java.util.List;

/**
 * WebAssembly code trapped. Carries the {@link TrapCode} and the WebAssembly backtrace at the
 * point of the trap, newest frame first: the exact module offset of the trapping instruction and
 * of the calls below it, across nested host calls (see {@link WasmBacktrace}).
 */
public final class Trap extends WasmException {
    private final TrapCode code;
    private List<WasmFrame> backtrace = List.of();

    /** A trap of {@code code}, with the code's message. */
    public Trap(TrapCode code) {
        super(code.message());
        this.code = code;
    }

    /** A trap of {@code code} caused by {@code cause} (a JVM exception it was translated from). */
    public Trap(TrapCode code, Throwable cause) {
        super(code.message(), cause);
        this.code = code;
    }

    /**
     * A trap whose message is the code's followed by {@code detail} (for example what could not be
     * allocated), with the exception that caused it, or {@code null}.
     */
    public Trap(TrapCode code, String detail, Throwable cause) {
        super(code.message() + ": " + detail, cause);
        this.code = code;
    }

    /** Why the code trapped. */
    public TrapCode code() {
        return code;
    }

    /** The WebAssembly frames active when the trap happened, newest first. */
    public List<WasmFrame> backtrace() {
        return backtrace;
    }

    /** Sets the backtrace; used by the runtime when the trap leaves WebAssembly code. */
    public void setBacktrace(List<WasmFrame> frames) {
        this.backtrace = List.copyOf(frames);
    }

    /**
     * The trap message followed by the backtrace, formatted like Wasmtime's CLI:
     * <pre>
     * unreachable
     * wasm backtrace:
     *     0:   0x2a - &lt;unknown&gt;!func
     * </pre>
     */
    public String describe() {
        String bt = new WasmBacktrace(backtrace).toString();
        return bt.isEmpty() ? getMessage() : getMessage() + System.lineSeparator() + bt;
    }
}
