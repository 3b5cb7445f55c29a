package dev.bytelift.compiler.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: a binary module without its custom {@code name} section (wabt writes none by default). */
final class NameSections {
    private NameSections() {}

    /** {@code wasm} without custom sections named {@code name}; the same array if it has none. */
    static byte[] strip(byte[] wasm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
        out.write(wasm, 0, 8);
        int pos = 8;
        boolean stripped = false;
        while (pos < wasm.length) {
            int start = pos;
            int id = wasm[pos++] & 0xFF;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = wasm[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int end = pos + (int) size;
            if (id == 0) {
                int n = wasm[pos] & 0xFF; // names here are short: one LEB byte
                if (new String(wasm, pos + 1, n, StandardCharsets.UTF_8).equals("name")) {
                    stripped = true;
                    pos = end;
                    continue;
                }
            }
            out.write(wasm, start, end - start);
            pos = end;
        }
        return stripped ? out.toByteArray() : wasm;
    }
}
