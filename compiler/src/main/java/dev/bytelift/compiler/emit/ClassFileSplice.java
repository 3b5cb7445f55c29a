package dev.bytelift.compiler.emit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished class file read just far enough to append {@code static final int} fields to it: the
 * constant pool's entries, the class's name, its methods' Code maxima. Everything else is copied
 * byte for byte, so adding the fields costs a pass over the constant pool and the member headers,
 * not a re-encoding of the class (ASM's reader and writer on the compile's cold path).
 */
final class ClassFileSplice {
    private static final int UTF8 = 1, INTEGER = 3, FLOAT = 4, LONG = 5, DOUBLE = 6, CLASS = 7, FIELDREF = 9;
    private static final int ACC_PUBLIC_STATIC_FINAL = 0x0001 | 0x0008 | 0x0010;

    private final byte[] b;
    /** Offset of each constant pool entry's tag (0 for index 0 and the second slot of longs and doubles). */
    private final int[] entry;
    private final int poolEnd;
    private final List<Integer> appendedInts = new ArrayList<>();
    private final List<int[]> fields = new ArrayList<>(); // name, descriptor, value index

    ClassFileSplice(byte[] classFile) {
        b = classFile;
        int count = u2(8);
        entry = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            entry[i] = p;
            int tag = b[p] & 0xff;
            switch (tag) {
                case UTF8 -> p += 3 + u2(p + 1);
                case INTEGER, FLOAT, FIELDREF, 10, 11, 12, 17, 18 -> p += 5; // 10-12 method refs, name-and-type; 17-18 dynamic
                case LONG, DOUBLE -> { p += 9; i++; }
                case CLASS, 8, 16, 19, 20 -> p += 3; // class, string, method type, module, package
                case 15 -> p += 4; // method handle
                default -> throw new IllegalStateException("constant pool tag " + tag);
            }
        }
        poolEnd = p;
    }

    /** The class's internal name. */
    String className() {
        return classNameAt(u2(poolEnd + 2));
    }

    /** For every {@code CONSTANT_Fieldref}: its class's name, its name and the index of its name and of its descriptor. */
    void forEachFieldref(FieldrefVisitor visitor) {
        for (int i = 1; i < entry.length; i++) {
            int p = entry[i];
            if (p == 0 || b[p] != FIELDREF) continue;
            int nameAndType = entry[u2(p + 3)];
            int name = u2(nameAndType + 1), descriptor = u2(nameAndType + 3);
            visitor.visit(classNameAt(u2(p + 1)), utf8(name), name, descriptor);
        }
    }

    /** What {@link #forEachFieldref} reports. */
    interface FieldrefVisitor {
        void visit(String owner, String name, int nameIndex, int descriptorIndex);
    }

    /** For every method: its name, and the max locals and max stack of its Code attribute (none: not reported). */
    void forEachMethodCode(MethodCodeVisitor visitor) {
        int p = methodsAt();
        int methods = u2(p);
        p += 2;
        for (int k = 0; k < methods; k++) {
            String name = utf8(u2(p + 2));
            int attributes = u2(p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(utf8(u2(p)))) visitor.visit(name, u2(p + 8), u2(p + 6));
                p += 6 + u4(p + 2);
            }
        }
    }

    /** What {@link #forEachMethodCode} reports. */
    interface MethodCodeVisitor {
        void visit(String name, int maxLocals, int maxStack);
    }

    /** Appends a {@code public static final} field named and typed by those constant pool entries, of value {@code value}. */
    void addIntField(int nameIndex, int descriptorIndex, int value) {
        appendedInts.add(value);
        fields.add(new int[] {nameIndex, descriptorIndex, appendedInts.size() - 1});
    }

    /** The class file with the fields added (after the class's own), their values and "ConstantValue" appended to the pool. */
    byte[] toByteArray() {
        if (fields.isEmpty()) return b;
        if (entry.length + appendedInts.size() + 1 > 0xffff) throw new IllegalStateException("constant pool full");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(b.length + 16 * fields.size() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            int firstInt = entry.length;
            int constantValue = firstInt + appendedInts.size();
            out.write(b, 0, 8);
            out.writeShort(constantValue + 1);
            out.write(b, 10, poolEnd - 10);
            for (int v : appendedInts) {
                out.writeByte(INTEGER);
                out.writeInt(v);
            }
            out.writeByte(UTF8);
            out.writeUTF("ConstantValue");
            int fieldsAt = poolEnd + 8 + 2 * u2(poolEnd + 6); // access, this, super, interfaces
            out.write(b, poolEnd, fieldsAt - poolEnd);
            out.writeShort(u2(fieldsAt) + fields.size());
            int methodsAt = methodsAt();
            out.write(b, fieldsAt + 2, methodsAt - fieldsAt - 2);
            for (int[] f : fields) {
                out.writeShort(ACC_PUBLIC_STATIC_FINAL);
                out.writeShort(f[0]);
                out.writeShort(f[1]);
                out.writeShort(1);
                out.writeShort(constantValue);
                out.writeInt(2);
                out.writeShort(firstInt + f[2]);
            }
            out.write(b, methodsAt, b.length - methodsAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private int methodsAt() {
        int p = poolEnd + 6;
        p += 2 + 2 * u2(p); // interfaces
        int fieldCount = u2(p);
        p += 2;
        for (int k = 0; k < fieldCount; k++) {
            int attributes = u2(p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) p += 6 + u4(p + 2);
        }
        return p;
    }

    private String classNameAt(int classIndex) {
        return utf8(u2(entry[classIndex] + 1));
    }

    /** A CONSTANT_Utf8 entry's string (modified UTF-8). */
    private String utf8(int index) {
        int p = entry[index];
        int length = u2(p + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = p + 3, end = i + length; i < end; ) {
            int c = b[i++] & 0xff;
            if (c < 0x80) s.append((char) c);
            else if (c < 0xe0) s.append((char) (((c & 0x1f) << 6) | (b[i++] & 0x3f)));
            else s.append((char) (((c & 0x0f) << 12) | ((b[i++] & 0x3f) << 6) | (b[i++] & 0x3f)));
        }
        return s.toString();
    }

    private int u2(int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private int u4(int p) {
        return (u2(p) << 16) | u2(p + 2);
    }
}
