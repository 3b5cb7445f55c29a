package dev.bytelift.runtime;

/**
 * One WebAssembly frame of a backtrace.
 *
 * @param moduleName the module's name from its {@code name} section, or {@code null}
 * @param funcIndex the function's index in its module's function index space
 * @param funcName the function's name from the {@code name} section, or {@code null}
 * @param moduleOffset the byte offset in the module binary of the instruction executing in this
 *     frame (the trapping instruction in the newest frame, the call in older ones), or -1 if unknown
 */
public record WasmFrame(String moduleName, int funcIndex, String funcName, int moduleOffset) {

    /**
     * Formats this frame like Wasmtime: {@code "  0x2a - module!func"}, the offset right-aligned
     * in six columns ({@code <unknown>} for a module without a name, {@code <wasm function N>}
     * for a function without one; no offset part when it is unknown).
     */
    public String format() {
        String fn = funcName != null ? funcName : "<wasm function " + funcIndex + ">";
        String mod = moduleName != null ? moduleName + "!" : "<unknown>!";
        String off = moduleOffset >= 0 ? String.format("%6s - ", "0x" + Integer.toHexString(moduleOffset)) : "";
        return off + mod + fn;
    }
}
