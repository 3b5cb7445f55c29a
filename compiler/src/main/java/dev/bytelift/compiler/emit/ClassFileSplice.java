package dev.bytelift.compiler.emit;

import java.util.Arrays;

/**
 * A finished class file read just far enough to append {@code static final int} fields to it: the
 * constant pool's entries, the class's own field references, its methods' Code maxima. Everything
 * else is copied byte for byte, so adding the fields costs a pass over the constant pool and the
 * member headers, not a re-encoding of the class (ASM's reader and writer on the compile's cold
 * path). Names are compared as the pool's bytes, not decoded into strings: this runs once per
 * generated class, on every compile.
 */
final class ClassFileSplice {
    private static final int UTF8 = 1, INTEGER = 3, FLOAT = 4, LONG = 5, DOUBLE = 6, CLASS = 7, FIELDREF = 9;
    private static final int ACC_PUBLIC_STATIC_FINAL = 0x0001 | 0x0008 | 0x0010;
    private static final byte[] CODE = {'C', 'o', 'd', 'e'};
    private static final byte[] CONSTANT_VALUE = {'C', 'o', 'n', 's', 't', 'a', 'n', 't', 'V', 'a', 'l', 'u', 'e'};

    private final byte[] b;
    /** Offset of each constant pool entry's tag (0 for index 0 and the second slot of longs and doubles). */
    private final int[] entry;
    private final int poolEnd;
    /** Fields to append: name index, descriptor index, value; {@code fieldCount} of them. */
    private int[] fields = new int[12];
    private int fieldCount;

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

    /** The class's internal name (for messages). */
    String className() {
        return utf8(classNameIndex(u2(poolEnd + 2)));
    }

    /**
     * For every {@code CONSTANT_Fieldref} of a field of this class itself whose name begins with
     * {@code prefix} (ASCII): the index of its name and of its descriptor, in pool order.
     */
    void forEachOwnFieldref(byte[] prefix, FieldrefVisitor visitor) {
        int self = u2(poolEnd + 2);
        int selfName = classNameIndex(self);
        for (int i = 1; i < entry.length; i++) {
            int p = entry[i];
            if (p == 0 || b[p] != FIELDREF) continue;
            int nameAndType = entry[u2(p + 3)];
            int name = u2(nameAndType + 1);
            if (!startsWith(name, prefix)) continue;
            int owner = u2(p + 1);
            if (owner != self && !utf8Equals(classNameIndex(owner), 0, selfName)) continue;
            visitor.visit(name, u2(nameAndType + 3));
        }
    }

    /** What {@link #forEachOwnFieldref} reports. */
    interface FieldrefVisitor {
        void visit(int nameIndex, int descriptorIndex);
    }

    /** For every method with a Code attribute: its name's index, and the attribute's max locals and max stack. */
    void forEachMethodCode(MethodCodeVisitor visitor) {
        int p = methodsAt();
        int methods = u2(p);
        p += 2;
        int code = 0; // the index of "Code", once seen (the pool holds each string once, but check bytes otherwise)
        for (int k = 0; k < methods; k++) {
            int name = u2(p + 2);
            int attributes = u2(p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int attributeName = u2(p);
                if (attributeName == code || (code == 0 || !utf8Equals(attributeName, 0, code)) && isUtf8(attributeName, CODE)) {
                    code = attributeName;
                    visitor.visit(name, u2(p + 8), u2(p + 6));
                }
                p += 6 + u4(p + 2);
            }
        }
    }

    /** What {@link #forEachMethodCode} reports. */
    interface MethodCodeVisitor {
        void visit(int nameIndex, int maxLocals, int maxStack);
    }

    /** Appends a {@code public static final} field named and typed by those constant pool entries, of value {@code value}. */
    void addIntField(int nameIndex, int descriptorIndex, int value) {
        if (3 * fieldCount + 3 > fields.length) fields = Arrays.copyOf(fields, 2 * fields.length);
        fields[3 * fieldCount] = nameIndex;
        fields[3 * fieldCount + 1] = descriptorIndex;
        fields[3 * fieldCount + 2] = value;
        fieldCount++;
    }

