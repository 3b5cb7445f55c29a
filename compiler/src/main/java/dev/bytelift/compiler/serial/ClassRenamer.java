package dev.bytelift.compiler.serial;

import java.io.ByteArrayOutputStream;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;

/**
 * Renames a deserialised module's classes: generated classes need names unique in the process
 * (backtraces find their module by class name), so the main class {@code ModuleN} the module was
 * compiled as becomes a new {@code ModuleM} in every UTF-8 constant of every class file. Only the
 * constant pool changes, and constants are referred to by index, so the rest of the file is
 * copied as it is: no bytecode library is needed.
 */
final class ClassRenamer {
    private final byte[] from;
    private final byte[] to;

    /** Replaces internal name {@code from} (a generated main class name) with {@code to}. */
    ClassRenamer(String from, String to) {
        this.from = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.to = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The new name of class {@code internalName}. */
    String rename(String internalName) {
        if (!internalName.startsWith(new String(from, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new DeserializeException(Reason.CORRUPTED, "corrupted serialised module: class " + internalName + " is not the module's");
        }
        return new String(to, java.nio.charset.StandardCharsets.US_ASCII) + internalName.substring(from.length);
    }

    /** {@code classFile} with the name replaced in its constant pool. */
    byte[] rename(byte[] classFile) {
        try {
            return renameUnchecked(classFile);
        } catch (IndexOutOfBoundsException e) {
            throw new DeserializeException(Reason.CORRUPTED, "corrupted serialised module: a class file ends early");
        }
    }

    private byte[] renameUnchecked(byte[] c) {
        if (u4(c, 0) != 0xCAFEBABE) throw new DeserializeException(Reason.CORRUPTED, "corrupted serialised module: not a class file");
        int count = u2(c, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 64);
        out.write(c, 0, 10);
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = c[p] & 0xFF;
            switch (tag) {
                case 1 -> { // CONSTANT_Utf8
                    int len = u2(c, p + 1);
                    byte[] value = replace(c, p + 3, len);
                    if (value == null) {
                        out.write(c, p, 3 + len);
                    } else {
                        if (value.length > 0xFFFF) throw new DeserializeException(Reason.CORRUPTED, "a renamed constant is too long");
                        out.write(1);
                        out.write(value.length >> 8);
                        out.write(value.length);
                        out.write(value, 0, value.length);
                    }
                    p += 3 + len;
                }
                case 7, 8, 16, 19, 20 -> { // Class, String, MethodType, Module, Package
                    out.write(c, p, 3);
                    p += 3;
                }
                case 15 -> { // MethodHandle
                    out.write(c, p, 4);
                    p += 4;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> { // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                    out.write(c, p, 5);
                    p += 5;
                }
                case 5, 6 -> { // Long, Double: two entries
                    out.write(c, p, 9);
                    p += 9;
                    i++;
                }
                default -> throw new DeserializeException(Reason.CORRUPTED, "corrupted serialised module: constant pool tag " + tag);
            }
        }
        if (p > c.length) throw new IndexOutOfBoundsException();
        out.write(c, p, c.length - p);
        return out.toByteArray();
    }

    /**
     * The UTF-8 constant at {@code c[start, start+len)} with each occurrence of the old name not
     * followed by a digit replaced, or null if it has none. Names are ASCII, and in (modified)
     * UTF-8 an ASCII byte is always that character, so bytes compare as characters.
     */
    private byte[] replace(byte[] c, int start, int len) {
        int end = start + len;
        if (end > c.length) throw new IndexOutOfBoundsException();
        ByteArrayOutputStream out = null;
        int copied = start;
        for (int i = start; i + from.length <= end; i++) {
            if (!matches(c, i)) continue;
            int after = i + from.length;
            if (after < end && c[after] >= '0' && c[after] <= '9') continue; // Module12 is not Module1
            if (out == null) out = new ByteArrayOutputStream(len + 16);
            out.write(c, copied, i - copied);
            out.write(to, 0, to.length);
            copied = after;
            i = after - 1;
        }
        if (out == null) return null;
        out.write(c, copied, end - copied);
        return out.toByteArray();
    }

    private boolean matches(byte[] c, int at) {
        for (int k = 0; k < from.length; k++) if (c[at + k] != from[k]) return false;
        return true;
    }

    private static int u2(byte[] c, int p) {
        return (c[p] & 0xFF) << 8 | (c[p + 1] & 0xFF);
    }

    private static int u4(byte[] c, int p) {
        return u2(c, p) << 16 | u2(c, p + 2);
    }
}
