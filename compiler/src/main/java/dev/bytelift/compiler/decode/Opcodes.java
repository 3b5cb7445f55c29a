package dev.bytelift.compiler.decode;

/** Facts about opcodes the decoder needs outside function bodies. */
public final class Opcodes {
    private Opcodes() {}

    /** Whether {@code op} is a single-byte opcode (or prefix) of WebAssembly 2.0. */
    public static boolean isKnown(int op) {
        return op <= 0x05 || (op >= 0x0B && op <= 0x11) || (op >= 0x1A && op <= 0x1C)
                || (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xC4)
                || (op >= 0xD0 && op <= 0xD2) || op == 0xFC || op == 0xFD;
    }
}