    /** The class file with the fields added (after the class's own), their values and "ConstantValue" appended to the pool. */
    byte[] toByteArray() {
        if (fieldCount == 0) return b;
        if (entry.length + fieldCount + 1 > 0xffff) throw new IllegalStateException("constant pool full");
        int firstInt = entry.length;
        int constantValue = firstInt + fieldCount;
        int fieldsAt = poolEnd + 8 + 2 * u2(poolEnd + 6); // access, this, super, interfaces
        int methodsAt = methodsAt();
        byte[] out = new byte[b.length + 5 * fieldCount + 3 + CONSTANT_VALUE.length + 16 * fieldCount];
        System.arraycopy(b, 0, out, 0, 8);
        int q = put2(out, 8, constantValue + 1);
        System.arraycopy(b, 10, out, q, poolEnd - 10);
        q += poolEnd - 10;
        for (int k = 0; k < fieldCount; k++) {
            out[q++] = INTEGER;
            q = put4(out, q, fields[3 * k + 2]);
        }
        out[q++] = UTF8;
        q = put2(out, q, CONSTANT_VALUE.length);
        System.arraycopy(CONSTANT_VALUE, 0, out, q, CONSTANT_VALUE.length);
        q += CONSTANT_VALUE.length;
        System.arraycopy(b, poolEnd, out, q, fieldsAt - poolEnd);
        q += fieldsAt - poolEnd;
        q = put2(out, q, u2(fieldsAt) + fieldCount);
        System.arraycopy(b, fieldsAt + 2, out, q, methodsAt - fieldsAt - 2);
        q += methodsAt - fieldsAt - 2;
        for (int k = 0; k < fieldCount; k++) {
            q = put2(out, q, ACC_PUBLIC_STATIC_FINAL);
            q = put2(out, q, fields[3 * k]);
            q = put2(out, q, fields[3 * k + 1]);
            q = put2(out, q, 1); // one attribute: ConstantValue
            q = put2(out, q, constantValue);
            q = put4(out, q, 2);
            q = put2(out, q, firstInt + k);
        }
        System.arraycopy(b, methodsAt, out, q, b.length - methodsAt);
        return out;
    }

    /** A hash of CONSTANT_Utf8 entry {@code index}'s bytes from {@code skip} on (equal bytes, equal hashes). */
    int utf8Hash(int index, int skip) {
        int p = entry[index];
        int h = 1;
        for (int i = p + 3 + skip, end = p + 3 + u2(p + 1); i < end; i++) h = 31 * h + b[i];
        return h;
    }

    /** Whether CONSTANT_Utf8 entry {@code a}'s bytes from {@code skipA} on are entry {@code c}'s. */
    boolean utf8Equals(int a, int skipA, int c) {
        int pa = entry[a], pc = entry[c];
        int length = u2(pa + 1) - skipA;
        return length == u2(pc + 1) && Arrays.equals(b, pa + 3 + skipA, pa + 3 + skipA + length, b, pc + 3, pc + 3 + length);
    }

    /** A CONSTANT_Utf8 entry's string (modified UTF-8), from byte {@code skip} on. */
    String utf8(int index, int skip) {
        int p = entry[index];
        int length = u2(p + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = p + 3 + skip, end = p + 3 + length; i < end; ) {
            int c = b[i++] & 0xff;
            if (c < 0x80) s.append((char) c);
            else if (c < 0xe0) s.append((char) (((c & 0x1f) << 6) | (b[i++] & 0x3f)));
            else s.append((char) (((c & 0x0f) << 12) | ((b[i++] & 0x3f) << 6) | (b[i++] & 0x3f)));
        }
        return s.toString();
    }

    private String utf8(int index) {
        return utf8(index, 0);
    }

    private boolean isUtf8(int index, byte[] ascii) {
        int p = entry[index];
        return b[p] == UTF8 && u2(p + 1) == ascii.length && Arrays.equals(b, p + 3, p + 3 + ascii.length, ascii, 0, ascii.length);
    }

    private boolean startsWith(int index, byte[] prefix) {
        int p = entry[index];
        return u2(p + 1) >= prefix.length && Arrays.equals(b, p + 3, p + 3 + prefix.length, prefix, 0, prefix.length);
    }

    private int classNameIndex(int classIndex) {
        return u2(entry[classIndex] + 1);
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

    private int u2(int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private int u4(int p) {
        return (u2(p) << 16) | u2(p + 2);
    }

    private static int put2(byte[] out, int q, int v) {
        out[q] = (byte) (v >>> 8);
        out[q + 1] = (byte) v;
        return q + 2;
    }

    private static int put4(byte[] out, int q, int v) {
        put2(out, q, v >>> 16);
        return put2(out, q + 2, v);
    }
}
