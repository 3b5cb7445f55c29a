package dev.bytelift.compiler.text;

/** UTF-8 checks (the text format is UTF-8; names must be valid UTF-8). */
final class Utf8 {
    private Utf8() {}

    /**
     * The length of the well-formed UTF-8 sequence at {@code b[i]} (1 to 4), or -1 if the bytes from
     * {@code i} (before {@code end}) are not one: overlong forms, surrogates and code points above
     * U+10FFFF are malformed.
     */
    static int sequence(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) return 1;
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > end) return -1;
        int cp = c & (0x3F >> (n - 1));
        for (int k = 1; k < n; k++) {
            int d = b[i + k] & 0xFF;
            if ((d & 0xC0) != 0x80) return -1;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        return n;
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8. */
    static boolean valid(byte[] b, int from, int to) {
        for (int i = from; i < to; ) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int n = sequence(b, i, to);
            if (n < 0) return false;
            i += n;
        }
        return true;
    }
}
