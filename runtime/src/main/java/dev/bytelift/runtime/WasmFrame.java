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

    /** Formats this frame like Wasmtime's CLI: {@code 0x2a - module!func}. */
    public String format() {
        String fn = funcName != null ? funcName : "<wasm function " + funcIndex + ">";
        String mod = moduleName != null ? moduleName + "!" : "<unknown>!";
        String off = moduleOffset >= 0 ? "0x" + Integer.toHexString(moduleOffset) : "0x?";
        return off + " - " + mod + fn;
    }
}
